package io.duckgres.pgwire.types;

import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import io.netty.buffer.ByteBuf;

/**
 * One PostgreSQL data type as it travels on the wire: its pg_type identity (OID, typname, typlen,
 * the OID of its array type) and four codecs — the text and binary forms, in both directions.
 *
 * <p>Text output is what PostgreSQL's output function ({@code int4out}, {@code timestamptz_out},
 * …) prints, UTF-8, without the length prefix; binary output is what its send function
 * ({@code int4send}, …) produces. Readers parse a Bind parameter or a COPY field of exactly
 * {@code length} bytes starting at the buffer's reader index and consume exactly those bytes.
 * SQL NULL (length -1) never reaches a codec; {@link #writeCell} and {@link #readParameter} are
 * the null-aware entry points. See the PostgreSQL documentation, "Message Formats" (DataRow, Bind)
 * and chapter 8, "Data Types".
 *
 * <p>Instances are immutable singletons ({@code IntegerType.INSTANCE}) and safe to share.
 *
 * @param <T> the Java value class the engine hands over and parameter parsing returns
 */
public abstract class PgType<T> {
  /** pg_attribute.atttypmod for "no modifier". */
  public static final int NO_TYPE_MODIFIER = -1;

  private final int oid;
  private final String name;
  private final short typeLength;
  private final int arrayOid;
  private final Class<T> javaType;

  protected PgType(int oid, String name, int typeLength, int arrayOid, Class<T> javaType) {
    this.oid = oid;
    this.name = name;
    this.typeLength = (short) typeLength;
    this.arrayOid = arrayOid;
    this.javaType = javaType;
  }

  /** pg_type.oid. */
  public final int oid() {
    return oid;
  }

  /** pg_type.typname, e.g. {@code int4}, {@code _int4}. */
  public final String name() {
    return name;
  }

  /** pg_type.typlen: the fixed size in bytes, -1 for varlena, -2 for C strings. */
  public final short typeLength() {
    return typeLength;
  }

  /** pg_type.typarray: the OID of the array type of this type, or 0 when there is none. */
  public final int arrayOid() {
    return arrayOid;
  }

  /** The Java value class of this type. */
  public final Class<T> javaType() {
    return javaType;
  }

  /** Writes PostgreSQL's text output form of {@code value}; options carry session settings. */
  public abstract void writeText(T value, ByteBuf out, FormatOptions options);

  /** Writes PostgreSQL's binary send form of {@code value}. */
  public abstract void writeBinary(T value, ByteBuf out);

  /** Parses {@code length} bytes of text input; options carry session settings. */
  public abstract T readText(ByteBuf in, int length, FormatOptions options);

  /** Parses {@code length} bytes of binary input. */
  public abstract T readBinary(ByteBuf in, int length);

  /** {@link #writeText(Object, ByteBuf, FormatOptions)} with the default (UTC) options. */
  public final void writeText(T value, ByteBuf out) {
    writeText(value, out, FormatOptions.DEFAULT);
  }

  /** {@link #readText(ByteBuf, int, FormatOptions)} with the default (UTC) options. */
  public final T readText(ByteBuf in, int length) {
    return readText(in, length, FormatOptions.DEFAULT);
  }

  /**
   * Converts a value the engine produced into this type's Java value class. Subclasses widen
   * what they accept (any {@link Number} for the numeric types, for instance); a value that cannot
   * be represented is an error rather than a silent change.
   */
  public T cast(Object value) {
    if (javaType.isInstance(value)) {
      return javaType.cast(value);
    }
    throw cannotCast(value);
  }

  /** Writes the text form of a value of unknown static type (see {@link #cast}). */
  public final void writeTextObject(Object value, ByteBuf out, FormatOptions options) {
    writeText(cast(value), out, options);
  }

  /** Writes the binary form of a value of unknown static type (see {@link #cast}). */
  public final void writeBinaryObject(Object value, ByteBuf out) {
    writeBinary(cast(value), out);
  }

  /**
   * Writes one DataRow column value: {@code int32 length | bytes}, or length -1 for null.
   *
   * @param binary true for format code 1 (binary), false for 0 (text)
   */
  public final void writeCell(Object value, boolean binary, ByteBuf out, FormatOptions options) {
    if (value == null) {
      out.writeInt(-1);
      return;
    }
    int lengthIndex = out.writerIndex();
    out.writeInt(0);
    if (binary) {
      writeBinaryObject(value, out);
    } else {
      writeTextObject(value, out, options);
    }
    out.setInt(lengthIndex, out.writerIndex() - lengthIndex - 4);
  }

  /**
   * Reads one Bind parameter value of {@code length} bytes (-1 is SQL NULL, returned as null).
   * Exactly {@code length} bytes are consumed; a binary value that does not fill them is an
   * {@code incorrect binary data format} error, as in PostgreSQL.
   */
  public final T readParameter(
      ByteBuf in, int length, boolean binary, FormatOptions options) {
    if (length < 0) {
      return null;
    }
    if (length > in.readableBytes()) {
      throw new PgException(SqlState.PROTOCOL_VIOLATION, "insufficient data left in message");
    }
    int end = in.readerIndex() + length;
    T value = binary ? readBinary(in, length) : readText(in, length, options);
    if (in.readerIndex() != end) {
      in.readerIndex(end);
      if (binary) {
        throw TypeErrors.binaryFormat();
      }
    }
    return value;
  }

  /** The error for an engine value this type cannot send; a server bug, not a client error. */
  protected final PgException cannotCast(Object value) {
    return new PgException(
        SqlState.DATATYPE_MISMATCH,
        "cannot send a value of Java class "
            + (value == null ? "null" : value.getClass().getName())
            + " as type "
            + name);
  }

  @Override
  public String toString() {
    return name + "(" + oid + ")";
  }
}
