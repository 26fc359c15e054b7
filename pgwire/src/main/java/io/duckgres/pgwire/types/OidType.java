package io.duckgres.pgwire.types;

import io.netty.buffer.ByteBuf;

/**
 * {@code oid}: an unsigned 32-bit object identifier. The Java value is a {@link Long} in
 * [0, 4294967295]; an {@link Integer} from the engine is read as unsigned. Text is decimal
 * (oidout), binary four bytes (oidsend). Like oidin, text input also takes negative values down
 * to -2147483648 and wraps them ({@code '-1'::oid} is 4294967295).
 */
public final class OidType extends PgType<Long> {
  public static final OidType INSTANCE = new OidType();

  private static final long MAX = 0xFFFF_FFFFL;

  private OidType() {
    super(PgTypes.OID_OID, "oid", 4, PgTypes.OID_ARRAY_OID, Long.class);
  }

  @Override
  public void writeText(Long value, ByteBuf out, FormatOptions options) {
    NumberText.writeLong(out, value);
  }

  @Override
  public void writeBinary(Long value, ByteBuf out) {
    out.writeInt((int) value.longValue());
  }

  @Override
  public Long readText(ByteBuf in, int length, FormatOptions options) {
    long value = NumberText.parseLong(in, length, Integer.MIN_VALUE, MAX, "oid");
    return value & MAX;
  }

  @Override
  public Long readBinary(ByteBuf in, int length) {
    TypeErrors.expectLength(length, 4);
    return in.readUnsignedInt();
  }

  @Override
  public Long cast(Object value) {
    if (value instanceof Long v && v >= 0 && v <= MAX) {
      return v;
    }
    if (value instanceof Integer v) {
      return Integer.toUnsignedLong(v);
    }
    if (!NumberText.isIntegral(value)) {
      throw cannotCast(value);
    }
    return NumberText.integralValue((Number) value, 0, MAX, "oid");
  }
}
