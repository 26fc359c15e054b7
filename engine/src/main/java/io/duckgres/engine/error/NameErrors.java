package io.duckgres.engine.error;

import io.duckgres.pgwire.SqlState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Catalog and Binder errors: names that don't resolve (42P01, 42703, 42883, 3F000, ...), names
 * taken twice (42P07, 42P06, ...), and statements that bind badly. The three PostgreSQL users meet
 * most (missing relation, column, function) are reworded as PostgreSQL words them.
 */
final class NameErrors {
  private static final String NO_FUNCTION_HINT =
      "No function matches the given name and argument types. "
          + "You might need to add explicit type casts.";
  private static final Pattern RELATION_MISSING_SCHEMA =
      Pattern.compile("^Table with name \"(.+?)\" does not exist because schema");
  private static final Pattern RELATION_MISSING =
      Pattern.compile("^(?:Table|View|Sequence) with name (.+?) does not exist!");
  private static final Pattern FUNCTION_MISSING =
      Pattern.compile("^(?:[A-Za-z]+ )*Function with name (.+?) does not exist!");
  private static final Pattern SCHEMA_MISSING =
      Pattern.compile("^Schema with name (.+?) does not exist!");
  private static final Pattern TYPE_MISSING =
      Pattern.compile("^Type with name (.+?) does not exist!");
  private static final Pattern INDEX_MISSING =
      Pattern.compile("^Index with name (.+?) does not exist!");
  private static final Pattern ALREADY_EXISTS =
      Pattern.compile("^([A-Za-z ]+?) with name \"?(.+?)\"? already exists");
  private static final Pattern COLUMN_MISSING =
      Pattern.compile("^Referenced (?:update )?column \"?(.+?)\"? (?:not found|was not found)");
  private static final Pattern QUALIFIED_COLUMN_MISSING =
      Pattern.compile("^Table \"(.+?)\" does not have a column named \"(.+?)\"");
  private static final Pattern TARGET_COLUMN_MISSING =
      Pattern.compile("^Table \"(.+?)\" does not have a column with name \"(.+?)\"");
  private static final Pattern TABLE_REFERENCE_MISSING =
      Pattern.compile("^Referenced table \"(.+?)\" not found");
  private static final Pattern AMBIGUOUS_COLUMN =
      Pattern.compile("^Ambiguous reference to column name \"(.+?)\"\\s*(.*)$");
  private static final Pattern NO_MATCHING_FUNCTION =
      Pattern.compile("^No function matches the given name and argument types '(.+?)\\((.*)\\)'");
  private static final Pattern PREPARED_MISSING =
      Pattern.compile("^Prepared statement \"(.+?)\" does not exist");

  private NameErrors() {}

  /** A reworded message whose subject is the regex's first group. */
  private static ErrorMapping named(SqlState state, String message, Matcher m) {
    return new ErrorMapping(state, message, m.group(1), null);
  }

