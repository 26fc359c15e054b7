package io.duckgres.warehouse.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Which PostgreSQL server and database hold the config store, and how to log in, read from a URL
 * {@code postgresql://USER:PASS@HOST:PORT/DB[?param=value...]} (the form libpq and psql take;
 * user and password percent-encoded). Query parameters are passed to pgJDBC as they are, so
 * {@code ?sslmode=require} works. {@link #toString()} masks the password.
 */
public record ConfigStoreLocation(String host, int port, String database, String user,
    String password, String query) {

  public static final int DEFAULT_PORT = 5432;

  /**
   * Parses the URL.
   *
   * @throws IllegalArgumentException naming what is wrong, never quoting the password
   */
  public static ConfigStoreLocation parse(String url) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("the config store URL is empty");
    }
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("the config store must be a URL like"
          + " postgresql://USER:PASS@HOST:PORT/DB (" + e.getReason() + ")");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("postgresql") && !scheme.equals("postgres")) {
      throw new IllegalArgumentException(
          "the config store must be a URL like postgresql://USER:PASS@HOST:PORT/DB");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new IllegalArgumentException("the config store URL names no host");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceFirst("^/", "");
    if (path.isEmpty()) {
      throw new IllegalArgumentException("the config store URL names no database (…/DB)");
    }
    String userInfo = uri.getRawUserInfo();
    String user = null;
    String password = null;
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
      password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
    }
    if (user == null || user.isEmpty()) {
      throw new IllegalArgumentException("the config store URL names no user (USER:PASS@…)");
    }
    return new ConfigStoreLocation(uri.getHost(), uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(),
        decode(path), user, password, uri.getRawQuery());
  }

  private static String decode(String text) {
    return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /** pgJDBC's URL for the config store database; user and password travel separately. */
  public String jdbcUrl() {
    return jdbcUrl(database);
  }

  /** pgJDBC's URL for another database on the same server (an internal metadata store). */
  public String jdbcUrl(String otherDatabase) {
    return "jdbc:postgresql://" + hostForUrl() + ":" + port + "/"
        + URLEncoderHolder.encode(otherDatabase) + (query == null ? "" : "?" + query);
  }

  private String hostForUrl() {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  @Override
  public String toString() {
    return "postgresql://" + user + (password == null ? "" : ":***") + "@" + hostForUrl() + ":"
        + port + "/" + database;
  }

  /** Encodes a database name for a URL path. */
  private static final class URLEncoderHolder {
    static String encode(String name) {
      return java.net.URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }
  }
}
