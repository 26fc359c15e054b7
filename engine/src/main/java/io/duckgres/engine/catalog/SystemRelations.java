package io.duckgres.engine.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * PostgreSQL 15's system catalog tables and their fixed OIDs, and the {@code tableoid} system
 * column every one of them has.
 *
 * <p>Clients that read the catalogs to rebuild a database (pg_dump above all) select
 * {@code tableoid} beside {@code oid} from each catalog and name catalogs by
 * {@code 'pg_opfamily'::regclass}. DuckDB views have no system columns, so once the catalog
 * scripts have run, each catalog view here is renamed to {@code duckgres_rel_<name>} and
 * replaced by a view that adds {@code tableoid} as its last column. PostgreSQL documentation:
 * section 5.5 "System Columns".
 */
public final class SystemRelations {
  /** Catalog table name → its OID in PostgreSQL 15 (pg_class.oid, also its tableoid). */
  static final Map<String, Integer> OIDS = Map.ofEntries(
      Map.entry("pg_aggregate", 2600), Map.entry("pg_am", 2601), Map.entry("pg_amop", 2602),
      Map.entry("pg_amproc", 2603), Map.entry("pg_attrdef", 2604), Map.entry("pg_attribute", 1249),
      Map.entry("pg_auth_members", 1261), Map.entry("pg_authid", 1260), Map.entry("pg_cast", 2605),
      Map.entry("pg_class", 1259), Map.entry("pg_collation", 3456),
      Map.entry("pg_constraint", 2606), Map.entry("pg_conversion", 2607),
      Map.entry("pg_database", 1262), Map.entry("pg_db_role_setting", 2964),
      Map.entry("pg_default_acl", 826), Map.entry("pg_depend", 2608),
      Map.entry("pg_description", 2609), Map.entry("pg_enum", 3501),
      Map.entry("pg_event_trigger", 3466), Map.entry("pg_extension", 3079),
      Map.entry("pg_foreign_data_wrapper", 2328), Map.entry("pg_foreign_server", 1417),
      Map.entry("pg_foreign_table", 3118), Map.entry("pg_index", 2610),
      Map.entry("pg_inherits", 2611), Map.entry("pg_init_privs", 3394),
      Map.entry("pg_language", 2612), Map.entry("pg_largeobject", 2613),
      Map.entry("pg_largeobject_metadata", 2995), Map.entry("pg_namespace", 2615),
      Map.entry("pg_opclass", 2616), Map.entry("pg_operator", 2617), Map.entry("pg_opfamily", 2753),
      Map.entry("pg_parameter_acl", 6243), Map.entry("pg_partitioned_table", 3350),
      Map.entry("pg_policy", 3256), Map.entry("pg_proc", 1255), Map.entry("pg_publication", 6104),
      Map.entry("pg_publication_namespace", 6237), Map.entry("pg_publication_rel", 6106),
      Map.entry("pg_range", 3541), Map.entry("pg_replication_origin", 6000),
      Map.entry("pg_rewrite", 2618), Map.entry("pg_seclabel", 3596), Map.entry("pg_sequence", 2224),
      Map.entry("pg_shdepend", 1214), Map.entry("pg_shdescription", 2396),
      Map.entry("pg_shseclabel", 3592), Map.entry("pg_statistic", 2619),
      Map.entry("pg_statistic_ext", 3381), Map.entry("pg_statistic_ext_data", 3429),
      Map.entry("pg_subscription", 6100), Map.entry("pg_subscription_rel", 6102),
      Map.entry("pg_tablespace", 1213), Map.entry("pg_transform", 3576),
      Map.entry("pg_trigger", 2620), Map.entry("pg_ts_config", 3602),
      Map.entry("pg_ts_config_map", 3603), Map.entry("pg_ts_dict", 3600),
      Map.entry("pg_ts_parser", 3601), Map.entry("pg_ts_template", 3764),
      Map.entry("pg_type", 1247), Map.entry("pg_user_mapping", 1418));

  private SystemRelations() {}

  /** The OIDs as a DuckDB MAP literal, for the regclass input macro. */
  static String mapLiteral() {
    return OIDS.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .map(entry -> TypeCatalog.literal(entry.getKey()) + ": " + entry.getValue())
        .collect(Collectors.joining(", ", "MAP {", "}"));
  }

  /** Adds {@code tableoid} to every catalog view of the catalog database that lacks it. */
  static void addTableOid(Statement statement) throws SQLException {
    List<String> views = new ArrayList<>();
    try (ResultSet rows = statement.executeQuery("SELECT view_name FROM duckdb_views()"
        + " WHERE database_name = '" + PgCatalog.CATALOG + "' AND schema_name = 'main'")) {
      while (rows.next()) {
        views.add(rows.getString(1));
      }
    }
    for (String view : views) {
      Integer oid = OIDS.get(view);
      if (oid == null) {
        continue;
      }
      String base = "duckgres_rel_" + view;
      statement.execute("DROP VIEW IF EXISTS " + base);
      statement.execute("ALTER VIEW " + view + " RENAME TO " + base);
      statement.execute("CREATE VIEW " + view + " AS SELECT *, " + oid
          + "::UINTEGER AS tableoid FROM " + base);
    }
  }
}
