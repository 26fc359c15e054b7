package io.duckgres.pgwire.types;

import io.netty.buffer.ByteBuf;

/**
 * {@code float4} (real): IEEE 754 binary32. Text output is the shortest decimal that reads
 * back exactly, formatted like PostgreSQL 12+ ({@link FloatText}); binary is the 4-byte IEEE
 * bits, big-endian (float4send). Text input takes decimals and NaN / Infinity / inf.
 */
public final class RealType extends PgType<Float> {
  public static final RealType INSTANCE = new RealType();

  private RealType() {
    super(PgTypes.FLOAT4_OID, "float4", 4, PgTypes.FLOAT4_ARRAY_OID, Float.class);
  }

  @Override
  public void writeText(Float value, ByteBuf out, FormatOptions options) {
    FloatText.writeFloat(out, value);
  }

  @Override
  public void writeBinary(Float value, ByteBuf out) {
    out.writeFloat(value);
  }

  @Override
  public Float readText(ByteBuf in, int length, FormatOptions options) {
    return (float) FloatText.parse(TextCodec.readString(in, length), true);
  }

  @Override
  public Float readBinary(ByteBuf in, int length) {
    TypeErrors.expectLength(length, 4);
    return in.readFloat();
  }

  /** Accepts any {@link Number}; the engine's FLOAT and DOUBLE both arrive here. */
  @Override
  public Float cast(Object value) {
    if (value instanceof Float v) {
      return v;
    }
    if (value instanceof Number n) {
      return n.floatValue();
    }
    throw cannotCast(value);
  }
}
