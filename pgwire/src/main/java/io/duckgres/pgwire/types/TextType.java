package io.duckgres.pgwire.types;

import io.netty.buffer.ByteBuf;

/**
 * The character-string family: {@code text}, {@code varchar}, {@code bpchar}, {@code name},
 * {@code unknown} and {@code xml}. Text and binary forms are both the UTF-8 bytes of the string
 * (textout / textsend), so the codecs are shared; only the pg_type identity differs.
 *
 * <p>Length limits ({@code varchar(n)}) and blank-padding ({@code char(n)}) are the engine's
 * business; the wire carries the value as stored. The type modifier of {@code varchar(n)} and
 * {@code char(n)} in a RowDescription is {@link #typeModifier(int) n + 4}.
 */
public final class TextType extends PgType<String> {
  public static final TextType TEXT =
      new TextType(PgTypes.TEXT_OID, "text", -1, PgTypes.TEXT_ARRAY_OID);
  public static final TextType VARCHAR =
      new TextType(PgTypes.VARCHAR_OID, "varchar", -1, PgTypes.VARCHAR_ARRAY_OID);
  public static final TextType BPCHAR =
      new TextType(PgTypes.BPCHAR_OID, "bpchar", -1, PgTypes.BPCHAR_ARRAY_OID);
  /** The 63-byte identifier type of the system catalogs (typlen 64). */
  public static final TextType NAME =
      new TextType(PgTypes.NAME_OID, "name", 64, PgTypes.NAME_ARRAY_OID);
  /** The type of an untyped literal; typlen -2 (a C string). There is no array of unknown. */
  public static final TextType UNKNOWN = new TextType(PgTypes.UNKNOWN_OID, "unknown", -2, 0);
  /** xml travels as its text; xml_send adds nothing for a UTF8 database. */
  public static final TextType XML =
      new TextType(PgTypes.XML_OID, "xml", -1, PgTypes.XML_ARRAY_OID);

  private TextType(int oid, String name, int typeLength, int arrayOid) {
    super(oid, name, typeLength, arrayOid, String.class);
  }

  /** atttypmod of {@code varchar(n)} / {@code char(n)}: n + VARHDRSZ. */
  public static int typeModifier(int maxLength) {
    return maxLength + 4;
  }

  @Override
  public void writeText(String value, ByteBuf out, FormatOptions options) {
    TextCodec.writeString(out, value);
  }

  @Override
  public void writeBinary(String value, ByteBuf out) {
    TextCodec.writeString(out, value);
  }

  @Override
  public String readText(ByteBuf in, int length, FormatOptions options) {
    return TextCodec.readString(in, length);
  }

  @Override
  public String readBinary(ByteBuf in, int length) {
    return TextCodec.readString(in, length);
  }

  /** Any value the engine has can be shown as a string; use its string form. */
  @Override
  public String cast(Object value) {
    if (value instanceof String s) {
      return s;
    }
    if (value == null) {
      throw cannotCast(null);
    }
    return value.toString();
  }
}
