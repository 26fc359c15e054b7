package io.duckgres.engine.error;

import io.duckgres.pgwire.SqlState;

/**
 * What one DuckDB error maps to.
 *
 * @param state the SQLSTATE to send
 * @param message the primary message to send
 * @param token a name from the message to look for in the statement when DuckDB's caret can't
 *     be placed, or null to use the first quoted word of the message
 * @param hint a hint replacing DuckDB's; when set, all of DuckDB's further lines go to DETAIL
 */
record ErrorMapping(SqlState state, String message, String token, String hint) {
  ErrorMapping(SqlState state, String message) {
    this(state, message, null, null);
  }
}
