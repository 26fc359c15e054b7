package io.duckgres.pgwire.types;

import io.netty.buffer.ByteBuf;

/**
 * {@code "char"} (OID 18): the single-byte internal type of the system catalogs, not
 * {@code char(n)}. The Java value is the raw {@link Byte}. Text output (charout, PostgreSQL 15):
 * the byte itself, nothing for 0, and {@code \ooo} octal for bytes with the high bit set; text
 * input reverses that and otherwise takes the first byte. Binary is the one byte.
 */
public final class CharType extends PgType<Byte> {
  public static final CharType INSTANCE = new CharType();

  private CharType() {
    super(PgTypes.CHAR_OID, "char", 1, PgTypes.CHAR_ARRAY_OID, Byte.class);
  }

  @Override
  public void writeText(Byte value, ByteBuf out, FormatOptions options) {
    int b = value & 0xff;
    if (b >= 0x80) {
      out.writeByte('\\');
      out.writeByte('0' + (b >> 6));
      out.writeByte('0' + ((b >> 3) & 7));
      out.writeByte('0' + (b & 7));
    } else if (b != 0) {
      out.writeByte(b);
    }
  }

  @Override
  public void writeBinary(Byte value, ByteBuf out) {
    out.writeByte(value);
  }

  @Override
  public Byte readText(ByteBuf in, int length, FormatOptions options) {
    int start = in.readerIndex();
    in.skipBytes(length);
    if (length == 4
        && in.getByte(start) == '\\'
        && isOctal(in.getByte(start + 1), '3')
        && isOctal(in.getByte(start + 2), '7')
        && isOctal(in.getByte(start + 3), '7')) {
      return (byte)
          (((in.getByte(start + 1) - '0') << 6)
              | ((in.getByte(start + 2) - '0') << 3)
              | (in.getByte(start + 3) - '0'));
    }
    return length == 0 ? 0 : in.getByte(start);
  }

  private static boolean isOctal(byte b, char max) {
    return b >= '0' && b <= max;
  }

  /** charrecv takes one byte; PostgreSQL reads whatever is there, we insist on exactly one. */
  @Override
  public Byte readBinary(ByteBuf in, int length) {
    TypeErrors.expectLength(length, 1);
    return in.readByte();
  }

  @Override
  public Byte cast(Object value) {
    if (value instanceof Byte b) {
      return b;
    }
    if (value instanceof Character c && c < 0x100) {
      return (byte) c.charValue();
    }
    if (value instanceof String s && s.length() <= 1) {
      return s.isEmpty() ? 0 : (byte) s.charAt(0);
    }
    throw cannotCast(value);
  }
}
