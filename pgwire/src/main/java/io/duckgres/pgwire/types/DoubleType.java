package io.duckgres.pgwire.types;

import io.netty.buffer.ByteBuf;

/**
 * {@code float8} (double precision): IEEE 754 binary64. Text output is the shortest decimal that reads
 * back exactly, formatted like PostgreSQL 12+ ({@link FloatText}); binary is the 8-byte IEEE
 * bits, big-endian (float8send). Text input takes decimals and NaN / Infinity / inf.
 */
public final class DoubleType extends PgType<Double> {
  public static final DoubleType INSTANCE = new DoubleType();

  private DoubleType() {
    super(PgTypes.FLOAT8_OID, "float8", 8, PgTypes.FLOAT8_ARRAY_OID, Double.class);
  }

  @Override
  public void writeText(Double value, ByteBuf out, FormatOptions options) {
    FloatText.writeDouble(out, value);
  }

  @Override
  public void writeBinary(Double value, ByteBuf out) {
    out.writeDouble(value);
  }

  @Override
  public Double readText(ByteBuf in, int length, FormatOptions options) {
    return FloatText.parse(TextCodec.readString(in, length), false);
  }

  @Override
  public Double readBinary(ByteBuf in, int length) {
    TypeErrors.expectLength(length, 8);
    return in.readDouble();
  }

  /** Accepts any {@link Number}; the engine's FLOAT and DOUBLE both arrive here. */
  @Override
  public Double cast(Object value) {
    if (value instanceof Double v) {
      return v;
    }
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    throw cannotCast(value);
  }
}
