package io.duckgres.pgwire.types;

import io.netty.buffer.ByteBuf;

/**
 * {@code bool}: text {@code t} / {@code f} (boolout); binary one byte 1 / 0 (boolsend). Text input
 * accepts what boolin does: surrounding whitespace, then case-insensitively {@code true},
 * {@code yes}, {@code on}, {@code 1}, {@code false}, {@code no}, {@code off}, {@code 0}, or any
 * unique prefix of them ({@code t}, {@code tr}, {@code y}, {@code of} …; {@code o} is ambiguous).
 */
public final class BooleanType extends PgType<Boolean> {
  public static final BooleanType INSTANCE = new BooleanType();

  private BooleanType() {
    super(PgTypes.BOOL_OID, "bool", 1, PgTypes.BOOL_ARRAY_OID, Boolean.class);
  }

  @Override
  public void writeText(Boolean value, ByteBuf out, FormatOptions options) {
    out.writeByte(value ? 't' : 'f');
  }

  @Override
  public void writeBinary(Boolean value, ByteBuf out) {
    out.writeByte(value ? 1 : 0);
  }

  @Override
  public Boolean readText(ByteBuf in, int length, FormatOptions options) {
    String input = TextCodec.readString(in, length);
    Boolean value = parse(TextCodec.trim(input));
    if (value == null) {
      throw TypeErrors.invalidText("boolean", input);
    }
    return value;
  }

  /** parse_bool_with_len: a prefix of a spelling, or null when there is no unique match. */
  static Boolean parse(String s) {
    if (s.isEmpty()) {
      return null;
    }
    switch (Character.toLowerCase(s.charAt(0))) {
      case 't':
        return isPrefixOf(s, "true", 1) ? Boolean.TRUE : null;
      case 'y':
        return isPrefixOf(s, "yes", 1) ? Boolean.TRUE : null;
      case 'f':
        return isPrefixOf(s, "false", 1) ? Boolean.FALSE : null;
      case 'n':
        return isPrefixOf(s, "no", 1) ? Boolean.FALSE : null;
      case 'o':
        if (isPrefixOf(s, "on", 2)) {
          return Boolean.TRUE;
        }
        return isPrefixOf(s, "off", 2) ? Boolean.FALSE : null;
      case '1':
        return s.length() == 1 ? Boolean.TRUE : null;
      case '0':
        return s.length() == 1 ? Boolean.FALSE : null;
      default:
        return null;
    }
  }

  private static boolean isPrefixOf(String s, String word, int minLength) {
    return s.length() >= minLength
        && s.length() <= word.length()
        && word.regionMatches(true, 0, s, 0, s.length());
  }

  /** boolrecv: one byte, any non-zero value is true. */
  @Override
  public Boolean readBinary(ByteBuf in, int length) {
    TypeErrors.expectLength(length, 1);
    return in.readByte() != 0;
  }
}
