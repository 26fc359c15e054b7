package io.duckgres.app;

/**
 * One setting's text before conversion, with where it came from, so an error can name the exact
 * flag, environment variable or file key the user has to fix.
 *
 * @param text the value as written
 * @param origin how the user spelled the setting there: {@code --port}, {@code DUCKGRES_PORT} or
 *     {@code port in /etc/duckgres.yaml}
 */
record RawValue(String text, String origin) {}
