package io.duckgres.pgwire.types;

import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/** The errors of the type codecs, worded as PostgreSQL words them (see its adt/*.c files). */
final class TypeErrors {
  private TypeErrors() {}

  /** 22P02, as from int4in, boolin, uuid_in, numeric_in, float8in. */
  static PgException invalidText(String typeDisplayName, String input) {
    return new PgException(
        SqlState.INVALID_TEXT_REPRESENTATION,
        "invalid input syntax for type " + typeDisplayName + ": \"" + input + "\"");
  }

  /** 22003, as from pg_strtoint32: {@code value "99999999999" is out of range for type integer}. */
  static PgException valueOutOfRange(String typeDisplayName, String input) {
    return new PgException(
        SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
        "value \"" + input + "\" is out of range for type " + typeDisplayName);
  }

  /** 22003, as from float8in: {@code "1e400" is out of range for type double precision}. */
  static PgException floatOutOfRange(String typeDisplayName, String input) {
    return new PgException(
        SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
        "\"" + input + "\" is out of range for type " + typeDisplayName);
  }

  /** 22007, as from DateTimeParseError for a string that is no date/time at all. */
  static PgException invalidDatetime(String typeDisplayName, String input) {
    return new PgException(
        SqlState.INVALID_DATETIME_FORMAT,
        "invalid input syntax for type " + typeDisplayName + ": \"" + input + "\"");
  }

  /** 22008, as from DateTimeParseError for a field such as month 13. */
  static PgException fieldOutOfRange(String input) {
    return new PgException(
        SqlState.DATETIME_FIELD_OVERFLOW,
        "date/time field value out of range: \"" + input + "\"");
  }

  /** 22008: {@code date out of range: "5874898-01-01"} (what = date, timestamp, interval). */
  static PgException datetimeOutOfRange(String what, String input) {
    return new PgException(
        SqlState.DATETIME_FIELD_OVERFLOW,
        input == null ? what + " out of range" : what + " out of range: \"" + input + "\"");
  }

  /** 22P03: a binary value of the wrong size or shape. */
  static PgException binaryFormat() {
    return new PgException(SqlState.INVALID_BINARY_REPRESENTATION, "incorrect binary data format");
  }

  /** 22P03 with PostgreSQL's own, more specific message (numeric_recv, array_recv). */
  static PgException binaryFormat(String message) {
    return new PgException(SqlState.INVALID_BINARY_REPRESENTATION, message);
  }

  /** Checks the length of a fixed-size binary value. */
  static void expectLength(int length, int expected) {
    if (length != expected) {
      throw binaryFormat();
    }
  }

  /** The offending input as text for an error message; never throws. */
  static String inputText(ByteBuf in, int start, int length) {
    return in.toString(start, length, StandardCharsets.UTF_8);
  }
}
