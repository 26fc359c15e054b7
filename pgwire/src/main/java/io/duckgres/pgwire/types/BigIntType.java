package io.duckgres.pgwire.types;

import io.netty.buffer.ByteBuf;

/**
 * {@code int8} (bigint): 64-bit two's complement integer. Text is plain decimal
 * ({@code int8out}), binary 8 bytes big-endian ({@code int8send}). Text input follows
 * PostgreSQL 15's pg_strtoint: surrounding whitespace and a sign are allowed, nothing else.
 */
public final class BigIntType extends PgType<Long> {
  public static final BigIntType INSTANCE = new BigIntType();

  private BigIntType() {
    super(PgTypes.INT8_OID, "int8", 8, PgTypes.INT8_ARRAY_OID, Long.class);
  }

  @Override
  public void writeText(Long value, ByteBuf out, FormatOptions options) {
    NumberText.writeLong(out, value);
  }

  @Override
  public void writeBinary(Long value, ByteBuf out) {
    out.writeLong(value);
  }

  @Override
  public Long readText(ByteBuf in, int length, FormatOptions options) {
    return NumberText.parseLong(in, length, Long.MIN_VALUE, Long.MAX_VALUE, "bigint");
  }

  @Override
  public Long readBinary(ByteBuf in, int length) {
    TypeErrors.expectLength(length, 8);
    return in.readLong();
  }

  /** Accepts any integral {@link Number} whose value fits. */
  @Override
  public Long cast(Object value) {
    if (value instanceof Long v) {
      return v;
    }
    if (!NumberText.isIntegral(value)) {
      throw cannotCast(value);
    }
    return NumberText.integralValue((Number) value, Long.MIN_VALUE, Long.MAX_VALUE, "bigint");
  }
}
