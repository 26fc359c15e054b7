package io.duckgres.engine.catalog;

import io.duckgres.engine.catalog.viewdef.ViewDefinition;
import io.duckgres.engine.catalog.viewdef.ViewRelations;
import io.duckgres.engine.json.JsonText;
import io.duckgres.engine.numeric.NumberFormat;
import java.sql.SQLException;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBFunctions;
import org.duckdb.DuckDBLogicalType;

/**
 * DuckDB functions that write values in PostgreSQL's text forms ({@link JsonText},
 * {@link NumberFormat}, {@link ViewDefinition}), registered on each database before its catalog
 * is installed: the macros
 * of {@link #SCRIPT} give them PostgreSQL's names and types.
 */
final class JsonFunctions {
  /** The catalog script whose macros call these functions. */
  static final String SCRIPT = "27-compat-functions.sql";

  private JsonFunctions() {}

  /** Registers the functions unless the database has them; false when they are not there. */
  static boolean registerOnce(DuckDBConnection root, String database) {
    return FunctionRegistration.registerOnce(root, database, "duckgres_jsonb_text",
        "PostgreSQL's json text forms and numeric to_char are not available",
        JsonFunctions::register);
  }

  private static void register(DuckDBConnection root) throws SQLException {
    unary(root, "duckgres_jsonb_text", JsonText::jsonb);
    unary(root, "duckgres_json_spaced_text", JsonText::spaced);
    unary(root, "duckgres_json_members_text", JsonText::members);
    unary(root, "duckgres_jsonb_pretty_text", JsonText::pretty);
    unary(root, "duckgres_json_object_agg_text", JsonText::objectAgg);
    unary(root, "duckgres_jsonb_strip_nulls_text", json -> JsonText.stripNulls(json, true));
    unary(root, "duckgres_json_strip_nulls_text", json -> JsonText.stripNulls(json, false));
    binary(root, "duckgres_jsonb_delete_text", JsonText::delete);
    binary(root, "duckgres_to_char_number", NumberFormat::format);
    binary(root, "duckgres_viewdef_text", ViewDefinition::print);
    unary(root, "duckgres_view_relations_text", ViewRelations::of);
    // jsonb_set(target, path, value, create): the path comes as one JSON array of strings.
    DuckDBFunctions.scalarFunction().withName("duckgres_jsonb_set_text")
        .withVarArgs(DuckDBLogicalType.of(DuckDBColumnType.VARCHAR))
        .withReturnType(DuckDBColumnType.VARCHAR)
        .withVarArgsFunction(arguments -> {
          for (Object argument : arguments) {
            if (argument == null) {
              return null;
            }
          }
          List<String> path = JsonText.stringArray((String) arguments[1]);
          return JsonText.set((String) arguments[0], path, (String) arguments[2],
              Boolean.parseBoolean((String) arguments[3]));
        })
        .register(root);
  }

  private static void unary(DuckDBConnection root, String name, Function<String, String> body)
      throws SQLException {
    DuckDBFunctions.scalarFunction().withName(name)
        .withParameter(DuckDBColumnType.VARCHAR)
        .withReturnType(DuckDBColumnType.VARCHAR)
        .withFunction((String value) -> value == null ? null : body.apply(value))
        .withNullInNullOut()
        .register(root);
  }

  private static void binary(DuckDBConnection root, String name,
      BiFunction<String, String, String> body) throws SQLException {
    DuckDBFunctions.scalarFunction().withName(name)
        .withParameters(DuckDBColumnType.VARCHAR, DuckDBColumnType.VARCHAR)
        .withReturnType(DuckDBColumnType.VARCHAR)
        .withFunction((String left, String right) ->
            left == null || right == null ? null : body.apply(left, right))
        .withNullInNullOut()
        .register(root);
  }
}
