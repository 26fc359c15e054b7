package io.duckgres.engine;

import io.duckgres.pgwire.SqlState;

/** A NoticeResponse to send before the statement's CommandComplete. */
public record Notice(String severity, SqlState sqlState, String message) {
  public static Notice warning(SqlState sqlState, String message) {
    return new Notice("WARNING", sqlState, message);
  }
}
