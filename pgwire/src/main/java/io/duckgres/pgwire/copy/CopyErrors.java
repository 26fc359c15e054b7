package io.duckgres.pgwire.copy;

import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;

/** Errors in COPY data, worded as PostgreSQL words them, with the line in the message. */
final class CopyErrors {
  private CopyErrors() {}

  static PgException badFormat(String context, long line, String message) {
    return new PgException(PgException.Severity.ERROR, SqlState.BAD_COPY_FILE_FORMAT,
        message, null, null, 0, null).withContext(context + ", line " + line);
  }

  static PgException extraData(String context, long line) {
    return badFormat(context, line, "extra data after last expected column");
  }

  static PgException missingData(String context, long line, String column) {
    return badFormat(context, line, "missing data for column \"" + column + "\"");
  }
}
