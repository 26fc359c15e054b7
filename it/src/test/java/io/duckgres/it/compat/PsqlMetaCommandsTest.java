package io.duckgres.it.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.duckgres.it.ServerProcess;
import io.duckgres.it.compat.CatalogFixture.Psql;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * psql 15's describe commands (src/bin/psql/describe.c) against the catalog: each runs without
 * an error and shows the user's objects as PostgreSQL 15 shows them (the expected lines were
 * taken from the same commands against a real PostgreSQL 15 with the same schema; DuckDB has no
 * varchar length, so "character varying" reads "text").
 */
class PsqlMetaCommandsTest {
  @TempDir static Path dataDir;
  static ServerProcess server;

  @BeforeAll
  static void start() throws Exception {
    server = ServerProcess.start(dataDir);
    CatalogFixture.create(server);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"\\dt", "\\dt+", "\\d items", "\\d+ items", "\\dv", "\\di", "\\dn",
      "\\df", "\\dT", "\\l", "\\du", "\\d", "\\d cheap", "\\d+ cheap", "\\d sales.orders",
      "\\dt sales.*", "\\d items_pkey", "\\dn+", "\\di+", "\\dv+"})
  void runsWithoutError(String command) throws Exception {
    Psql result = CatalogFixture.psql(server, command);
    assertThat(result.stderr()).as(command).doesNotContain("ERROR");
    assertThat(result.exitCode()).as(command + ": " + result.stderr()).isZero();
  }

  @Test
  void listsTablesOfTheSearchPathOnly() throws Exception {
    String out = CatalogFixture.psql(server, "\\dt", "-A").stdout();
    assertThat(out).contains("public|items|table|postgres").doesNotContain("orders")
        .doesNotContain("duckgres").doesNotContain("pg_class");
    assertThat(CatalogFixture.psql(server, "\\dt sales.*", "-A").stdout())
        .contains("sales|orders|table|postgres");
    assertThat(CatalogFixture.psql(server, "\\dt+", "-A").stdout())
        .contains("public|items|table|postgres|permanent|heap|");
  }

  @Test
  void describesATableLikePostgres() throws Exception {
    String out = CatalogFixture.psql(server, "\\d items").stdout();
    assertThat(out).contains("Table \"public.items\"")
        .contains(" id      | integer                     |           | not null | ")
        .contains(" name    | text                        |           | not null | ")
        .contains(" price   | numeric(10,2)               |           |          | ")
        .contains(" created | timestamp without time zone |           |          | ")
        .contains(" span    | interval                    |           |          | ")
        .contains("Indexes:")
        .contains("    \"items_pkey\" PRIMARY KEY, btree (id)")
        .contains("    \"items_code_key\" UNIQUE CONSTRAINT, btree (code)")
        .contains("    \"items_name_idx\" btree (name)");
    assertThat(CatalogFixture.psql(server, "\\d sales.orders").stdout())
        .contains("Table \"sales.orders\"")
        .contains(" qty      | smallint |           | not null | ")
        .contains("    \"orders_pkey\" PRIMARY KEY, btree (order_id)");
  }

  @Test
  void describesViewsIndexesSchemasDatabasesAndRoles() throws Exception {
    assertThat(CatalogFixture.psql(server, "\\dv", "-A").stdout())
        .contains("public|cheap|view|postgres");
    assertThat(CatalogFixture.psql(server, "\\d+ cheap").stdout())
        .contains("View \"public.cheap\"").contains("View definition:");
    assertThat(CatalogFixture.psql(server, "\\di", "-A").stdout())
        .contains("public|items_code_key|index|postgres|items")
        .contains("public|items_name_idx|index|postgres|items")
        .contains("public|items_pkey|index|postgres|items");
    assertThat(CatalogFixture.psql(server, "\\d items_pkey").stdout())
        .contains("Index \"public.items_pkey\"").contains("primary key, btree, for table \"public.items\"");
    assertThat(CatalogFixture.psql(server, "\\dn", "-A").stdout())
        .contains("public|postgres").contains("sales|postgres").doesNotContain("pg_catalog");
    assertThat(CatalogFixture.psql(server, "\\l", "-A").stdout()).contains("postgres|postgres|UTF8");
    assertThat(CatalogFixture.psql(server, "\\du", "-A").stdout()).contains("postgres|Superuser");
  }
}
