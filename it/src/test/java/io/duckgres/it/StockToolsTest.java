package io.duckgres.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tools PostgreSQL users run, in their stock releases, against one real server: pg_dump and
 * pg_restore of PostgreSQL 15 (every format, restored into a real PostgreSQL 15), dbt-core with
 * dbt-postgres on a small project, pgcli, and DuckDB's own postgres extension as a client.
 */
class StockToolsTest extends ClientSuite {
  private static final String PGPASSWORD = ServerProcess.PASSWORD;

  private Connection connect() throws SQLException {
    return server.connect();
  }

  private String conninfo() {
    return "host=127.0.0.1 port=" + server.port() + " user=postgres dbname=postgres sslmode=require";
  }

  private static List<String> rows(Connection connection, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          row.append(i == 1 ? "" : "|").append(rs.getString(i));
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }

  private Result tool(List<String> command) throws Exception {
    Result result = run(command, Map.of("PGPASSWORD", PGPASSWORD));
    assertThat(result.exitCode())
        .as("%s exited with %d:\n%s\n--- server log ---\n%s", String.join(" ", command),
            result.exitCode(), result.output(), server.log())
        .isZero();
    return result;
  }

  /**
   * pg_get_viewdef prints a view as PostgreSQL 15 does (the version the server reports): the same
   * views created here and in Debian's PostgreSQL 15 give the same text.
   */
  @Test
  void viewDefinitionsArePrintedAsPostgres15PrintsThem() throws Exception {
    List<String> setup = List.of(
        "CREATE TABLE vd_orders (id integer, customer text, amount numeric(10,2), placed date)",
        "CREATE TABLE vd_notes (note_id integer, id integer, body text)",
        "CREATE VIEW vd_simple AS SELECT id, customer FROM vd_orders"
            + " WHERE id > 1 AND customer <> 'x'",
        "CREATE VIEW vd_star AS SELECT * FROM vd_orders",
        "CREATE VIEW vd_join AS SELECT o.id, count(*) AS n, sum(o.amount) / 2 FROM vd_orders o"
            + " JOIN vd_notes b ON o.id = b.id GROUP BY o.id ORDER BY 1",
        "CREATE VIEW vd_case AS SELECT id, upper(customer) AS up, amount * 2 AS a2,"
            + " CASE WHEN id > 3 THEN 'big' ELSE 'small' END AS size FROM vd_orders"
            + " WHERE placed >= '2024-01-01' AND id IN (1, 2, 3)",
        "CREATE VIEW vd_union AS SELECT id, coalesce(customer, '') AS c, id::text AS t"
            + " FROM vd_orders UNION ALL SELECT note_id, body, 'x' FROM vd_notes",
        "CREATE VIEW vd_with AS WITH big AS (SELECT * FROM vd_orders WHERE amount > 100)"
            + " SELECT id FROM big",
        "CREATE VIEW vd_sub AS SELECT id FROM vd_orders o WHERE EXISTS (SELECT 1 FROM vd_notes n"
            + " WHERE n.id = o.id) AND id IN (SELECT id FROM vd_notes)"
            + " AND customer NOT IN ('a', 'b') AND amount BETWEEN 1.5 AND 2",
        "CREATE VIEW vd_const AS SELECT 'lit' AS l, 1.5 AS f, true AS b, null::int AS n,"
            + " 3000000000 AS big, -2 AS neg, s.c FROM (SELECT id, count(*) c FROM vd_orders"
            + " GROUP BY id) s",
        "CREATE VIEW vd_limit AS SELECT DISTINCT customer FROM vd_orders"
            + " WHERE customer IS NOT NULL ORDER BY customer LIMIT 5 OFFSET 2");
    String definitions = "SELECT c.relname, pg_get_viewdef(c.oid) FROM pg_class c"
        + " WHERE c.relname LIKE 'vd%' AND c.relkind = 'v' ORDER BY c.relname";
    try (Postgres15 postgres = Postgres15.start();
        Connection reference = postgres.connect("postgres");
        Connection ours = connect()) {
      for (String statement : setup) {
        try (Statement a = reference.createStatement(); Statement b = ours.createStatement()) {
          a.execute(statement);
          b.execute(statement);
        }
      }
      List<String> expected = rows(reference, definitions);
      assertThat(expected).hasSize(9);
      assertThat(rows(ours, definitions)).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void pgDumpInEveryFormatRestoresIntoPostgres15(@TempDir Path work) throws Exception {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      statement.execute("create schema dump_s");
      statement.execute("create table dump_s.items(id integer primary key, name text not null,"
          + " price numeric(10,2), added timestamp)");
      statement.execute("insert into dump_s.items values (1, 'apple', 1.25, '2026-01-02 03:04:05'),"
          + " (2, 'pear', null, null), (3, 'quote''s', 100.00, '2026-12-04 00:00:00')");
      statement.execute("create view dump_s.cheap as select id, name from dump_s.items where price < 10");
      statement.execute("create sequence dump_s.ids start 42");
      statement.execute("comment on table dump_s.items is 'what we sell'");
    }
    Path plain = work.resolve("dump.sql");
    Path custom = work.resolve("dump.custom");
    Path directory = work.resolve("dump.dir");
    tool(List.of("pg_dump", "-d", conninfo(), "-n", "dump_s", "-f", plain.toString()));
    tool(List.of("pg_dump", "-d", conninfo(), "-n", "dump_s", "-Fc", "-f", custom.toString()));
    tool(List.of("pg_dump", "-d", conninfo(), "-n", "dump_s", "-Fd", "-f", directory.toString()));
    assertThat(Files.size(custom)).isPositive();
    assertThat(tool(List.of("pg_restore", "--list", custom.toString())).output())
        .contains("TABLE dump_s items", "VIEW dump_s cheap", "SEQUENCE dump_s ids",
            "TABLE DATA dump_s items", "COMMENT dump_s TABLE items");

    try (Postgres15 postgres = Postgres15.start()) {
      String target = "host=127.0.0.1 port=" + postgres.port() + " user=postgres dbname=";
      try (Connection admin = postgres.connect("postgres"); Statement statement = admin.createStatement()) {
        for (String database : List.of("from_plain", "from_custom", "from_directory")) {
          statement.execute("create database " + database);
        }
      }
      tool(List.of("psql", "-X", "-v", "ON_ERROR_STOP=1", "-q", "-d", target + "from_plain",
          "-f", plain.toString()));
      tool(List.of("pg_restore", "--exit-on-error", "-d", target + "from_custom", custom.toString()));
      tool(List.of("pg_restore", "--exit-on-error", "-d", target + "from_directory",
          directory.toString()));
      for (String database : List.of("from_plain", "from_custom", "from_directory")) {
        try (Connection restored = postgres.connect(database)) {
          assertThat(rows(restored, "select id, name, price, added from dump_s.items order by id"))
              .as(database).containsExactly("1|apple|1.25|2026-01-02 03:04:05",
                  "2|pear|null|null", "3|quote's|100.00|2026-12-04 00:00:00");
          assertThat(rows(restored, "select id from dump_s.cheap")).as(database).containsExactly("1");
          assertThat(rows(restored, "select nextval('dump_s.ids')")).as(database).containsExactly("42");
          assertThat(rows(restored, "select obj_description('dump_s.items'::regclass)"))
              .as(database).containsExactly("what we sell");
        }
      }
    }
  }

  @Test
  void stockDbtRunsSeedsModelsTestsAndDocs(@TempDir Path work) throws Exception {
    Path project = work.resolve("project");
    Path source = ROOT.resolve("it/src/test/tools/dbt");
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path copy = project.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(file, copy);
        }
      }
    }
    Files.writeString(project.resolve("profiles.yml"), String.join("\n",
        "duckgres:", "  target: dev", "  outputs:", "    dev:", "      type: postgres",
        "      host: 127.0.0.1", "      port: " + server.port(), "      user: postgres",
        "      password: " + PGPASSWORD, "      dbname: postgres", "      schema: dbt_check",
        "      threads: 1", "      sslmode: require", ""));
    Path dbt = Path.of(installedTool("python-env", "--tools")).resolveSibling("dbt");
    for (List<String> arguments : List.of(List.of("debug"), List.of("seed"), List.of("run"),
        List.of("run"), List.of("test"), List.of("docs", "generate"))) {
      List<String> command = new ArrayList<>(List.of(dbt.toString()));
      command.addAll(arguments);
      command.addAll(List.of("--project-dir", project.toString(), "--profiles-dir",
          project.toString()));
      tool(command);
    }
    try (Connection connection = connect()) {
      assertThat(rows(connection, "select name, total from dbt_check.totals order by name"))
          .containsExactly("ann|10.5", "bob|20.25", "cy|7");
      assertThat(rows(connection, "select count(*) from dbt_check.people_inc")).containsExactly("3");
      assertThat(rows(connection, "select table_type from information_schema.tables"
          + " where table_schema = 'dbt_check' and table_name = 'people_view'"))
          .containsExactly("VIEW");
    }
  }

  @Test
  void pgcliStartsListsQueriesAndRefreshesCompletions() throws Exception {
    String python = installedTool("python-env", "--tools");
    runSuite(List.of(python, "it/src/test/tools/pgcli_session.py"),
        Map.of("PYTHONDONTWRITEBYTECODE", "1"));
  }

  @Test
  void duckdbPostgresExtensionReadsAndWrites() throws Exception {
    Properties properties = new Properties();
    properties.setProperty("extension_directory", System.getProperty("duckgres.extensions",
        ROOT.resolve(".extensions").toString()));
    properties.setProperty("autoinstall_known_extensions", "false");
    try (Connection server = connect(); Statement statement = server.createStatement()) {
      statement.execute("create table duck_t(id integer primary key, name text)");
      statement.execute("insert into duck_t values (1, 'one'), (2, 'two')");
    }
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:", properties);
        Statement statement = duck.createStatement()) {
      statement.execute("LOAD postgres_scanner");
      statement.execute("ATTACH '" + conninfo() + " password=" + PGPASSWORD
          + "' AS pg (TYPE postgres)");
      assertThat(rows(duck, "select id, name from pg.public.duck_t order by id"))
          .containsExactly("1|one", "2|two");
      statement.execute("insert into pg.public.duck_t values (3, 'three')");
      statement.execute("create table pg.public.duck_copy as select * from pg.public.duck_t");
      statement.execute("update pg.public.duck_t set name = 'TWO' where id = 2");
      statement.execute("delete from pg.public.duck_t where id = 1");
      assertThat(rows(duck, "select id, name from pg.public.duck_t order by id"))
          .containsExactly("2|TWO", "3|three");
      assertThat(rows(duck, "select * from postgres_query('pg', 'select count(*) from duck_copy')"))
          .containsExactly("3");
      assertThat(rows(duck, "select column_name from (describe select * from"
          + " postgres_query('pg', 'select count(*) from duck_copy'))")).containsExactly("count");
    }
  }
}
