package io.duckgres.engine.catalog;

import io.duckgres.engine.result.ColumnMapper;
import io.duckgres.pgwire.types.PgType;
import io.duckgres.pgwire.types.PgTypes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The types half of the catalog: pg_type rows with PostgreSQL's own OIDs (pg_type.dat), the
 * mapping from a DuckDB column type to the OID a column of that type is sent with, and
 * format_type's names. The column mapping is taken from {@link ColumnMapper}, so pg_attribute
 * and RowDescription always agree on a column's type.
 *
 * <p>Each piece is generated as SQL (a VALUES list or a CASE) for the catalog's views and macros.
 */
final class TypeCatalog {
  private TypeCatalog() {}

  /** One built-in type: what pg_type says of it and how format_type spells it. */
  record BuiltIn(int oid, String name, int length, boolean byValue, char category,
      boolean preferred, String sqlName, int arrayOid) {}

  /**
   * The built-in types the catalog lists: every type the wire layer knows, and the reg and
   * pseudo types clients name in their catalog queries.
   */
  static final List<BuiltIn> BUILT_INS = List.of(
      new BuiltIn(16, "bool", 1, true, 'B', true, "boolean", 1000),
      new BuiltIn(17, "bytea", -1, false, 'U', false, "bytea", 1001),
      new BuiltIn(18, "char", 1, true, 'Z', false, "\"char\"", 1002),
      new BuiltIn(19, "name", 64, false, 'S', false, "name", 1003),
      new BuiltIn(20, "int8", 8, true, 'N', false, "bigint", 1016),
      new BuiltIn(21, "int2", 2, true, 'N', false, "smallint", 1005),
      new BuiltIn(22, "int2vector", -1, false, 'A', false, "int2vector", 1006),
      new BuiltIn(23, "int4", 4, true, 'N', false, "integer", 1007),
      new BuiltIn(24, "regproc", 4, true, 'N', false, "regproc", 1008),
      new BuiltIn(25, "text", -1, false, 'S', true, "text", 1009),
      new BuiltIn(26, "oid", 4, true, 'N', true, "oid", 1028),
      new BuiltIn(27, "tid", 6, false, 'U', false, "tid", 1010),
      new BuiltIn(28, "xid", 4, true, 'U', false, "xid", 1011),
      new BuiltIn(29, "cid", 4, true, 'U', false, "cid", 1012),
      new BuiltIn(30, "oidvector", -1, false, 'A', false, "oidvector", 1013),
      new BuiltIn(114, "json", -1, false, 'U', false, "json", 199),
      new BuiltIn(142, "xml", -1, false, 'U', false, "xml", 143),
      new BuiltIn(194, "pg_node_tree", -1, false, 'Z', false, "pg_node_tree", 0),
      new BuiltIn(650, "cidr", -1, false, 'I', false, "cidr", 651),
      new BuiltIn(700, "float4", 4, true, 'N', false, "real", 1021),
      new BuiltIn(701, "float8", 8, true, 'N', true, "double precision", 1022),
      new BuiltIn(705, "unknown", -2, false, 'X', false, "unknown", 0),
      new BuiltIn(790, "money", 8, true, 'N', false, "money", 791),
      new BuiltIn(829, "macaddr", 6, false, 'U', false, "macaddr", 1040),
      new BuiltIn(869, "inet", -1, false, 'I', true, "inet", 1041),
      new BuiltIn(1033, "aclitem", 12, false, 'U', false, "aclitem", 1034),
      new BuiltIn(1042, "bpchar", -1, false, 'S', false, "character", 1014),
      new BuiltIn(1043, "varchar", -1, false, 'S', false, "character varying", 1015),
      new BuiltIn(1082, "date", 4, true, 'D', false, "date", 1182),
      new BuiltIn(1083, "time", 8, true, 'D', false, "time without time zone", 1183),
      new BuiltIn(1114, "timestamp", 8, true, 'D', false, "timestamp without time zone", 1115),
      new BuiltIn(1184, "timestamptz", 8, true, 'D', true, "timestamp with time zone", 1185),
      new BuiltIn(1186, "interval", 16, false, 'T', true, "interval", 1187),
      new BuiltIn(1266, "timetz", 12, false, 'D', false, "time with time zone", 1270),
      new BuiltIn(1560, "bit", -1, false, 'V', false, "bit", 1561),
      new BuiltIn(1562, "varbit", -1, false, 'V', true, "bit varying", 1563),
      new BuiltIn(1700, "numeric", -1, false, 'N', false, "numeric", 1231),
      new BuiltIn(1790, "refcursor", -1, false, 'U', false, "refcursor", 2201),
      new BuiltIn(2202, "regprocedure", 4, true, 'N', false, "regprocedure", 2207),
      new BuiltIn(2205, "regclass", 4, true, 'N', false, "regclass", 2210),
      new BuiltIn(2206, "regtype", 4, true, 'N', false, "regtype", 2211),
      new BuiltIn(2249, "record", -1, false, 'P', false, "record", 2287),
      new BuiltIn(2275, "cstring", -2, false, 'P', false, "cstring", 1263),
      new BuiltIn(2276, "any", 4, true, 'P', false, "\"any\"", 0),
      new BuiltIn(2277, "anyarray", -1, false, 'P', false, "anyarray", 0),
      new BuiltIn(2278, "void", 4, true, 'P', false, "void", 0),
      new BuiltIn(2279, "trigger", 4, true, 'P', false, "trigger", 0),
      new BuiltIn(2283, "anyelement", 4, true, 'P', false, "anyelement", 0),
      new BuiltIn(2950, "uuid", 16, false, 'U', false, "uuid", 2951),
      new BuiltIn(3220, "pg_lsn", 8, true, 'U', false, "pg_lsn", 3221),
      new BuiltIn(3614, "tsvector", -1, false, 'U', false, "tsvector", 3643),
      new BuiltIn(3615, "tsquery", -1, false, 'U', false, "tsquery", 3645),
      new BuiltIn(3802, "jsonb", -1, false, 'U', false, "jsonb", 3807),
      new BuiltIn(4089, "regnamespace", 4, true, 'N', false, "regnamespace", 4090),
      new BuiltIn(4096, "regrole", 4, true, 'N', false, "regrole", 4097));

