package io.duckgres.engine.sql;

/**
 * One statement of a simple-query string.
 *
 * @param text the statement, trimmed, without its terminating semicolon
 * @param offset index of {@code text}'s first character in the whole query string, so a position
 *     reported for this statement can be made relative to the query the client sent
 */
public record SqlStatement(String text, int offset) {}