  /** Maps a Catalog or Binder error; {@code lower} is {@code message} in lower case. */
  static ErrorMapping map(String type, String message, String lower) {
    Matcher m;
    // "Table with name "s.t" does not exist because schema "s" does not exist." PostgreSQL
    // reports a missing relation (42P01) for a qualified name in a missing schema.
    if ((m = RELATION_MISSING_SCHEMA.matcher(message)).find()) {
      return named(SqlState.UNDEFINED_TABLE, "relation \"" + m.group(1) + "\" does not exist", m);
    }
    // "Table with name foo does not exist!" (also views and sequences, which PostgreSQL calls
    // relations too: nextval('nosuch') says relation "nosuch" does not exist).
    if ((m = RELATION_MISSING.matcher(message)).find()) {
      return named(SqlState.UNDEFINED_TABLE, "relation \"" + m.group(1) + "\" does not exist", m);
    }
    // "Scalar Function with name foo does not exist!" (Aggregate, Table, Pragma, Macro ...).
    // DuckDB doesn't print the argument types, so the name stands alone.
    if ((m = FUNCTION_MISSING.matcher(message)).find()) {
      return new ErrorMapping(SqlState.UNDEFINED_FUNCTION,
          "function " + m.group(1) + " does not exist", m.group(1), NO_FUNCTION_HINT);
    }
    // "No function matches the given name and argument types 'sum(VARCHAR, INTEGER)'": the
    // overload resolution failed, which PostgreSQL reports as the function not existing.
    if ((m = NO_MATCHING_FUNCTION.matcher(message)).find()) {
      String signature = m.group(1) + "(" + pgArgumentTypes(m.group(2)) + ")";
      return new ErrorMapping(SqlState.UNDEFINED_FUNCTION,
          "function " + signature + " does not exist", m.group(1), NO_FUNCTION_HINT);
    }
    // "Schema with name s does not exist!" (CREATE TABLE s.t, DROP SCHEMA s).
    if ((m = SCHEMA_MISSING.matcher(message)).find()) {
      return named(SqlState.UNDEFINED_SCHEMA, "schema \"" + m.group(1) + "\" does not exist", m);
    }
    // "SET schema: No catalog + schema named "x" found." from USE / SET search_path.
    if (lower.contains("no catalog + schema named")) {
      return new ErrorMapping(SqlState.UNDEFINED_SCHEMA, message);
    }
    // "Type with name x does not exist!" from a cast or column definition.
    if ((m = TYPE_MISSING.matcher(message)).find()) {
      return named(SqlState.UNDEFINED_OBJECT, "type \"" + m.group(1) + "\" does not exist", m);
    }
    // "Index with name x does not exist!" (DROP INDEX).
    if ((m = INDEX_MISSING.matcher(message)).find()) {
      return named(SqlState.UNDEFINED_OBJECT, "index \"" + m.group(1) + "\" does not exist", m);
    }
    // "Catalog "db" does not exist!" and "Failed to detach database ...: database not found":
    // DuckDB's catalogs are attached databases.
    if (lower.startsWith("catalog \"") && lower.contains("does not exist")
        || lower.contains("database not found")) {
      return new ErrorMapping(SqlState.UNDEFINED_DATABASE, message);
    }
    // "Failed to attach database: database with name "m" already exists" (ATTACH ... AS m).
    if (lower.contains("database with name") && lower.contains("already exists")) {
      return new ErrorMapping(SqlState.DUPLICATE_DATABASE, message);
    }
    // "<Kind> with name "x" already exists!" for tables, schemas, types, macros, columns ...
    if ((m = ALREADY_EXISTS.matcher(message)).find()) {
      return alreadyExists(m.group(1), m.group(2), message);
    }
    // "unrecognized configuration parameter "x"" (SET, current_setting): same text and code as
    // PostgreSQL.
    if (lower.startsWith("unrecognized configuration parameter")) {
      return new ErrorMapping(SqlState.UNDEFINED_OBJECT, message);
    }
    // "Referenced column "x" not found in FROM clause!", "... was not found because the FROM
    // clause is missing", "Referenced update column x not found in table!".
    if ((m = COLUMN_MISSING.matcher(message)).find()) {
      return named(SqlState.UNDEFINED_COLUMN, "column \"" + m.group(1) + "\" does not exist", m);
    }
    // "Table "t" does not have a column named "x"" for t.x in an expression.
    if ((m = QUALIFIED_COLUMN_MISSING.matcher(message)).find()) {
      return new ErrorMapping(SqlState.UNDEFINED_COLUMN,
          "column " + m.group(1) + "." + m.group(2) + " does not exist", m.group(2), null);
    }
    // "Table "t" does not have a column with name "x"" for INSERT/ALTER target columns.
    if ((m = TARGET_COLUMN_MISSING.matcher(message)).find()) {
      return new ErrorMapping(SqlState.UNDEFINED_COLUMN, "column \"" + m.group(2)
          + "\" of relation \"" + m.group(1) + "\" does not exist", m.group(2), null);
    }
    // Other missing columns: "Column "x" does not exist on left side of join!", "Could not find
    // key "b" in struct" (a field of a composite value, 42703 in PostgreSQL too).
    if (lower.contains("column") && (lower.contains("not found") || lower.contains("not exist"))
        || lower.startsWith("could not find key")) {
      return new ErrorMapping(SqlState.UNDEFINED_COLUMN, message);
    }
    // "Referenced table "u" not found!": a qualifier naming no FROM item.
    if ((m = TABLE_REFERENCE_MISSING.matcher(message)).find()) {
      return named(SqlState.UNDEFINED_TABLE,
          "missing FROM-clause entry for table \"" + m.group(1) + "\"", m);
    }
    // "Ambiguous reference to column name "id" (use: "t.id" or "t2.id")".
    if ((m = AMBIGUOUS_COLUMN.matcher(message)).find()) {
      String use = m.group(2).startsWith("(use: ") && m.group(2).endsWith(")")
          ? "Use " + m.group(2).substring(6, m.group(2).length() - 1) + "."
          : null;
      return new ErrorMapping(SqlState.AMBIGUOUS_COLUMN,
          "column reference \"" + m.group(1) + "\" is ambiguous", m.group(1), use);
    }
    // Any other "Ambiguous reference ..." (e.g. to a table alias).
    if (lower.startsWith("ambiguous reference")) {
      return new ErrorMapping(SqlState.AMBIGUOUS_COLUMN, message);
    }
    // "Could not choose a best candidate function for the function call "+(...)"".
    if (lower.contains("could not choose a best candidate function")) {
      return new ErrorMapping(SqlState.AMBIGUOUS_FUNCTION, message);
    }
    // "column "x" must appear in the GROUP BY clause or must be part of an aggregate function",
    // "aggregate function calls cannot be nested", "WHERE clause cannot contain aggregates!".
    if (lower.contains("must appear in the group by clause")
        || lower.contains("cannot be nested") || lower.contains("cannot contain aggregates")) {
      return new ErrorMapping(SqlState.GROUPING_ERROR, message);
    }
    // "Prepared statement "p" does not exist" (EXECUTE).
    if ((m = PREPARED_MISSING.matcher(message)).find()) {
      return named(SqlState.INVALID_SQL_STATEMENT_NAME,
          "prepared statement \"" + m.group(1) + "\" does not exist", m);
    }
    // "Existing object v is of type View, trying to drop type Table".
    if (lower.startsWith("existing object") && lower.contains("is of type")) {
      return new ErrorMapping(SqlState.WRONG_OBJECT_TYPE, message);
    }
    // "Could not drop the table because this table is main key table of the table "child"".
    if (lower.startsWith("could not drop")) {
      return new ErrorMapping(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, message);
    }
    // "table u has 2 columns but 1 values were supplied", "Subquery returns 2 columns -
    // expected 1": PostgreSQL raises these from the parser, as syntax errors.
    if (lower.contains("values were supplied") || lower.startsWith("subquery returns")) {
      return new ErrorMapping(SqlState.SYNTAX_ERROR, message);
    }
    // "ORDER term out of range - should be between 1 and 1" (ORDER BY 2 / GROUP BY 2).
    if (lower.contains("term out of range")) {
      return new ErrorMapping(SqlState.INVALID_COLUMN_REFERENCE, message);
    }
    // "Cannot concatenate types VARCHAR and INTEGER[] - an explicit cast is required",
    // "Cannot compare values of type ...".
    if (lower.contains("explicit cast") || lower.startsWith("cannot compare")
        || lower.startsWith("cannot mix")) {
      return new ErrorMapping(SqlState.DATATYPE_MISMATCH, message);
    }
    // Any other catalog lookup that failed: some named object is missing.
    if (type.equals("Catalog") && lower.contains("does not exist")) {
      return new ErrorMapping(SqlState.UNDEFINED_OBJECT, message);
    }
    // The rest is a statement that parsed but makes no sense: the class-42 umbrella code.
    return new ErrorMapping(SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION, message);
  }

