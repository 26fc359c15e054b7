package io.duckgres.pgwire;

/**
 * The FATAL errors a server sends during connection start-up, in PostgreSQL's words. They live
 * here, beside the protocol, because more than one front answers them: the standalone server's
 * startup code, and the control plane, which refuses some connections before any worker sees
 * them. A client must not be able to tell which of the two answered.
 */
public final class StartupErrors {
  private StartupErrors() {}

  /** FATAL 28000 for a plaintext startup when TLS is required. */
  public static PgException plaintextRefused(String user) {
    return PgException.fatal(SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
        "SSL/TLS is required: connect with sslmode=require (unencrypted connection for user \""
            + user + "\" refused)");
  }

  /** FATAL 3D000, as postinit.c words it for a database that does not exist. */
  public static PgException databaseDoesNotExist(String database) {
    return PgException.fatal(SqlState.UNDEFINED_DATABASE,
        "database \"" + database + "\" does not exist");
  }

  /**
   * FATAL 57P03: the database exists but cannot take connections now ({@code why} says what it
   * is doing instead, such as "the database system is starting up").
   */
  public static PgException cannotConnectNow(String why) {
    return PgException.fatal(SqlState.CANNOT_CONNECT_NOW, why);
  }

  /** FATAL 53300, as PostgreSQL words it when max_connections is reached. */
  public static PgException tooManyConnections(String why) {
    return PgException.fatal(SqlState.TOO_MANY_CONNECTIONS, why);
  }
}
