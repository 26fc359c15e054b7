package io.duckgres.pgwire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Byte fixtures written the way the PostgreSQL documentation ("Message Formats") lays messages
 * out: hex with free spacing, plus {@code 'quoted'} text for the UTF-8 bytes of a string (its NUL
 * terminator is written out as {@code 00}, so every length in a fixture can be counted by eye).
 */
final class Hex {
  private Hex() {}

  /** {@code "51 0000000d 'select 1' 00"} → the bytes. */
  static byte[] bytes(String spec) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int i = 0;
    while (i < spec.length()) {
      char c = spec.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '\'') {
        int end = spec.indexOf('\'', i + 1);
        if (end < 0) {
          throw new IllegalArgumentException("unterminated quote in fixture: " + spec);
        }
        out.writeBytes(spec.substring(i + 1, end).getBytes(StandardCharsets.UTF_8));
        i = end + 1;
      } else {
        int end = i;
        while (end < spec.length() && Character.digit(spec.charAt(end), 16) >= 0) {
          end++;
        }
        if (end == i || (end - i) % 2 != 0) {
          throw new IllegalArgumentException("bad hex at offset " + i + " in fixture: " + spec);
        }
        out.writeBytes(ByteBufUtil.decodeHexDump(spec, i, end - i));
        i = end;
      }
    }
    return out.toByteArray();
  }

  /** The fixture as canonical lowercase hex without spaces, for comparison with {@link #of}. */
  static String canonical(String spec) {
    return ByteBufUtil.hexDump(bytes(spec));
  }

  /** The readable bytes of a buffer as lowercase hex, without moving its reader index. */
  static String of(ByteBuf buffer) {
    return ByteBufUtil.hexDump(buffer);
  }
}
