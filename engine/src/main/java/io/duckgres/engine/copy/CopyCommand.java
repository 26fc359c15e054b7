package io.duckgres.engine.copy;

import io.duckgres.engine.settings.SettingCommands;
import io.duckgres.engine.sql.parse.ParsedText;
import io.duckgres.engine.sql.parse.RelationName;
import io.duckgres.engine.sql.parse.SqlParser;
import io.duckgres.engine.sql.parse.tree.PgQuery.CopyStmt;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import io.duckgres.engine.sql.parse.tree.PgQuery.ParseResult;
import io.duckgres.engine.sql.parse.tree.PgQuery.RawStmt;
import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import java.util.ArrayList;
import java.util.List;

/**
 * A COPY statement that moves data over the connection (PostgreSQL docs, "COPY"):
 *
 * <pre>
 * COPY table [ ( column [, ...] ) ] FROM STDIN [ [ WITH ] ( option [, ...] ) | legacy options ]
 * COPY { table [ ( column [, ...] ) ] | ( query ) } TO STDOUT [ [ WITH ] ( option [, ...] ) ]
 * </pre>
 *
 * COPY to or from a file is DuckDB's business (its own access rules refuse paths to ordinary
 * users) and runs there.
 *
 * @param from true for FROM STDIN, false for TO STDOUT
 * @param table the table's name without its schema, as PostgreSQL's CONTEXT names it (null when
 *     copying a query out)
 * @param columns the column list, each name quoted, or empty for all columns
 * @param query the query of {@code COPY (query) TO STDOUT} as PostgreSQL prints it, else null
 * @param options the format options
 * @param relation the table as DuckDB names it (see RelationName: {@code public.t} is
 *     {@code "main"."t"}), read from PostgreSQL's parse tree; null when copying a query out
 */
public record CopyCommand(boolean from, String table, List<String> columns, String query,
    CopyOptions options, String relation) {

  /**
   * Reads {@code sql} from PostgreSQL's parse tree (cached per text); null when it is not a COPY
   * FROM STDIN / TO STDOUT: COPY to or from a file or program, and DuckDB's own COPY forms the
   * grammar rejects (COPY FROM DATABASE), run in DuckDB as written.
   *
   * @throws PgException PostgreSQL's error for options it refuses (42601, 22023, 0A000)
   */
  public static CopyCommand parse(String sql) {
    RawStmt statement = ParsedText.of(sql).single();
    if (statement == null || !statement.getStmt().hasCopyStmt()) {
      return null;
    }
    CopyStmt copy = statement.getStmt().getCopyStmt();
    if (copy.getIsProgram() || !copy.getFilename().isEmpty()) {
      return null;
    }
    if (copy.hasWhereClause()) {
      throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "COPY FROM ... WHERE is not supported");
    }
    CopyOptions options = CopyOptions.of(copy.getOptionsList(), copy.getIsFrom());
    if (!copy.hasRelation()) {
      return new CopyCommand(false, null, List.of(), deparse(copy.getQuery()), options, null);
    }
    List<String> columns = new ArrayList<>();
    for (Node column : copy.getAttlistList()) {
      columns.add(SettingCommands.identifier(column.getString().getSval()));
    }
    return new CopyCommand(copy.getIsFrom(), copy.getRelation().getRelname(),
        List.copyOf(columns), null, options, RelationName.of(copy.getRelation()));
  }

  /** The query of COPY (query) TO, printed by PostgreSQL's deparser. */
  private static String deparse(Node query) {
    return SqlParser.deparse(ParseResult.newBuilder()
        .addStmts(RawStmt.newBuilder().setStmt(query)).build());
  }

  /** The SELECT whose rows COPY TO writes. */
  public String selectSql() {
    if (query != null) {
      return query;
    }
    return "SELECT " + (columns.isEmpty() ? "*" : String.join(", ", columns)) + " FROM "
        + relation;
  }

  /** How errors name the copy, as PostgreSQL's CONTEXT does: "COPY t". */
  public String context() {
    return "COPY " + (table != null ? table : "(query)");
  }
}
