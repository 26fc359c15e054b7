package io.duckgres.pgwire.types;

import io.netty.buffer.ByteBuf;

/**
 * {@code int2} (smallint): 16-bit two's complement integer. Text is plain decimal
 * ({@code int2out}), binary 2 bytes big-endian ({@code int2send}). Text input follows
 * PostgreSQL 15's pg_strtoint: surrounding whitespace and a sign are allowed, nothing else.
 */
public final class SmallIntType extends PgType<Short> {
  public static final SmallIntType INSTANCE = new SmallIntType();

  private SmallIntType() {
    super(PgTypes.INT2_OID, "int2", 2, PgTypes.INT2_ARRAY_OID, Short.class);
  }

  @Override
  public void writeText(Short value, ByteBuf out, FormatOptions options) {
    NumberText.writeLong(out, value);
  }

  @Override
  public void writeBinary(Short value, ByteBuf out) {
    out.writeShort(value);
  }

  @Override
  public Short readText(ByteBuf in, int length, FormatOptions options) {
    return (short) NumberText.parseLong(in, length, Short.MIN_VALUE, Short.MAX_VALUE, "smallint");
  }

  @Override
  public Short readBinary(ByteBuf in, int length) {
    TypeErrors.expectLength(length, 2);
    return in.readShort();
  }

  /** Accepts any integral {@link Number} whose value fits. */
  @Override
  public Short cast(Object value) {
    if (value instanceof Short v) {
      return v;
    }
    if (!NumberText.isIntegral(value)) {
      throw cannotCast(value);
    }
    return (short) NumberText.integralValue((Number) value, Short.MIN_VALUE, Short.MAX_VALUE, "smallint");
  }
}
