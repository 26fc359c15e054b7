package io.duckgres.warehouse.reconcile;

import io.duckgres.engine.ducklake.MetadataStoreFlavor;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;

/**
 * Connects to a metadata store and asks {@code SELECT version()}: proof that it answers, and which
 * server it is. CockroachDB answers {@code CockroachDB CCL v...}; PostgreSQL answers
 * {@code PostgreSQL 18...}. A store that answers as the other flavor than the warehouse row says
 * is refused here, with that reason, instead of with a puzzling ATTACH error later.
 */
final class MetadataStoreProbe {
  private MetadataStoreProbe() {}

  /**
   * @param where how to name the store in messages (no password)
   * @return the server's version text
   * @throws ReconcileFailure retryable when the store cannot be reached; not retryable when it
   *     answers as the wrong flavor
   */
  static String probe(String jdbcUrl, String user, String password, MetadataStoreFlavor expected,
      String where, Duration connectTimeout) throws ReconcileFailure {
    Properties properties = new Properties();
    if (user != null) {
      properties.setProperty("user", user);
    }
    if (password != null) {
      properties.setProperty("password", password);
    }
    int seconds = (int) Math.max(1, connectTimeout.toSeconds());
    properties.setProperty("connectTimeout", Integer.toString(seconds));
    properties.setProperty("socketTimeout", Integer.toString(seconds * 3));
    properties.setProperty("ApplicationName", "duckgres provisioner");
    String version;
    try (Connection connection = DriverManager.getConnection(jdbcUrl, properties);
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT version()")) {
      row.next();
      version = row.getString(1);
    } catch (SQLException e) {
      throw new ReconcileFailure("metadata store " + where + " did not answer: "
          + oneLine(e.getMessage()), true, e);
    }
    MetadataStoreFlavor actual = flavorOf(version);
    if (actual != expected) {
      throw new ReconcileFailure("metadata store " + where + " answers as " + name(actual) + " ("
          + oneLine(version) + ") but the warehouse's flavor is " + expected.spelling()
          + "; provision it again with \"flavor\": \"" + actual.spelling() + "\"", false);
    }
    return version;
  }

  /** The flavor a {@code version()} text belongs to. */
  static MetadataStoreFlavor flavorOf(String version) {
    return version != null && version.toLowerCase(Locale.ROOT).contains("cockroachdb")
        ? MetadataStoreFlavor.COCKROACHDB : MetadataStoreFlavor.POSTGRES;
  }

  private static String name(MetadataStoreFlavor flavor) {
    return flavor == MetadataStoreFlavor.COCKROACHDB ? "CockroachDB" : "PostgreSQL";
  }

  static String oneLine(String text) {
    if (text == null) {
      return "no message";
    }
    String first = text.strip().lines().findFirst().orElse("");
    return first.length() > 300 ? first.substring(0, 300) + "…" : first;
  }
}
