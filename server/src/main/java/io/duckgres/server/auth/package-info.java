/**
 * Password authentication for the PostgreSQL wire protocol, free of sockets and Netty: the session
 * hands in message payloads and gets back the text to send or an exception to turn into an
 * ErrorResponse.
 *
 * <ul>
 *   <li>{@link io.duckgres.server.auth.UserDirectory}: configured users, their SCRAM secrets, and
 *       the entry point for both SCRAM-SHA-256 and cleartext password checks.
 *   <li>{@link io.duckgres.server.auth.ScramExchange}: one SCRAM-SHA-256 attempt.
 *   <li>{@link io.duckgres.server.auth.AuthenticationPayloads}: bodies of the 'p' messages.
 *   <li>{@link io.duckgres.server.auth.AuthRateLimiter}: bans addresses after repeated failures.
 * </ul>
 *
 * <p>Failures are {@link io.duckgres.pgwire.PgException}s, all FATAL:
 * {@link io.duckgres.server.auth.AuthenticationFailedException} (28P01, one message for wrong
 * password and unknown user) and {@link io.duckgres.server.auth.AuthenticationProtocolException}
 * (08P01 or 0A000).
 */
package io.duckgres.server.auth;
