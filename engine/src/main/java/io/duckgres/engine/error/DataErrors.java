package io.duckgres.engine.error;

import io.duckgres.pgwire.SqlState;

/**
 * Errors about values and transactions rather than names: failed casts, violated constraints,
 * conflicting transactions and DuckDB's catch-all "Invalid Input". DuckDB's text is kept; only the
 * SQLSTATE is chosen here. {@code lower} is always {@code message} in lower case.
 */
final class DataErrors {
  private DataErrors() {}

  /** Conversion errors: casts of text or numbers that failed. */
  static ErrorMapping conversion(String message, String lower) {
    // "Unknown TimeZone 'x'!" in a timestamptz literal: PostgreSQL says invalid parameter.
    if (lower.contains("unknown timezone")) {
      return new ErrorMapping(SqlState.INVALID_PARAMETER_VALUE, message);
    }
    // "date field value out of range: "2020-13-45"", "Date out of range: 2020-13-1".
    if (lower.contains("field value out of range") || lower.matches("^(date|time|timestamp)"
        + " out of range.*")) {
      return new ErrorMapping(SqlState.DATETIME_FIELD_OVERFLOW, message);
    }
    // "invalid date field format: "abc", expected format is (YYYY-MM-DD)".
    if (lower.contains("field format") || lower.contains("expected format")) {
      return new ErrorMapping(SqlState.INVALID_DATETIME_FORMAT, message);
    }
    // "Type INT32 with value 300 can't be cast because the value is out of range for the
    // destination type INT8", "Casting value "99.99" to type DECIMAL(3,1) failed: value is out
    // of range!".
    if (lower.contains("out of range") || lower.contains("overflow")) {
      return new ErrorMapping(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, message);
    }
    // "Unimplemented type for cast (BLOB -> INTEGER)": no cast exists between the types.
    if (lower.startsWith("unimplemented type for cast")) {
      return new ErrorMapping(SqlState.CANNOT_COERCE, message);
    }
    // "extract specifier "foo" not recognized".
    if (lower.contains("not recognized")) {
      return new ErrorMapping(SqlState.INVALID_PARAMETER_VALUE, message);
    }
    // "Could not convert string 'abc' to INT32", "Malformed JSON at byte 5 ...".
    return new ErrorMapping(SqlState.INVALID_TEXT_REPRESENTATION, message);
  }

  /** Constraint errors: DuckDB names the violated constraint kind in the text. */
  static ErrorMapping constraint(String message, String lower) {
    // "Duplicate key "id: 1" violates primary key constraint." (or unique constraint).
    if (lower.contains("duplicate key") || lower.contains("unique")) {
      return new ErrorMapping(SqlState.UNIQUE_VIOLATION, message);
    }
    // "NOT NULL constraint failed: t.v".
    if (lower.contains("not null")) {
      return new ErrorMapping(SqlState.NOT_NULL_VIOLATION, message);
    }
    // "Violates foreign key constraint because key "id: 99" does not exist in the referenced
    // table" (and the delete-side "still referenced" variant).
    if (lower.contains("foreign key")) {
      return new ErrorMapping(SqlState.FOREIGN_KEY_VIOLATION, message);
    }
    // "CHECK constraint failed on table t with expression CHECK((c > 0))".
    if (lower.contains("check constraint")) {
      return new ErrorMapping(SqlState.CHECK_VIOLATION, message);
    }
    // A constraint kind we don't know by name: the class code.
    return new ErrorMapping(SqlState.INTEGRITY_CONSTRAINT_VIOLATION, message);
  }

  /** TransactionContext errors: conflicts between transactions and misuse of BEGIN/COMMIT. */
  static ErrorMapping transaction(String message, String lower) {
    // "Conflict on update!", "Conflict on tuple deletion!", "Catalog write-write conflict on
    // create ...", "Transaction conflict: ...": another transaction won; clients retry on 40001.
    if (lower.contains("conflict") || lower.contains("serializ")) {
      return new ErrorMapping(SqlState.SERIALIZATION_FAILURE, message);
    }
    // "Current transaction is aborted (please ROLLBACK)".
    if (lower.contains("transaction is aborted")) {
      return new ErrorMapping(SqlState.IN_FAILED_SQL_TRANSACTION,
          "current transaction is aborted, commands ignored until end of transaction block");
    }
    // "cannot start a transaction within a transaction".
    if (lower.contains("within a transaction")) {
      return new ErrorMapping(SqlState.ACTIVE_SQL_TRANSACTION, message);
    }
    // "cannot commit - no transaction is active".
    if (lower.contains("no transaction is active")) {
      return new ErrorMapping(SqlState.NO_ACTIVE_SQL_TRANSACTION, message);
    }
    // A write attempted in a read-only transaction.
    if (lower.contains("read-only") || lower.contains("read only")) {
      return new ErrorMapping(SqlState.READ_ONLY_SQL_TRANSACTION, message);
    }
    // Other misuse of the transaction state.
    return new ErrorMapping(SqlState.INVALID_TRANSACTION_STATE, message);
  }

  /** Invalid Input errors: DuckDB's catch-all for bad values and bad requests. */
  static ErrorMapping invalidInput(String message, String lower) {
    // chr(0), raised by the duckgres_chr macro in PostgreSQL's words.
    if (lower.equals("null character not permitted")) {
      return new ErrorMapping(SqlState.PROGRAM_LIMIT_EXCEEDED, message);
    }
    // "Cannot execute statement of type "INSERT" on database "ro" which is attached in
    // read-only mode!".
    if (lower.contains("read-only") || lower.contains("read only")) {
      return new ErrorMapping(SqlState.READ_ONLY_SQL_TRANSACTION, message);
    }
    // "More than one row returned by a subquery used as an expression".
    if (lower.startsWith("more than one row returned by a subquery")) {
      return new ErrorMapping(SqlState.CARDINALITY_VIOLATION, message);
    }
    // "Values were not provided for the following prepared statement parameters: 1".
    if (lower.startsWith("values were not provided")) {
      return new ErrorMapping(SqlState.UNDEFINED_PARAMETER, message);
    }
    // "Parameter count mismatch": the Bind message's values don't match the statement.
    if (lower.startsWith("parameter count mismatch")) {
      return new ErrorMapping(SqlState.PROTOCOL_VIOLATION, message);
    }
    // strptime: "Could not parse string "abc" according to format specifier "%Y"".
    if (lower.contains("according to format specifier")) {
      return new ErrorMapping(SqlState.INVALID_DATETIME_FORMAT, message);
    }
    // "Malformed JSON in file ..." / JSON values: bad text for the type.
    if (lower.startsWith("malformed json")) {
      return new ErrorMapping(SqlState.INVALID_TEXT_REPRESENTATION, message);
    }
    // "Error when sniffing file", "CSV Error on Line: 3": the file isn't in the expected format.
    if (lower.contains("sniffing") || lower.contains("csv error")) {
      return new ErrorMapping(SqlState.BAD_COPY_FILE_FORMAT, message);
    }
    // "Not implemented: ..." raised as Invalid Input by some table functions.
    if (lower.startsWith("not implemented")) {
      return new ErrorMapping(SqlState.FEATURE_NOT_SUPPORTED, message);
    }
    // error('boom'), a bad regex, a bad function argument, a locked setting ...
    return new ErrorMapping(SqlState.INVALID_PARAMETER_VALUE, message);
  }
}
