package io.duckgres.engine.sql.translate;

import io.duckgres.engine.sql.translate.SqlTokens.Kind;
import io.duckgres.engine.sql.translate.SqlTokens.Token;
import java.util.List;
import java.util.Set;

/**
 * generate_series and unnest as PostgreSQL uses them (documentation section 7.2.1.4, "Table
 * Functions", and 9.25, "Set Returning Functions"):
 *
 * <ul>
 *   <li>In FROM with a bare alias, {@code FROM generate_series(1, 3) AS g}, PostgreSQL names the
 *       single output column after the alias, so {@code g} is the number; in DuckDB {@code g} is
 *       then the whole row, a struct. The alias gets a column list: {@code AS g(g)}.
 *   <li>As a select-list item, {@code SELECT generate_series(1, 3)} returns one row per value in
 *       PostgreSQL; DuckDB's scalar generate_series returns one list. It becomes
 *       {@code unnest(generate_series(1, 3)) AS "generate_series"}, keeping the column's name.
 * </ul>
 */
final class SetReturningFunctions implements Rewrite {
  private static final Set<String> IN_FROM = Set.of("generate_series", "unnest");
  /** Words that, after a FROM item, start the next clause rather than name an alias. */
  private static final Set<String> NOT_ALIASES = Set.of("where", "group", "having", "order",
      "limit", "offset", "fetch", "window", "union", "intersect", "except", "join", "inner",
      "left", "right", "full", "cross", "natural", "on", "using", "with", "lateral", "returning",
      "for", "qualify", "tablesample");

  @Override
  public String apply(String sql) {
    if (!SqlTokens.mentions(sql, "generate_series")
        && !SqlTokens.mentions(sql, "unnest")) {
      return sql;
    }
    List<Token> tokens = SqlTokens.tokenize(sql);
    StringBuilder out = null;
    int copied = 0;
    for (int i = 0; i < tokens.size(); i++) {
      String name = tokens.get(i).word();
      if (name == null || !IN_FROM.contains(name)) {
        continue;
      }
      int open = SqlTokens.next(tokens, i);
      if (open >= tokens.size() || !tokens.get(open).is("(")) {
        continue;
      }
      int close = SqlTokens.closing(tokens, open);
      if (close < 0) {
        continue;
      }
      int before = SqlTokens.previous(tokens, i);
      Token previous = before < 0 ? null : tokens.get(before);
      if (previous != null && (previous.is(".") || previous.kind() == Kind.CAST)) {
        continue;
      }
      String edit = null;
      int editAt = -1;
      SelectItems.Place place = SelectItems.placeOf(tokens, i);
      if (place == SelectItems.Place.FROM_ITEM) {
        int alias = aliasAfter(tokens, close);
        if (alias >= 0 && (name.equals("generate_series")
            || FunctionCalls.split(sql.substring(tokens.get(open).end(),
                tokens.get(close).start())).size() == 1)) {
          editAt = tokens.get(alias).end();
          edit = "(" + tokens.get(alias).text() + ")";
        }
      } else if (place == SelectItems.Place.SELECT_ITEM && name.equals("generate_series")) {
        if (out == null) {
          out = new StringBuilder(sql.length() + 16);
        }
        out.append(sql, copied, tokens.get(i).start()).append("unnest(")
            .append(sql, tokens.get(i).start(), tokens.get(close).end()).append(")");
        if (SelectItems.isUnaliasedSelectItem(tokens, i, close)) {
          out.append(SelectItems.alias(name));
        }
        copied = tokens.get(close).end();
        i = close;
        continue;
      }
      if (edit != null) {
        if (out == null) {
          out = new StringBuilder(sql.length() + 16);
        }
        out.append(sql, copied, editAt).append(edit);
        copied = editAt;
      }
    }
    if (out == null) {
      return sql;
    }
    return out.append(sql, copied, sql.length()).toString();
  }

  /** The index of the alias token after the call closing at {@code close}, if it has no list. */
  private static int aliasAfter(List<Token> tokens, int close) {
    int j = SqlTokens.next(tokens, close);
    if (j < tokens.size() && tokens.get(j).isWord("as")) {
      j = SqlTokens.next(tokens, j);
    }
    if (j >= tokens.size()) {
      return -1;
    }
    Token alias = tokens.get(j);
    if (alias.kind() == Kind.QUOTED
        || (alias.kind() == Kind.WORD && !NOT_ALIASES.contains(alias.word()))) {
      int after = SqlTokens.next(tokens, j);
      if (after < tokens.size() && tokens.get(after).is("(")) {
        return -1;
      }
      return j;
    }
    return -1;
  }
}
