package io.duckgres.engine.catalog.viewdef;

import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import io.duckgres.engine.sql.parse.tree.PgQuery.TypeName;
import java.util.List;
import java.util.Locale;

/**
 * PostgreSQL's names for the types a view's expressions have, from DuckDB's column types and the
 * type names of casts, and the implicit conversions PostgreSQL's operator resolution makes
 * between them.
 */
final class PgTypes {
  static final String UNKNOWN = "unknown";
  static final String TEXT = "text";
  static final String INTEGER = "integer";
  static final String BIGINT = "bigint";
  static final String SMALLINT = "smallint";
  static final String NUMERIC = "numeric";
  static final String DOUBLE = "double precision";
  static final String REAL = "real";
  static final String BOOLEAN = "boolean";

  private PgTypes() {}

  /** PostgreSQL's name for a DuckDB column type (duckdb_columns().data_type). */
  static String ofDuckDb(String type) {
    String upper = type.toUpperCase(Locale.ROOT);
    if (upper.endsWith("[]")) {
      String element = ofDuckDb(upper.substring(0, upper.length() - 2));
      return element == null ? null : element + "[]";
    }
    int paren = upper.indexOf('(');
    String base = paren < 0 ? upper : upper.substring(0, paren);
    return named(base.toLowerCase(Locale.ROOT).trim());
  }

  /** The type a cast names, printed as PostgreSQL prints it; null when it is not one we know. */
  static String ofTypeName(TypeName typeName) {
    List<Node> names = typeName.getNamesList();
    String base = names.get(names.size() - 1).getString().getSval().toLowerCase(Locale.ROOT);
    String name = named(base);
    if (name == null) {
      return null;
    }
    if (name.equals(NUMERIC) && typeName.getTypmodsCount() == 2) {
      int precision = typeName.getTypmods(0).getAConst().getIval().getIval();
      int scale = typeName.getTypmods(1).getAConst().getIval().getIval();
      // numeric without precision is stored as DECIMAL(38,10): the user wrote plain numeric.
      if (precision != 38 || scale != 10) {
        name = "numeric(" + precision + "," + scale + ")";
      }
    }
    return typeName.getArrayBoundsCount() > 0 ? name + "[]" : name;
  }

  private static String named(String base) {
    return switch (base) {
      case "int", "int4", "integer", "signed" -> INTEGER;
      case "int8", "bigint", "long" -> BIGINT;
      case "int2", "smallint", "short" -> SMALLINT;
      case "varchar", "text", "string", "bpchar", "char", "character varying", "character" -> TEXT;
      case "numeric", "decimal", "hugeint" -> NUMERIC;
      case "float8", "double", "double precision" -> DOUBLE;
      case "float4", "float", "real" -> REAL;
      case "bool", "boolean", "logical" -> BOOLEAN;
      case "date" -> "date";
      case "timestamp", "datetime", "timestamp without time zone" -> "timestamp without time zone";
      case "timestamptz", "timestamp with time zone" -> "timestamp with time zone";
      case "time", "time without time zone" -> "time without time zone";
      case "timetz", "time with time zone" -> "time with time zone";
      case "interval" -> "interval";
      case "bytea", "blob" -> "bytea";
      case "uuid" -> "uuid";
      case "json" -> "json";
      case "jsonb" -> "jsonb";
      default -> null;
    };
  }

  static boolean isInteger(String type) {
    return INTEGER.equals(type) || BIGINT.equals(type) || SMALLINT.equals(type);
  }

  static boolean isNumber(String type) {
    return isInteger(type) || NUMERIC.equals(type) || isFloat(type);
  }

  static boolean isFloat(String type) {
    return DOUBLE.equals(type) || REAL.equals(type);
  }

  /** The base name of a type printed with a modifier ("numeric(10,2)" → "numeric"). */
  static String base(String type) {
    if (type == null) {
      return null;
    }
    int paren = type.indexOf('(');
    return paren < 0 ? type : type.substring(0, paren);
  }

  /**
   * The type both operands of an operator are brought to, as PostgreSQL's operator resolution
   * does for the operators views use: an untyped literal takes the other side's type, integers
   * meet numeric as numeric and floats as double precision; null when neither is known.
   */
  static String common(String left, String right) {
    String l = base(left);
    String r = base(right);
    if (l == null || r == null) {
      return l == null ? (UNKNOWN.equals(r) ? null : r) : (UNKNOWN.equals(l) ? null : l);
    }
    if (l.equals(UNKNOWN)) {
      return r.equals(UNKNOWN) ? TEXT : r;
    }
    if (r.equals(UNKNOWN) || l.equals(r)) {
      return l;
    }
    if (isNumber(l) && isNumber(r)) {
      if (isFloat(l) || isFloat(r)) {
        return DOUBLE;
      }
      if (NUMERIC.equals(l) || NUMERIC.equals(r)) {
        return NUMERIC;
      }
      return BIGINT.equals(l) || BIGINT.equals(r) ? BIGINT : INTEGER;
    }
    return null;
  }

  /**
   * Whether a value of {@code type} is shown converted when an operator needs {@code target}:
   * PostgreSQL has cross-type integer operators, so only a move into numeric or a float type is
   * a conversion.
   */
  static boolean needsCast(String type, String target) {
    String from = base(type);
    String to = base(target);
    if (from == null || to == null || from.equals(to) || from.equals(UNKNOWN)) {
      return false;
    }
    return isNumber(from) && (to.equals(NUMERIC) || isFloat(to)) && !isFloat(from);
  }
}
