package io.duckgres.it.compat;

import io.duckgres.it.ServerProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The database every catalog test looks at, as a user would have built it: a table with a
 * primary key, a NOT NULL column and a UNIQUE column, a view, an index, and a second schema with
 * its own table. psql runs as the real client binary (PostgreSQL 15's), over TLS.
 */
final class CatalogFixture {
  private CatalogFixture() {}

  static final String[] SCHEMA = {
    "create table items(id integer primary key, name varchar not null, code text unique,"
        + " price numeric(10,2), created timestamp, span interval)",
    "create view cheap as select id, name from items where price < 10",
    "create index items_name_idx on items(name)",
    "create schema sales",
    "create table sales.orders(order_id bigint primary key, item_id integer,"
        + " qty smallint not null, note text)",
    "insert into items values (1, 'apple', 'A1', 1.50, timestamp '2024-01-02 03:04:05',"
        + " interval '1 day 2 hours')",
  };

  static void create(ServerProcess server) throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      for (String sql : SCHEMA) {
        s.execute(sql);
      }
    }
  }

  record Psql(int exitCode, String stdout, String stderr) {}

  /** psql -X (no psqlrc) with one command; extra options such as -A come first. */
  static Psql psql(ServerProcess server, String command, String... options) throws Exception {
    List<String> arguments = new ArrayList<>(List.of("psql",
        "host=127.0.0.1 port=" + server.port() + " user=postgres dbname=postgres sslmode=require",
        "-X", "-v", "ON_ERROR_STOP=1"));
    arguments.addAll(List.of(options));
    arguments.addAll(List.of("-c", command));
    ProcessBuilder builder = new ProcessBuilder(arguments);
    builder.environment().put("PGPASSWORD", ServerProcess.PASSWORD);
    builder.environment().put("PGCONNECT_TIMEOUT", "20");
    builder.environment().put("PAGER", "");
    Process process = builder.start();
    process.getOutputStream().close();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("psql hung on " + command);
    }
    return new Psql(process.exitValue(), out, err);
  }
}