  /** DuckDB's type names, as duckdb_columns().data_type spells them, that ColumnMapper maps. */
  private static final List<String> DUCKDB_TYPES = List.of("BOOLEAN", "TINYINT", "SMALLINT",
      "UTINYINT", "INTEGER", "USMALLINT", "BIGINT", "UINTEGER", "UBIGINT", "HUGEINT", "UHUGEINT",
      "VARINT", "BIGNUM", "FLOAT", "DOUBLE", "VARCHAR", "BLOB", "DATE", "TIME",
      "TIME WITH TIME ZONE", "TIMESTAMP", "TIMESTAMP_S", "TIMESTAMP_MS", "TIMESTAMP_NS",
      "TIMESTAMP WITH TIME ZONE", "INTERVAL", "UUID", "JSON");

  /** The pg_catalog namespace's OID, as in PostgreSQL. */
  static final int PG_CATALOG_NAMESPACE = 11;

  /** Every pg_type row: the built-ins, then one array type for each that has one. */
  static String pgTypeRows() {
    List<String> rows = new ArrayList<>();
    Map<Integer, BuiltIn> byOid = builtInsByOid();
    for (BuiltIn type : BUILT_INS) {
      rows.add(row(type.oid(), type.name(), type.length(), type.byValue(), 'b',
          type.category(), type.preferred(), 0, type.arrayOid(), inputFunction(type)));
    }
    for (BuiltIn type : BUILT_INS) {
      if (type.arrayOid() != 0 && !byOid.containsKey(type.arrayOid())) {
        rows.add(row(type.arrayOid(), "_" + type.name(), -1, false, 'b', 'A', false,
            type.oid(), 0, "array_in"));
      }
    }
    return String.join(",\n", rows);
  }

  /** typinput: only array_in matters to clients (pgJDBC tells arrays by it). */
  private static String inputFunction(BuiltIn type) {
    return type.name() + "in";
  }

  private static String row(int oid, String name, int length, boolean byValue, char type,
      char category, boolean preferred, int element, int array, String input) {
    return "(" + oid + ", " + literal(name) + ", " + length + ", " + byValue + ", '" + type
        + "', '" + category + "', " + preferred + ", " + element + ", " + array + ", "
        + literal(input) + ")";
  }

