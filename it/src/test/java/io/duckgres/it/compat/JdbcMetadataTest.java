package io.duckgres.it.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.duckgres.it.ServerProcess;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.util.PGInterval;

/**
 * pgJDBC's DatabaseMetaData (PgDatabaseMetaData: the queries DBeaver, Metabase and every JDBC
 * tool start with) and its TypeInfoCache, which looks type OIDs up in pg_type.
 */
class JdbcMetadataTest {
  @TempDir static Path dataDir;
  static ServerProcess server;
  static Connection connection;

  @BeforeAll
  static void start() throws Exception {
    server = ServerProcess.start(dataDir);
    CatalogFixture.create(server);
    connection = server.connect();
  }

  @AfterAll
  static void stop() throws Exception {
    connection.close();
    server.close();
  }

  private static List<Map<String, String>> rows(ResultSet rs) throws Exception {
    List<Map<String, String>> rows = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          row.put(rs.getMetaData().getColumnLabel(i), rs.getString(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  @Test
  void schemasAndTablesWithTheirTypes() throws Exception {
    DatabaseMetaData meta = connection.getMetaData();
    assertThat(rows(meta.getSchemas())).extracting(r -> r.get("TABLE_SCHEM"))
        .contains("public", "sales").doesNotContain("main", "duckgres_catalog");
    List<Map<String, String>> tables =
        rows(meta.getTables(null, null, "%", new String[] {"TABLE", "VIEW"}));
    assertThat(tables).extracting(r -> r.get("TABLE_SCHEM") + "." + r.get("TABLE_NAME") + ":"
        + r.get("TABLE_TYPE"))
        .containsExactlyInAnyOrder("public.items:TABLE", "sales.orders:TABLE", "public.cheap:VIEW");
    assertThat(rows(meta.getTables(null, "sales", "%", new String[] {"TABLE"})))
        .extracting(r -> r.get("TABLE_NAME")).containsExactly("orders");
  }

  @Test
  void columnsInOrderWithJdbcTypes() throws Exception {
    List<Map<String, String>> columns =
        rows(connection.getMetaData().getColumns(null, "public", "items", "%"));
    assertThat(columns).extracting(r -> r.get("COLUMN_NAME"))
        .containsExactly("id", "name", "code", "price", "created", "span");
    assertThat(columns).extracting(r -> r.get("TYPE_NAME"))
        .containsExactly("int4", "text", "text", "numeric", "timestamp", "interval");
    assertThat(columns).extracting(r -> Integer.parseInt(r.get("DATA_TYPE")))
        .containsExactly(Types.INTEGER, Types.VARCHAR, Types.VARCHAR, Types.NUMERIC,
            Types.TIMESTAMP, Types.OTHER);
    assertThat(columns).extracting(r -> r.get("IS_NULLABLE"))
        .containsExactly("NO", "NO", "YES", "YES", "YES", "YES");
    assertThat(columns.get(3)).containsEntry("COLUMN_SIZE", "10").containsEntry("DECIMAL_DIGITS", "2");
  }

  @Test
  void primaryKeysAndIndexes() throws Exception {
    DatabaseMetaData meta = connection.getMetaData();
    assertThat(rows(meta.getPrimaryKeys(null, "public", "items")))
        .singleElement().satisfies(r -> assertThat(r).containsEntry("COLUMN_NAME", "id")
            .containsEntry("PK_NAME", "items_pkey").containsEntry("KEY_SEQ", "1"));
    assertThat(rows(meta.getIndexInfo(null, "public", "items", false, true)))
        .extracting(r -> r.get("INDEX_NAME") + ":" + r.get("COLUMN_NAME") + ":" + r.get("NON_UNIQUE"))
        .containsExactlyInAnyOrder("items_pkey:id:f", "items_code_key:code:f",
            "items_name_idx:name:t");
    assertThat(rows(meta.getBestRowIdentifier(null, "public", "items",
        DatabaseMetaData.bestRowSession, true))).extracting(r -> r.get("COLUMN_NAME"))
        .containsExactly("id");
  }

  @Test
  void typeInfoCatalogsAndKeywords() throws Exception {
    DatabaseMetaData meta = connection.getMetaData();
    assertThat(rows(meta.getTypeInfo())).extracting(r -> r.get("TYPE_NAME"))
        .contains("int4", "int8", "text", "numeric", "timestamptz", "interval", "bool", "_int4");
    assertThat(rows(meta.getCatalogs())).extracting(r -> r.get("TABLE_CAT"))
        .containsExactly("postgres");
    assertThat(meta.getSQLKeywords()).isNotEmpty();
    assertThat(meta.getDatabaseMajorVersion()).isEqualTo(15);
    assertThat(rows(meta.getImportedKeys(null, "sales", "orders"))).isEmpty();
    assertThat(rows(meta.getFunctions(null, "public", "%"))).isEmpty();
    assertThat(rows(meta.getProcedures(null, "public", "%"))).isEmpty();
  }

  @Test
  void intervalColumnIsPgInterval() throws Exception {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("select span from items")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getObject(1)).isInstanceOf(PGInterval.class)
          .isEqualTo(new PGInterval(0, 0, 1, 2, 0, 0));
    }
  }

  @Test
  void typeInfoCacheLooksUpOidsThroughPgType() throws Exception {
    org.postgresql.PGConnection pg = connection.unwrap(org.postgresql.PGConnection.class);
    org.postgresql.core.TypeInfo types = ((org.postgresql.core.BaseConnection) pg).getTypeInfo();
    assertThat(types.getPGType(1186)).isEqualTo("interval");
    assertThat(types.getSQLType("int4")).isEqualTo(Types.INTEGER);
    assertThat(types.getPGArrayElement(1007)).isEqualTo(23);
  }
}
