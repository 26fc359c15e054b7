package io.duckgres.pgwire.types;

import io.netty.buffer.ByteBuf;
import java.util.UUID;

/**
 * {@code uuid}. Text is the lower-case 8-4-4-4-12 form (uuid_out), written without building a
 * String; binary is the 16 bytes (uuid_send). Text input (string_to_uuid) takes upper or lower
 * case, optional braces around the whole, and a hyphen after any group of four digits.
 */
public final class UuidType extends PgType<UUID> {
  public static final UuidType INSTANCE = new UuidType();

  private UuidType() {
    super(PgTypes.UUID_OID, "uuid", 16, PgTypes.UUID_ARRAY_OID, UUID.class);
  }

  @Override
  public void writeText(UUID value, ByteBuf out, FormatOptions options) {
    out.ensureWritable(36);
    int pos = out.writerIndex();
    pos = writeHex(out, pos, value.getMostSignificantBits() >>> 32, 8);
    out.setByte(pos++, '-');
    pos = writeHex(out, pos, value.getMostSignificantBits() >>> 16, 4);
    out.setByte(pos++, '-');
    pos = writeHex(out, pos, value.getMostSignificantBits(), 4);
    out.setByte(pos++, '-');
    pos = writeHex(out, pos, value.getLeastSignificantBits() >>> 48, 4);
    out.setByte(pos++, '-');
    pos = writeHex(out, pos, value.getLeastSignificantBits(), 12);
    out.writerIndex(pos);
  }

  /** Writes the low {@code digits} hex digits of bits at pos; returns the next position. */
  private static int writeHex(ByteBuf out, int pos, long bits, int digits) {
    for (int i = digits - 1; i >= 0; i--) {
      out.setByte(pos + i, TextCodec.HEX_DIGITS[(int) (bits & 0xf)]);
      bits >>>= 4;
    }
    return pos + digits;
  }

  @Override
  public void writeBinary(UUID value, ByteBuf out) {
    out.writeLong(value.getMostSignificantBits());
    out.writeLong(value.getLeastSignificantBits());
  }

  @Override
  public UUID readText(ByteBuf in, int length, FormatOptions options) {
    int start = in.readerIndex();
    int end = start + length;
    int i = start;
    boolean braces = length > 0 && in.getByte(i) == '{';
    if (braces) {
      i++;
    }
    long high = 0;
    long low = 0;
    for (int digit = 0; digit < 32; digit++) {
      int value = i < end ? TextCodec.hexValue(in.getByte(i)) : -1;
      if (value < 0) {
        throw invalid(in, start, length);
      }
      i++;
      if (digit < 16) {
        high = (high << 4) | value;
      } else {
        low = (low << 4) | value;
      }
      if (digit % 4 == 3 && digit < 31 && i < end && in.getByte(i) == '-') {
        i++;
      }
    }
    if (braces) {
      if (i >= end || in.getByte(i) != '}') {
        throw invalid(in, start, length);
      }
      i++;
    }
    if (i != end) {
      throw invalid(in, start, length);
    }
    in.readerIndex(end);
    return new UUID(high, low);
  }

  private static RuntimeException invalid(ByteBuf in, int start, int length) {
    return TypeErrors.invalidText("uuid", TypeErrors.inputText(in, start, length));
  }

  @Override
  public UUID readBinary(ByteBuf in, int length) {
    TypeErrors.expectLength(length, 16);
    return new UUID(in.readLong(), in.readLong());
  }
}
