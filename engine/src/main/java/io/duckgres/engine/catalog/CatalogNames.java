package io.duckgres.engine.catalog;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The views, tables and macros the catalog scripts define, by schema: {@code main} (what
 * {@code pg_catalog.X} names) and {@code info_schema} (what {@code information_schema.X} names).
 * Read from the scripts' CREATE statements once.
 */
public final class CatalogNames {
  /** The catalog's schema for pg_catalog's objects. */
  public static final String MAIN = "main";
  /** The catalog's schema for information_schema's views. */
  public static final String INFO = "info_schema";

  private static final Set<String> MAIN_NAMES = new HashSet<>();
  private static final Set<String> INFO_NAMES = new HashSet<>();

  static {
    Pattern created = Pattern.compile(
        "CREATE (?:OR REPLACE )?(?:VIEW|MACRO|TABLE) (info_schema\\.)?(\\w+)",
        Pattern.CASE_INSENSITIVE);
    for (String script : PgCatalog.scripts()) {
      for (String statement : PgCatalog.statements(script)) {
        Matcher matcher = created.matcher(statement);
        if (matcher.lookingAt()) {
          (matcher.group(1) == null ? MAIN_NAMES : INFO_NAMES)
              .add(matcher.group(2).toLowerCase(Locale.ROOT));
        }
      }
    }
  }

  private CatalogNames() {}

  /** Whether the catalog defines {@code pg_catalog.name} itself. */
  public static boolean inPgCatalog(String name) {
    return MAIN_NAMES.contains(name);
  }

  /** Whether the catalog defines {@code information_schema.name} itself. */
  public static boolean inInformationSchema(String name) {
    return INFO_NAMES.contains(name);
  }
}
