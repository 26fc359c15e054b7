package io.duckgres.engine.sql.translate;

import io.duckgres.engine.sql.translate.SqlTokens.Token;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * In PostgreSQL a backslash in a LIKE pattern escapes the next character unless another ESCAPE is
 * given ({@code 'a\_c'} matches only "a_c"); DuckDB's LIKE has no escape character by default,
 * so the same pattern silently matches something else. A constant pattern holding a backslash
 * gets an explicit {@code ESCAPE '\'}. Patterns that are not constants (columns, parameters)
 * cannot be seen here and keep DuckDB's meaning. DuckDB names a column {@code like_escape} for
 * such an item; an unaliased select-list item is named {@code ?column?} as PostgreSQL names it.
 * PostgreSQL documentation: section 9.7.1, "LIKE".
 */
final class LikeEscapes implements Rewrite {
  @Override
  public String apply(String sql) {
    if (sql.indexOf('\\') < 0 || !SqlTokens.mentions(sql, "like")) {
      return sql;
    }
    List<Token> tokens = SqlTokens.tokenize(sql);
    Edits edits = new Edits();
    Set<Integer> unaliasedItemEnds = new TreeSet<>();
    for (int i = 0; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      if (!token.isWord("like") && !token.isWord("ilike")) {
        continue;
      }
      int pattern = SqlTokens.next(tokens, i);
      if (pattern >= tokens.size() || tokens.get(pattern).kind() != SqlTokens.Kind.STRING
          || tokens.get(pattern).text().indexOf('\\') < 0
          || tokens.get(pattern).text().startsWith("$")) {
        continue;
      }
      int after = SqlTokens.next(tokens, pattern);
      if (after < tokens.size() && tokens.get(after).isWord("escape")) {
        continue;
      }
      edits.insert(tokens.get(pattern).end(), " ESCAPE '\\'");
      int itemEnd = SelectItems.unaliasedItemEnd(tokens, i);
      if (itemEnd >= 0) {
        unaliasedItemEnds.add(tokens.get(itemEnd).end());
      }
    }
    // After the loop: an item's alias follows every other edit at its end.
    unaliasedItemEnds.forEach(end -> edits.insert(end, SelectItems.alias("?column?")));
    return edits.apply(sql);
  }
}
