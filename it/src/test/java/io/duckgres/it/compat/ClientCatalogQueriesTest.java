package io.duckgres.it.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.duckgres.it.ServerProcess;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog queries GUI and BI tools send while a user browses a schema, replayed through
 * pgJDBC. Grafana's are the text its PostgreSQL data source builds (postgresMetaQuery.ts);
 * DBeaver's are the text of its PostgreSQL plugin's object caches; SQLAlchemy's were captured
 * from the wire (SQLAlchemy 2.1 inspector against PostgreSQL 15, parameters inlined); Metabase's
 * is an equivalent of its sync query (same catalogs, functions and filters), written here.
 */
class ClientCatalogQueriesTest {
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

  private static List<String> column(String sql, Object... parameters) throws Exception {
    List<String> values = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          values.add(rs.getString(1));
        }
      }
    }
    return values;
  }

  private static final String GRAFANA_SEARCH_PATH = """
      quote_ident(table_schema) IN (
          SELECT
            CASE WHEN trim(s[i]) = '"$user"' THEN user ELSE trim(s[i]) END
          FROM
            generate_series(
              array_lower(string_to_array(current_setting('search_path'),','),1),
              array_upper(string_to_array(current_setting('search_path'),','),1)
            ) as i,
            string_to_array(current_setting('search_path'),',') s
          )""";

  @Test
  void grafana() throws Exception {
    assertThat(column("SELECT current_setting('server_version_num')::int/100 as version"))
        .containsExactly("1500");
    assertThat(column("SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'"))
        .isEmpty();
    assertThat(column("SELECT schema_name AS \"name\" FROM information_schema.schemata"
        + " WHERE schema_name NOT IN ('information_schema', 'pg_catalog', 'pg_toast')"
        + " ORDER BY schema_name")).containsExactly("public", "sales");
    assertThat(column("SELECT CASE WHEN " + GRAFANA_SEARCH_PATH
        + " THEN quote_ident(table_name) ELSE quote_ident(table_schema) || '.' ||"
        + " quote_ident(table_name) END AS \"table\" FROM information_schema.tables"
        + " WHERE quote_ident(table_schema) NOT IN ('information_schema', 'pg_catalog')"
        + " ORDER BY CASE WHEN " + GRAFANA_SEARCH_PATH + " THEN 0 ELSE 1 END, 1"))
        .containsExactly("cheap", "items", "sales.orders");
    assertThat(column("SELECT quote_ident(table_name) AS \"table\" FROM information_schema.tables"
        + " WHERE quote_ident(table_schema) = 'sales' ORDER BY 1")).containsExactly("orders");
    assertThat(column("SELECT quote_ident(column_name) AS \"column\", data_type AS \"type\""
        + " FROM information_schema.columns WHERE CASE WHEN"
        + " array_length(parse_ident('items'),1) = 2"
        + " THEN quote_ident(table_schema) = (parse_ident('items'))[1]"
        + " AND quote_ident(table_name) = (parse_ident('items'))[2]"
        + " ELSE quote_ident(table_name) = 'items' AND " + GRAFANA_SEARCH_PATH + " END"))
        .containsExactlyInAnyOrder("id", "name", "code", "price", "created", "span");
  }

  @Test
  void dbeaver() throws Exception {
    assertThat(column("SELECT current_schema(),session_user")).containsExactly("public");
    assertThat(column("SELECT reset_val FROM pg_settings WHERE name = 'search_path'")).hasSize(1);
    assertThat(column("SELECT db.oid,db.* FROM pg_catalog.pg_database db WHERE datname=?",
        "postgres")).hasSize(1);
    List<String> schemas = column("SELECT n.nspname,n.*,d.description FROM pg_catalog.pg_namespace n\n"
        + "LEFT OUTER JOIN pg_catalog.pg_description d ON d.objoid=n.oid AND d.objsubid=0"
        + " AND d.classoid='pg_namespace'::regclass\n ORDER BY nspname");
    assertThat(schemas).contains("public", "sales");
    String publicOid = column("SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = 'public'")
        .get(0);
    assertThat(column("SELECT c.relname,c.*,d.description,pg_catalog.pg_get_expr(c.relpartbound,"
        + " c.oid) as partition_expr,  pg_catalog.pg_get_partkeydef(c.oid) as partition_key \n"
        + "FROM pg_catalog.pg_class c\nLEFT OUTER JOIN pg_catalog.pg_description d ON"
        + " d.objoid=c.oid AND d.objsubid=0 AND d.classoid='pg_class'::regclass\n"
        + "WHERE c.relnamespace=? AND c.relkind not in ('i','I','c')", Long.parseLong(publicOid)))
        .containsExactlyInAnyOrder("items", "cheap");
    String itemsOid = column("SELECT 'items'::regclass::oid").get(0);
    assertThat(column("SELECT a.attname,c.relname,a.*,pg_catalog.pg_get_expr(ad.adbin, ad.adrelid,"
        + " true) as def_value,dsc.description\nFROM pg_catalog.pg_attribute a\n"
        + "INNER JOIN pg_catalog.pg_class c ON (a.attrelid=c.oid)\n"
        + "LEFT OUTER JOIN pg_catalog.pg_attrdef ad ON (a.attrelid=ad.adrelid AND a.attnum ="
        + " ad.adnum)\nLEFT OUTER JOIN pg_catalog.pg_description dsc ON (c.oid=dsc.objoid AND"
        + " a.attnum = dsc.objsubid)\nWHERE NOT a.attisdropped AND c.relkind not in ('i','I','c')"
        + " AND c.oid=?\nORDER BY a.attnum", Long.parseLong(itemsOid)))
        .containsExactly("id", "name", "code", "price", "created", "span");
    assertThat(column("SELECT i.indexrelid::regclass::text,c.relname,i.*,"
        + "pg_catalog.pg_get_indexdef(i.indexrelid) as pred_expr FROM pg_catalog.pg_index i"
        + " INNER JOIN pg_catalog.pg_class c ON c.oid=i.indexrelid WHERE i.indrelid=?"
        + " ORDER BY c.relname", Long.parseLong(itemsOid)))
        .containsExactly("items_code_key", "items_name_idx", "items_pkey");
    assertThat(column("SELECT c.conname,c.*,pg_catalog.pg_get_constraintdef(c.oid) as consrc"
        + " FROM pg_catalog.pg_constraint c WHERE c.conrelid=? ORDER BY c.oid",
        Long.parseLong(itemsOid))).containsExactly("items_pkey", "items_code_key");
  }

  @Test
  void metabase() throws Exception {
    assertThat(column("SELECT n.nspname || '.' || c.relname AS name, CASE c.relkind"
        + " WHEN 'r' THEN 'TABLE' WHEN 'p' THEN 'PARTITIONED TABLE' WHEN 'v' THEN 'VIEW'"
        + " WHEN 'f' THEN 'FOREIGN TABLE' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE NULL END AS type,"
        + " obj_description(c.oid) AS description, c.reltuples::bigint AS estimated_row_count"
        + " FROM pg_catalog.pg_class c INNER JOIN pg_catalog.pg_namespace n"
        + " ON c.relnamespace = n.oid WHERE c.relkind IN ('r', 'p', 'v', 'f', 'm')"
        + " AND n.nspname !~ '^information_schema$' AND n.nspname <> 'pg_catalog'"
        + " AND n.nspname !~ '^pg_toast' AND has_schema_privilege(n.nspname, 'USAGE')"
        + " AND (has_table_privilege(c.oid, 'SELECT') OR has_any_column_privilege(c.oid, 'SELECT'))"
        + " ORDER BY 1")).containsExactly("public.cheap", "public.items", "sales.orders");
  }

  @Test
  void sqlalchemyInspector() throws Exception {
    assertThat(column("SELECT pg_catalog.pg_class.relname \n"
        + "\tFROM pg_catalog.pg_class JOIN pg_catalog.pg_namespace ON pg_catalog.pg_namespace.oid"
        + " = pg_catalog.pg_class.relnamespace \n\tWHERE pg_catalog.pg_class.relkind = ANY"
        + " (ARRAY['r'::VARCHAR, 'p'::VARCHAR]) AND pg_catalog.pg_class.relpersistence !="
        + " 't'::VARCHAR AND pg_catalog.pg_table_is_visible(pg_catalog.pg_class.oid) AND"
        + " pg_catalog.pg_namespace.nspname != 'pg_catalog'::VARCHAR")).containsExactly("items");
    assertThat(column("SELECT pg_catalog.format_type(pg_catalog.pg_attribute.atttypid,"
        + " pg_catalog.pg_attribute.atttypmod) AS format_type FROM pg_catalog.pg_class LEFT OUTER"
        + " JOIN pg_catalog.pg_attribute ON pg_catalog.pg_class.oid = pg_catalog.pg_attribute.attrelid"
        + " AND pg_catalog.pg_attribute.attnum > 0::SMALLINT AND NOT pg_catalog.pg_attribute.attisdropped"
        + " WHERE pg_catalog.pg_table_is_visible(pg_catalog.pg_class.oid) AND"
        + " pg_catalog.pg_class.relname IN ('items'::VARCHAR) ORDER BY pg_catalog.pg_class.relname,"
        + " pg_catalog.pg_attribute.attnum")).containsExactly("integer", "text", "text",
            "numeric(10,2)", "timestamp without time zone", "interval");
    assertThat(column("SELECT attr.attname FROM pg_catalog.pg_attribute attr JOIN (SELECT"
        + " pg_catalog.pg_constraint.conrelid AS conrelid, unnest(pg_catalog.pg_index.indkey) AS"
        + " attnum, generate_subscripts(pg_catalog.pg_index.indkey, 1::INTEGER) AS ord FROM"
        + " pg_catalog.pg_constraint JOIN pg_catalog.pg_index ON pg_catalog.pg_constraint.conindid"
        + " = pg_catalog.pg_index.indexrelid LEFT OUTER JOIN pg_catalog.pg_description ON"
        + " pg_catalog.pg_description.objoid = pg_catalog.pg_constraint.oid AND"
        + " pg_catalog.pg_description.classoid = CAST('pg_constraint' AS REGCLASS) WHERE"
        + " pg_catalog.pg_constraint.contype = 'p'::VARCHAR AND pg_catalog.pg_constraint.conrelid"
        + " IN ('items'::regclass)) AS con ON attr.attnum = con.attnum AND attr.attrelid ="
        + " con.conrelid")).containsExactly("id");
    assertThat(column("SELECT pg_catalog.pg_get_viewdef(pg_catalog.pg_class.oid) FROM"
        + " pg_catalog.pg_class WHERE pg_catalog.pg_class.relname = 'cheap'"))
        .singleElement().asString().contains("FROM items");
  }

  @Test
  void pgDumpReadsIndexKeysAndViewDependencies() throws Exception {
    // int2vector's text form, which pg_dump's parseOidArray reads: attnums split by spaces.
    assertThat(column("SELECT i.indkey FROM pg_catalog.pg_index i"
        + " WHERE i.indrelid = 'items'::regclass AND i.indisprimary")).containsExactly("1");
    // The view's _RETURN rule depends on the table it reads, so pg_dump restores it after.
    assertThat(column("SELECT r.ev_class::regclass::text FROM pg_catalog.pg_depend d"
        + " JOIN pg_catalog.pg_rewrite r ON r.oid = d.objid"
        + " WHERE d.classid = 'pg_rewrite'::regclass AND d.refobjid = 'items'::regclass"))
        .containsExactly("cheap");
    assertThat(column("SELECT pg_catalog.pg_get_viewdef('cheap'::regclass)")).singleElement()
        .asString().startsWith(" ").endsWith(";");
  }

  @Test
  void sessionFunctionsFollowTheSession() throws Exception {
    try (Connection c = server.connect()) {
      c.createStatement().execute("SET application_name = 'catalog-test'");
      try (ResultSet rs = c.createStatement().executeQuery("select current_setting('application_name'),"
          + " version(), current_user, session_user, current_schema, current_database(),"
          + " array_upper(current_schemas(false), 1), pg_backend_pid() >= 0,"
          + " quote_ident('Mixed'), pg_catalog.pg_is_in_recovery(),"
          + " pg_encoding_to_char(6), has_table_privilege('items', 'SELECT'),"
          + " to_regclass('nope') is null, 'items'::regclass::text")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("catalog-test");
        assertThat(rs.getString(2)).startsWith("PostgreSQL 15.0 (duckgres, DuckDB v");
        assertThat(rs.getString(3)).isEqualTo("postgres");
        assertThat(rs.getString(4)).isEqualTo("postgres");
        assertThat(rs.getString(5)).isEqualTo("public");
        assertThat(rs.getString(6)).isEqualTo("postgres");
        assertThat(rs.getInt(7)).isEqualTo(1);
        assertThat(rs.getBoolean(8)).isTrue();
        assertThat(rs.getString(9)).isEqualTo("\"Mixed\"");
        assertThat(rs.getBoolean(10)).isFalse();
        assertThat(rs.getString(11)).isEqualTo("UTF8");
        assertThat(rs.getBoolean(12)).isTrue();
        assertThat(rs.getBoolean(13)).isTrue();
        assertThat(rs.getString(14)).isEqualTo("items");
      }
      c.createStatement().execute("SET search_path = sales, public");
      try (ResultSet rs = c.createStatement().executeQuery("select count(*) from orders")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isZero();
      }
    }
  }

  @Test
  void catalogObjectsAreNotTheUsersTables() throws Exception {
    assertThat(column("select table_name from information_schema.tables order by 1"))
        .containsExactly("cheap", "items", "orders");
    assertThat(column("select relname from pg_catalog.pg_class where relkind in ('r', 'v')"
        + " order by 1")).containsExactly("cheap", "items", "orders");
  }
}
