package io.duckgres.engine;

import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The savepoints of the open transaction (PostgreSQL docs, "SAVEPOINT", "RELEASE SAVEPOINT",
 * "ROLLBACK TO SAVEPOINT"). DuckDB has no savepoints, so they are kept here:
 *
 * <ul>
 *   <li>SAVEPOINT and RELEASE are exact: names are tracked (a newer savepoint of the same name
 *       hides the older one; RELEASE removes it and every later one), unknown names fail with
 *       3B001 as in PostgreSQL.
 *   <li>ROLLBACK TO SAVEPOINT is exact only when nothing ran in the transaction before the
 *       savepoint: then undoing everything after it is undoing the whole DuckDB transaction, which
 *       the session does and then begins a new one. Otherwise it fails with 0A000 and the
 *       transaction stays as it was (failed), so the client must roll it back whole: DuckDB cannot
 *       undo part of a transaction, and answering success would hide work that was not undone.
 * </ul>
 */
final class Savepoints {
  /** One SAVEPOINT; {@code atStart}: nothing had run in the transaction when it was set. */
  private record Savepoint(String name, boolean atStart) {}

  /** A parsed SAVEPOINT, RELEASE [SAVEPOINT] or ROLLBACK [WORK | TRANSACTION] TO [SAVEPOINT]. */
  record Command(Verb verb, String name) {
    enum Verb {
      SAVEPOINT("SAVEPOINT"),
      RELEASE("RELEASE SAVEPOINT"),
      ROLLBACK_TO("ROLLBACK TO SAVEPOINT");

      final String statement;

      Verb(String statement) {
        this.statement = statement;
      }
    }

    private static final String NAME = "(\"(?:[^\"]|\"\")+\"|[\\p{L}_][\\p{L}\\p{N}_$]*)";
    private static final Pattern SAVEPOINT =
        Pattern.compile("(?is)\\s*savepoint\\s+" + NAME + "\\s*;?\\s*");
    private static final Pattern RELEASE =
        Pattern.compile("(?is)\\s*release\\s+(?:savepoint\\s+)?" + NAME + "\\s*;?\\s*");
    private static final Pattern ROLLBACK_TO = Pattern.compile(
        "(?is)\\s*(?:rollback|abort)\\s+(?:(?:work|transaction)\\s+)?to\\s+(?:savepoint\\s+)?"
            + NAME + "\\s*;?\\s*");

    /** Cheap test on a statement's tag (StatementKind) before {@link #parse}. */
    static boolean mayBe(String tagName) {
      return tagName.equals("SAVEPOINT") || tagName.equals("RELEASE")
          || tagName.equals("ROLLBACK");
    }

    /** The command, or null when {@code sql} is none of the three. */
    static Command parse(String sql) {
      Matcher matcher;
      if ((matcher = SAVEPOINT.matcher(sql)).matches()) {
        return new Command(Verb.SAVEPOINT, name(matcher.group(1)));
      }
      if ((matcher = RELEASE.matcher(sql)).matches()) {
        return new Command(Verb.RELEASE, name(matcher.group(1)));
      }
      if ((matcher = ROLLBACK_TO.matcher(sql)).matches()) {
        return new Command(Verb.ROLLBACK_TO, name(matcher.group(1)));
      }
      return null;
    }

    /** PostgreSQL folds unquoted names to lower case. */
    private static String name(String token) {
      return token.startsWith("\"")
          ? token.substring(1, token.length() - 1).replace("\"\"", "\"")
          : token.toLowerCase(Locale.ROOT);
    }
  }

  private final List<Savepoint> stack = new ArrayList<>();

  /** SAVEPOINT name; {@code workDone}: a statement has run in the transaction before it. */
  void define(String name, boolean workDone) {
    stack.add(new Savepoint(name, !workDone));
  }

  /** RELEASE SAVEPOINT name: it and every savepoint set after it are gone. */
  void release(String name) {
    stack.subList(indexOf(name), stack.size()).clear();
  }

  /**
   * ROLLBACK TO SAVEPOINT name, when the caller can honour it: true when nothing ran before the
   * savepoint, and then the later savepoints are gone (the named one stays, as in PostgreSQL).
   * False: the rollback cannot be done; nothing changed.
   */
  boolean rollbackTo(String name) {
    int index = indexOf(name);
    if (!stack.get(index).atStart()) {
      return false;
    }
    stack.subList(index + 1, stack.size()).clear();
    return true;
  }

  /** The transaction ended. */
  void clear() {
    stack.clear();
  }

  private int indexOf(String name) {
    for (int i = stack.size() - 1; i >= 0; i--) {
      if (stack.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new PgException(SqlState.INVALID_SAVEPOINT_SPECIFICATION,
        "savepoint \"" + name + "\" does not exist");
  }
}