  private static ErrorMapping alreadyExists(String kind, String name, String message) {
    return switch (kind) {
      // PostgreSQL has one namespace for relations: relation "t" already exists.
      case "Table", "View", "Sequence", "Index" ->
          new ErrorMapping(SqlState.DUPLICATE_TABLE, "relation \"" + name + "\" already exists");
      // "Schema with name "s" already exists!" (CREATE SCHEMA).
      case "Schema" ->
          new ErrorMapping(SqlState.DUPLICATE_SCHEMA, "schema \"" + name + "\" already exists");
      // "Type with name "mood" already exists!" (CREATE TYPE); 42710 in PostgreSQL.
      case "Type" ->
          new ErrorMapping(SqlState.DUPLICATE_OBJECT, "type \"" + name + "\" already exists");
      // "Column with name a already exists!" (ALTER TABLE ADD, CREATE TABLE with a repeat).
      case "Column" -> new ErrorMapping(SqlState.DUPLICATE_COLUMN, message);
      // "Macro Function with name "m" already exists!" and other function kinds; any other
      // kind of object (secret, collation ...) is a duplicate_object.
      default -> kind.contains("Function") || kind.contains("Macro")
          ? new ErrorMapping(SqlState.DUPLICATE_FUNCTION, message)
          : new ErrorMapping(SqlState.DUPLICATE_OBJECT, message);
    };
  }

  /** DuckDB type names in a signature as PostgreSQL spells them, e.g. "VARCHAR, INTEGER". */
  static String pgArgumentTypes(String duckTypes) {
    List<String> args = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i <= duckTypes.length(); i++) {
      char c = i < duckTypes.length() ? duckTypes.charAt(i) : ',';
      if (c == '(' || c == '[') {
        depth++;
      } else if (c == ')' || c == ']') {
        depth--;
      } else if (c == ',' && depth <= 0) {
        String arg = duckTypes.substring(start, i).strip();
        if (!arg.isEmpty()) {
          args.add(pgTypeName(arg));
        }
        start = i + 1;
      }
    }
    return String.join(", ", args);
  }

  static String pgTypeName(String duckType) {
    String base = duckType;
    String suffix = "";
    while (base.endsWith("[]")) {
      suffix += "[]";
      base = base.substring(0, base.length() - 2);
    }
    String upper = base.toUpperCase(Locale.ROOT);
    int paren = upper.indexOf('(');
    String name = switch (paren < 0 ? upper : upper.substring(0, paren)) {
      case "INTEGER", "INTEGER_LITERAL" -> "integer";
      case "BIGINT" -> "bigint";
      case "SMALLINT" -> "smallint";
      case "VARCHAR" -> "text";
      case "STRING_LITERAL", "NULL" -> "unknown";
      case "DOUBLE" -> "double precision";
      case "FLOAT" -> "real";
      case "BOOLEAN" -> "boolean";
      case "DECIMAL" -> "numeric";
      case "BLOB" -> "bytea";
      case "TIME" -> "time without time zone";
      case "TIMESTAMP" -> "timestamp without time zone";
      case "TIMESTAMP WITH TIME ZONE" -> "timestamp with time zone";
      default -> base.toLowerCase(Locale.ROOT);
    };
    return name + suffix;
  }
}
