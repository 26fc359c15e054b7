package io.duckgres.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A PostgreSQL-protocol server to connect to over TLS on 127.0.0.1: duckgres or the PostgreSQL
 * baseline. Both are reached the same way (sslmode=require, SCRAM) so no side gets a cheaper path.
 */
record Endpoint(String name, int port, String user, String password, int socketTimeoutSeconds) {
  static final String HOST = "127.0.0.1";

  String jdbcUrl() {
    return "jdbc:postgresql://" + HOST + ":" + port + "/postgres";
  }

  Properties properties() {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password);
    properties.setProperty("sslmode", "require");
    properties.setProperty("socketTimeout", String.valueOf(socketTimeoutSeconds));
    properties.setProperty("connectTimeout", "30");
    properties.setProperty("loginTimeout", "30");
    properties.setProperty("ApplicationName", "duckgres-bench");
    return properties;
  }

  Connection connect() throws SQLException {
    return connect(new Properties());
  }

  Connection connect(Properties extra) throws SQLException {
    Properties properties = properties();
    properties.putAll(extra);
    return DriverManager.getConnection(jdbcUrl(), properties);
  }
}
