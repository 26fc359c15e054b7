package io.duckgres.engine.catalog.viewdef;

import io.duckgres.engine.sql.parse.RelationName;
import io.duckgres.engine.sql.parse.SqlParser;
import io.duckgres.engine.sql.parse.tree.PgQuery.ColumnRef;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import io.duckgres.engine.sql.parse.tree.PgQuery.ParseResult;
import io.duckgres.engine.sql.parse.tree.PgQuery.RawStmt;
import io.duckgres.engine.sql.parse.tree.PgQuery.ResTarget;
import io.duckgres.engine.sql.parse.tree.PgQuery.SelectStmt;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Identifiers quoted as PostgreSQL's {@code quote_identifier} does: a name that is not all
 * lower-case letters, digits and underscores, or that is a keyword PostgreSQL reserves in that
 * place, is written in double quotes. Which words are keywords is PostgreSQL's own grammar's
 * answer: the name is printed by libpg_query's deparser (once per name).
 */
final class Identifiers {
  private static final int CACHE_ENTRIES = 4096;
  private static final Map<String, String> QUOTED = new ConcurrentHashMap<>();

  private Identifiers() {}

  static String quote(String name) {
    if (!name.matches("[a-z_][a-z0-9_$]*")) {
      return RelationName.quoted(name);
    }
    String known = QUOTED.get(name);
    if (known != null) {
      return known;
    }
    String printed = SqlParser.deparse(ParseResult.newBuilder().addStmts(RawStmt.newBuilder()
        .setStmt(Node.newBuilder().setSelectStmt(SelectStmt.newBuilder().addTargetList(
            Node.newBuilder().setResTarget(ResTarget.newBuilder().setVal(
                Node.newBuilder().setColumnRef(ColumnRef.newBuilder().addFields(
                    Node.newBuilder().setString(
                        io.duckgres.engine.sql.parse.tree.PgQuery.String.newBuilder()
                            .setSval(name)))))))))).build());
    String quoted = printed.startsWith("SELECT ") ? printed.substring("SELECT ".length()) : name;
    if (QUOTED.size() < CACHE_ENTRIES) {
      QUOTED.put(name, quoted);
    }
    return quoted;
  }
}
