package io.duckgres.pgwire.types;

import io.netty.buffer.ByteBuf;

/**
 * {@code int4} (integer): 32-bit two's complement integer. Text is plain decimal
 * ({@code int4out}), binary 4 bytes big-endian ({@code int4send}). Text input follows
 * PostgreSQL 15's pg_strtoint: surrounding whitespace and a sign are allowed, nothing else.
 */
public final class IntegerType extends PgType<Integer> {
  public static final IntegerType INSTANCE = new IntegerType();

  private IntegerType() {
    super(PgTypes.INT4_OID, "int4", 4, PgTypes.INT4_ARRAY_OID, Integer.class);
  }

  @Override
  public void writeText(Integer value, ByteBuf out, FormatOptions options) {
    NumberText.writeLong(out, value);
  }

  @Override
  public void writeBinary(Integer value, ByteBuf out) {
    out.writeInt(value);
  }

  @Override
  public Integer readText(ByteBuf in, int length, FormatOptions options) {
    return (int) NumberText.parseLong(in, length, Integer.MIN_VALUE, Integer.MAX_VALUE, "integer");
  }

  @Override
  public Integer readBinary(ByteBuf in, int length) {
    TypeErrors.expectLength(length, 4);
    return in.readInt();
  }

  /** Accepts any integral {@link Number} whose value fits. */
  @Override
  public Integer cast(Object value) {
    if (value instanceof Integer v) {
      return v;
    }
    if (!NumberText.isIntegral(value)) {
      throw cannotCast(value);
    }
    return (int) NumberText.integralValue((Number) value, Integer.MIN_VALUE, Integer.MAX_VALUE, "integer");
  }
}
