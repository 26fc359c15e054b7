package io.duckgres.engine.sql.transform;

import io.duckgres.engine.sql.parse.tree.PgQuery.Node;

/**
 * String constants with Unicode escapes (PostgreSQL documentation 4.1.2.3, "String Constants
 * with Unicode Escapes"): {@code U&'d\0061t\+000061'}, optionally with {@code UESCAPE '!'}.
 * PostgreSQL's grammar already decodes them into plain string constants ('data'), and rejects a
 * malformed one as PostgreSQL does; DuckDB has no such constants. Nothing in the tree changes,
 * but such a constant counts as a change, so the statement is printed from the tree (with the
 * decoded string) instead of being sent to DuckDB as the client wrote it.
 */
public final class UnicodeEscapeStrings implements TreeTransform {
  @Override
  public boolean apply(Node.Builder node, String sql) {
    return node.hasAConst() && node.getAConst().hasSval()
        && SourceText.startsWithAt(sql, node.getAConst().getLocation(), "U&'");
  }
}