  /**
   * {@code pg_type_oid(data_type)}: the OID a column of DuckDB type {@code data_type} has in
   * RowDescription. Lists and fixed-size arrays of a mapped type are that type's array; deeper
   * nesting, STRUCT, MAP, UNION and ENUM travel as text, as ColumnMapper sends them. Lookups are
   * constant MAPs rather than CASEs: a macro is expanded wherever it is used, and binding a
   * hundred-branch CASE at every use is slow.
   */
  static String typeOidMacro() {
    StringBuilder scalar = new StringBuilder("MAP {");
    StringBuilder array = new StringBuilder("MAP {");
    String separator = "";
    for (String duckType : DUCKDB_TYPES) {
      scalar.append(separator).append(literal(duckType)).append(": ")
          .append(ColumnMapper.pgType(duckType).oid());
      array.append(separator).append(literal(duckType)).append(": ")
          .append(ColumnMapper.pgType(duckType + "[]").oid());
      separator = ", ";
    }
    scalar.append("}");
    array.append(", 'DECIMAL': ").append(PgTypes.NUMERIC_ARRAY_OID).append("}");
    return "CREATE OR REPLACE MACRO pg_type_oid(arg_data_type) AS CASE"
        + " WHEN arg_data_type NOT LIKE '%]' THEN coalesce(" + scalar + "[arg_data_type],"
        + " CASE WHEN arg_data_type LIKE 'DECIMAL%' THEN " + PgTypes.NUMERIC_OID
        + " WHEN arg_data_type IS NOT NULL THEN " + PgTypes.TEXT_OID + " END)"
        + " WHEN regexp_matches(arg_data_type, '(\\]\\[\\d*\\]|^(STRUCT|MAP|UNION).*\\])$') THEN "
        + PgTypes.TEXT_OID
        + " ELSE coalesce(" + array + "[regexp_replace(arg_data_type, '(\\(.*\\))?\\[\\d*\\]$', '')], "
        + PgTypes.TEXT_OID + ") END";
  }

  /**
   * {@code format_type(type_oid, typemod)}: the SQL name of a type, as PostgreSQL's format_type
   * prints it, with the modifier of numeric, varchar and char applied.
   */
  static String formatTypeMacro() {
    StringBuilder names = new StringBuilder("MAP {");
    String separator = "";
    for (BuiltIn type : BUILT_INS) {
      names.append(separator).append(type.oid()).append(": ").append(literal(type.sqlName()));
      separator = ", ";
      if (type.arrayOid() != 0) {
        names.append(", ").append(type.arrayOid()).append(": ")
            .append(literal(type.sqlName() + "[]"));
      }
    }
    names.append("}");
    return "CREATE OR REPLACE MACRO format_type(arg_type_oid, arg_typemod) AS CASE"
        + " WHEN arg_typemod >= 4 AND arg_type_oid IN (1700, 1231) THEN 'numeric('"
        + " || ((arg_typemod - 4) >> 16) || ',' || ((arg_typemod - 4) & 65535) || ')'"
        + " || CASE WHEN arg_type_oid = 1231 THEN '[]' ELSE '' END"
        + " WHEN arg_typemod >= 4 AND arg_type_oid IN (1043, 1042) THEN"
        + " CASE arg_type_oid WHEN 1043 THEN 'character varying(' ELSE 'character(' END"
        + " || (arg_typemod - 4) || ')'"
        // time and timestamp keep their fractional-second precision as the typmod itself.
        + " WHEN arg_typemod >= 0 AND arg_type_oid IN (1083, 1266, 1114, 1184) THEN"
        + " CASE WHEN arg_type_oid IN (1083, 1266) THEN 'time(' ELSE 'timestamp(' END"
        + " || arg_typemod || ')' || CASE WHEN arg_type_oid IN (1083, 1114)"
        + " THEN ' without time zone' ELSE ' with time zone' END"
        + " ELSE coalesce(" + names + "[arg_type_oid::INTEGER],"
        + " (SELECT x_t.type_name FROM duckdb_types() x_t WHERE x_t.type_oid = arg_type_oid),"
        + " CASE WHEN arg_type_oid IS NOT NULL THEN '???' END) END";
  }

  private static Map<Integer, BuiltIn> builtInsByOid() {
    Map<Integer, BuiltIn> byOid = new LinkedHashMap<>();
    for (BuiltIn type : BUILT_INS) {
      byOid.put(type.oid(), type);
    }
    return byOid;
  }

  static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }
}
