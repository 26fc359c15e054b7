package io.duckgres.pgwire.types;

import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import io.netty.buffer.ByteBuf;

/**
 * {@code json} and {@code jsonb}, carried as their JSON text. Text forms are the text; the binary
 * form of json is the text too, and jsonb's (jsonb_send) is a version byte 1 followed by the text.
 * jsonb input takes the same JSON text (with the version byte when binary); the engine parses and
 * validates it. PostgreSQL normalises jsonb text output (key order, spacing); we send the text
 * the engine returns.
 */
public final class JsonType extends PgType<String> {
  public static final JsonType JSON =
      new JsonType(PgTypes.JSON_OID, "json", PgTypes.JSON_ARRAY_OID, false);
  public static final JsonType JSONB =
      new JsonType(PgTypes.JSONB_OID, "jsonb", PgTypes.JSONB_ARRAY_OID, true);

  private static final int JSONB_VERSION = 1;

  private final boolean versioned;

  private JsonType(int oid, String name, int arrayOid, boolean versioned) {
    super(oid, name, -1, arrayOid, String.class);
    this.versioned = versioned;
  }

  @Override
  public void writeText(String value, ByteBuf out, FormatOptions options) {
    TextCodec.writeString(out, value);
  }

  @Override
  public void writeBinary(String value, ByteBuf out) {
    if (versioned) {
      out.writeByte(JSONB_VERSION);
    }
    TextCodec.writeString(out, value);
  }

  @Override
  public String readText(ByteBuf in, int length, FormatOptions options) {
    return TextCodec.readString(in, length);
  }

  @Override
  public String readBinary(ByteBuf in, int length) {
    if (versioned) {
      if (length < 1) {
        throw TypeErrors.binaryFormat();
      }
      int version = in.readByte();
      if (version != JSONB_VERSION) {
        throw new PgException(
            SqlState.INVALID_BINARY_REPRESENTATION, "unsupported jsonb version number " + version);
      }
      length--;
    }
    return TextCodec.readString(in, length);
  }

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
