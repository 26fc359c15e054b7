package io.duckgres.pgwire.types;

import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * {@code bytea}: binary strings. Text output is the hex format ({@code \x0102ff}, bytea_output =
 * hex); binary is the raw bytes. Text input (byteain) takes the hex format, with whitespace
 * allowed between digit pairs, or the escape format, where {@code \\} is a backslash and
 * {@code \ooo} an octal byte.
 */
public final class ByteaType extends PgType<byte[]> {
  public static final ByteaType INSTANCE = new ByteaType();

  private ByteaType() {
    super(PgTypes.BYTEA_OID, "bytea", -1, PgTypes.BYTEA_ARRAY_OID, byte[].class);
  }

  @Override
  public void writeText(byte[] value, ByteBuf out, FormatOptions options) {
    out.ensureWritable(2 + value.length * 2);
    int pos = out.writerIndex();
    out.setByte(pos++, '\\');
    out.setByte(pos++, 'x');
    for (byte b : value) {
      out.setByte(pos++, TextCodec.HEX_DIGITS[(b >> 4) & 0xf]);
      out.setByte(pos++, TextCodec.HEX_DIGITS[b & 0xf]);
    }
    out.writerIndex(pos);
  }

  @Override
  public void writeBinary(byte[] value, ByteBuf out) {
    out.writeBytes(value);
  }

  @Override
  public byte[] readText(ByteBuf in, int length, FormatOptions options) {
    int start = in.readerIndex();
    in.skipBytes(length);
    if (length >= 2 && in.getByte(start) == '\\' && in.getByte(start + 1) == 'x') {
      return decodeHex(in, start + 2, start + length);
    }
    return decodeEscape(in, start, start + length);
  }

  private static byte[] decodeHex(ByteBuf in, int from, int end) {
    byte[] buffer = new byte[(end - from) / 2];
    int count = 0;
    int i = from;
    while (i < end) {
      int c = in.getByte(i);
      if (c == ' ' || c == '\n' || c == '\t' || c == '\r') { // hex_decode's set, not isspace
        i++;
        continue;
      }
      int high = hexDigit(c);
      if (i + 1 >= end) {
        throw new PgException(
            SqlState.INVALID_PARAMETER_VALUE, "invalid hexadecimal data: odd number of digits");
      }
      int low = hexDigit(in.getByte(i + 1));
      buffer[count++] = (byte) ((high << 4) | low);
      i += 2;
    }
    return count == buffer.length ? buffer : Arrays.copyOf(buffer, count);
  }

  private static int hexDigit(int c) {
    int value = TextCodec.hexValue(c);
    if (value < 0) {
      String shown =
          c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02x", c & 0xff);
      throw new PgException(
          SqlState.INVALID_PARAMETER_VALUE, "invalid hexadecimal digit: \"" + shown + "\"");
    }
    return value;
  }

  private static byte[] decodeEscape(ByteBuf in, int from, int end) {
    byte[] buffer = new byte[end - from];
    int count = 0;
    int i = from;
    while (i < end) {
      byte c = in.getByte(i);
      if (c != '\\') {
        buffer[count++] = c;
        i++;
      } else if (i + 1 < end && in.getByte(i + 1) == '\\') {
        buffer[count++] = '\\';
        i += 2;
      } else if (i + 3 < end
          && isOctal(in.getByte(i + 1), '3')
          && isOctal(in.getByte(i + 2), '7')
          && isOctal(in.getByte(i + 3), '7')) {
        buffer[count++] =
            (byte)
                (((in.getByte(i + 1) - '0') << 6)
                    | ((in.getByte(i + 2) - '0') << 3)
                    | (in.getByte(i + 3) - '0'));
        i += 4;
      } else {
        throw new PgException(
            SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type bytea");
      }
    }
    return count == buffer.length ? buffer : Arrays.copyOf(buffer, count);
  }

  private static boolean isOctal(byte b, char max) {
    return b >= '0' && b <= max;
  }

  @Override
  public byte[] readBinary(ByteBuf in, int length) {
    byte[] bytes = new byte[length];
    in.readBytes(bytes);
    return bytes;
  }

  /** Also accepts a {@link ByteBuffer} (its remaining bytes) and a Netty {@link ByteBuf}. */
  @Override
  public byte[] cast(Object value) {
    if (value instanceof byte[] bytes) {
      return bytes;
    }
    if (value instanceof ByteBuffer buffer) {
      byte[] bytes = new byte[buffer.remaining()];
      buffer.duplicate().get(bytes);
      return bytes;
    }
    if (value instanceof ByteBuf buf) {
      return ByteBufUtil.getBytes(buf);
    }
    throw cannotCast(value);
  }
}
