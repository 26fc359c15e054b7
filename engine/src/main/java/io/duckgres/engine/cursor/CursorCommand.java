package io.duckgres.engine.cursor;

import io.duckgres.engine.sql.parse.ParsedText;
import io.duckgres.engine.sql.parse.SqlParser;
import io.duckgres.engine.sql.parse.tree.PgQuery.DeclareCursorStmt;
import io.duckgres.engine.sql.parse.tree.PgQuery.FetchStmt;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import io.duckgres.engine.sql.parse.tree.PgQuery.ParseResult;
import io.duckgres.engine.sql.parse.tree.PgQuery.RawStmt;
import io.duckgres.pgwire.PgException;

/**
 * DECLARE, FETCH, MOVE and CLOSE (PostgreSQL docs, "DECLARE", "FETCH", "MOVE", "CLOSE"):
 *
 * <pre>
 * DECLARE name [ BINARY ] [ ASENSITIVE | INSENSITIVE ] [ [ NO ] SCROLL ]
 *     CURSOR [ { WITH | WITHOUT } HOLD ] FOR query
 * FETCH [ direction ] [ FROM | IN ] name      MOVE [ direction ] [ FROM | IN ] name
 * CLOSE { name | ALL }
 * direction: NEXT | PRIOR | FIRST | LAST | ABSOLUTE n | RELATIVE n | n | ALL
 *          | FORWARD [ n | ALL ] | BACKWARD [ n | ALL ]
 * </pre>
 *
 * @param verb which statement
 * @param name the cursor (null for CLOSE ALL)
 * @param query DECLARE's query
 * @param hold DECLARE … WITH HOLD
 * @param direction how FETCH/MOVE moves
 * @param count the count of the direction (Long.MAX_VALUE for ALL)
 * @param noScroll DECLARE … NO SCROLL: the cursor refuses to move backward, as in PostgreSQL
 */
public record CursorCommand(Verb verb, String name, String query, boolean hold,
    Direction direction, long count, boolean noScroll) {

  public CursorCommand(
      Verb verb, String name, String query, boolean hold, Direction direction, long count) {
    this(verb, name, query, hold, direction, count, false);
  }

  public enum Verb {
    DECLARE,
    FETCH,
    MOVE,
    CLOSE
  }

  /** FETCH/MOVE directions; counts may be negative for RELATIVE and BACKWARD. */
  public enum Direction {
    FORWARD,
    BACKWARD,
    ABSOLUTE,
    RELATIVE,
    FIRST,
    LAST
  }

  /** DECLARE's options (PostgreSQL's CURSOR_OPT_* bits in parsenodes.h). */
  private static final int NO_SCROLL = 0x0004;
  private static final int HOLD = 0x0020;

  /**
   * Reads one of the four statements from PostgreSQL's parse tree (cached per text); null when
   * {@code sql} is none of them. DECLARE's query is the tree's query printed back as text.
   *
   * @throws PgException PostgreSQL's syntax error (42601) when the grammar rejects {@code sql}
   */
  public static CursorCommand parse(String sql) {
    ParsedText parsed = ParsedText.of(sql);
    if (parsed.syntaxError() != null) {
      throw parsed.syntaxError();
    }
    RawStmt statement = parsed.single();
    if (statement == null) {
      return null;
    }
    Node node = statement.getStmt();
    return switch (node.getNodeCase()) {
      case DECLARE_CURSOR_STMT -> declare(node.getDeclareCursorStmt());
      case FETCH_STMT -> movement(node.getFetchStmt());
      case CLOSE_PORTAL_STMT -> new CursorCommand(Verb.CLOSE,
          node.getClosePortalStmt().getPortalname().isEmpty()
              ? null : node.getClosePortalStmt().getPortalname(),
          null, false, Direction.FORWARD, 0);
      default -> null;
    };
  }

  private static CursorCommand declare(DeclareCursorStmt declare) {
    String query = SqlParser.deparse(ParseResult.newBuilder()
        .addStmts(RawStmt.newBuilder().setStmt(declare.getQuery())).build());
    return new CursorCommand(Verb.DECLARE, declare.getPortalname(), query,
        (declare.getOptions() & HOLD) != 0, Direction.FORWARD, 0,
        (declare.getOptions() & NO_SCROLL) != 0);
  }

  /**
   * PostgreSQL's grammar reads NEXT as FORWARD 1, PRIOR as BACKWARD 1, FIRST as ABSOLUTE 1, LAST
   * as ABSOLUTE -1, a bare count as FORWARD n, and ALL as a count of LONG_MAX; a negative count
   * turns FORWARD and BACKWARD around.
   */
  private static CursorCommand movement(FetchStmt fetch) {
    Verb verb = fetch.getIsmove() ? Verb.MOVE : Verb.FETCH;
    long count = fetch.getHowMany();
    Direction direction = switch (fetch.getDirection()) {
      case FETCH_BACKWARD -> count < 0 ? Direction.FORWARD : Direction.BACKWARD;
      case FETCH_ABSOLUTE -> Direction.ABSOLUTE;
      case FETCH_RELATIVE -> Direction.RELATIVE;
      default -> count < 0 ? Direction.BACKWARD : Direction.FORWARD;
    };
    if ((direction == Direction.FORWARD || direction == Direction.BACKWARD) && count < 0) {
      count = count == Long.MIN_VALUE ? Long.MAX_VALUE : -count;
    }
    return new CursorCommand(verb, fetch.getPortalname(), null, false, direction, count);
  }
}
