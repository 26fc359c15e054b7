package io.duckgres.engine;

import io.duckgres.engine.sql.parse.ParsedText;
import io.duckgres.engine.sql.parse.tree.PgQuery.RawStmt;
import io.duckgres.engine.sql.parse.tree.PgQuery.TransactionStmt;
import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import java.util.ArrayList;
import java.util.List;

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

    /**
     * The command, from PostgreSQL's parse tree (cached per text), which holds the name as
     * PostgreSQL folds it (unquoted names in lower case); null when {@code sql} is none of the
     * three.
     */
    static Command parse(String sql) {
      RawStmt statement = ParsedText.of(sql).single();
      if (statement == null || !statement.getStmt().hasTransactionStmt()) {
        return null;
      }
      TransactionStmt transaction = statement.getStmt().getTransactionStmt();
      Verb verb = switch (transaction.getKind()) {
        case TRANS_STMT_SAVEPOINT -> Verb.SAVEPOINT;
        case TRANS_STMT_RELEASE -> Verb.RELEASE;
        case TRANS_STMT_ROLLBACK_TO -> Verb.ROLLBACK_TO;
        default -> null;
      };
      return verb == null ? null : new Command(verb, transaction.getSavepointName());
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
