package io.duckgres.pgwire.types;

import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** UTF-8 and whitespace helpers shared by the text codecs. The server encoding is always UTF8. */
final class TextCodec {
  private TextCodec() {}

  /**
   * Reads {@code length} bytes as UTF-8, rejecting what PostgreSQL rejects for a UTF8 database:
   * malformed sequences and the NUL byte (SQLSTATE 22021).
   */
  static String readString(ByteBuf in, int length) {
    int start = in.readerIndex();
    boolean ascii = true;
    for (int i = 0; i < length; i++) {
      byte b = in.getByte(start + i);
      if (b <= 0) {
        if (b == 0) {
          throw invalidByteSequence(b);
        }
        ascii = false;
        break;
      }
    }
    String result;
    if (ascii) {
      result = in.toString(start, length, StandardCharsets.US_ASCII);
    } else {
      CharsetDecoder decoder =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT);
      ByteBuffer bytes = in.nioBufferCount() == 1 ? in.nioBuffer(start, length) : copy(in, length);
      try {
        result = decoder.decode(bytes).toString();
      } catch (CharacterCodingException e) {
        throw invalidByteSequence(in.getByte(start + bytes.position()));
      }
      if (result.indexOf('\0') >= 0) {
        throw invalidByteSequence((byte) 0);
      }
    }
    in.skipBytes(length);
    return result;
  }

  private static ByteBuffer copy(ByteBuf in, int length) {
    byte[] bytes = new byte[length];
    in.getBytes(in.readerIndex(), bytes);
    return ByteBuffer.wrap(bytes);
  }

  private static PgException invalidByteSequence(byte b) {
    return new PgException(
        SqlState.CHARACTER_NOT_IN_REPERTOIRE,
        String.format("invalid byte sequence for encoding \"UTF8\": 0x%02x", b & 0xff));
  }

  /** Writes a string as UTF-8 without an intermediate byte array. */
  static void writeString(ByteBuf out, CharSequence value) {
    ByteBufUtil.writeUtf8(out, value);
  }

  /** Writes a string known to be ASCII. */
  static void writeAscii(ByteBuf out, CharSequence value) {
    ByteBufUtil.writeAscii(out, value);
  }

  /** PostgreSQL's isspace() set: space, \t, \n, \v, \f, \r. */
  static boolean isSpace(int c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
  }

  /** Strips leading and trailing {@link #isSpace} characters, as the numeric input functions do. */
  static String trim(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isSpace(s.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(s.charAt(end - 1))) {
      end--;
    }
    return start == 0 && end == s.length() ? s : s.substring(start, end);
  }

  /** Parses one hexadecimal digit, or returns -1. */
  static int hexValue(int c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  /** Lower-case hex digits, as PostgreSQL prints them. */
  static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
}
