package io.duckgres.engine.sql.translate;

import io.duckgres.engine.sql.translate.SqlTokens.Kind;
import io.duckgres.engine.sql.translate.SqlTokens.Token;
import java.util.List;
import java.util.Set;

/**
 * Where an expression stands in a statement, as far as rewrites need to know: a FROM item of its
 * own, a select-list item of its own, or anything else. A rewrite that replaces a whole unaliased
 * select-list item keeps PostgreSQL's column name by adding an alias, since the column would
 * otherwise be named after the replacement ({@code strftime} instead of {@code to_char}).
 */
final class SelectItems {
  /** Words that, right after an expression, end it rather than name it. */
  private static final Set<String> ENDS_EXPRESSION = Set.of("from", "where", "group", "having",
      "order", "limit", "offset", "fetch", "window", "union", "intersect", "except", "into",
      "qualify", "for", "returning", "on", "using");
  private static final Set<String> CLAUSES = Set.of("where", "group", "having", "order", "limit",
      "on", "using", "set", "values", "returning", "by", "window", "into", "join");

  private SelectItems() {}

  enum Place { FROM_ITEM, SELECT_ITEM, OTHER }

  /** Where the expression starting at token {@code first} stands (judged by what precedes it). */
  static Place placeOf(List<Token> tokens, int first) {
    int before = SqlTokens.previous(tokens, first);
    if (before < 0) {
      return Place.OTHER;
    }
    Token previous = tokens.get(before);
    if (previous.isWord("from") || previous.isWord("join") || previous.isWord("lateral")) {
      return Place.FROM_ITEM;
    }
    if (previous.isWord("select") || previous.isWord("distinct") || previous.isWord("all")) {
      return Place.SELECT_ITEM;
    }
    if (!previous.is(",")) {
      return Place.OTHER;
    }
    // After a comma: walk back over the list, skipping bracketed parts, to its clause keyword.
    int depth = 0;
    for (int j = before - 1; j >= 0; j--) {
      Token token = tokens.get(j);
      if (token.is(")") || token.is("]")) {
        depth++;
      } else if (token.is("(") || token.is("[")) {
        if (depth == 0) {
          return Place.OTHER;
        }
        depth--;
      } else if (depth == 0 && token.kind() == Kind.WORD) {
        String word = token.word();
        if (word.equals("from")) {
          return Place.FROM_ITEM;
        }
        if (word.equals("select")) {
          return Place.SELECT_ITEM;
        }
        if (CLAUSES.contains(word)) {
          return Place.OTHER;
        }
      }
    }
    return Place.OTHER;
  }

  /**
   * Whether tokens {@code first..last} are a whole select-list item without an alias: what
   * precedes starts an item and what follows ends it.
   */
  static boolean isUnaliasedSelectItem(List<Token> tokens, int first, int last) {
    if (placeOf(tokens, first) != Place.SELECT_ITEM) {
      return false;
    }
    int after = SqlTokens.next(tokens, last);
    if (after >= tokens.size()) {
      return true;
    }
    Token next = tokens.get(after);
    return next.is(",") || next.is(")") || next.is(";")
        || (next.kind() == Kind.WORD && ENDS_EXPRESSION.contains(next.word()));
  }

  /**
   * For an operator at token {@code i} (LIKE, SIMILAR), the index of the last token of the
   * select-list item it belongs to when that item has no alias, or -1: then a rewrite that makes
   * DuckDB name the column after a function can name it as PostgreSQL does.
   */
  static int unaliasedItemEnd(List<Token> tokens, int i) {
    int first = -1;
    int depth = 0;
    for (int j = SqlTokens.previous(tokens, i); j >= 0; j = SqlTokens.previous(tokens, j)) {
      Token token = tokens.get(j);
      if (token.is(")") || token.is("]")) {
        depth++;
      } else if (token.is("(") || token.is("[")) {
        if (depth == 0) {
          return -1;
        }
        depth--;
      } else if (depth == 0 && (token.is(",") || token.isWord("select")
          || token.isWord("distinct") || token.isWord("all"))) {
        first = SqlTokens.next(tokens, j);
        break;
      } else if (depth == 0 && token.kind() == Kind.WORD && (CLAUSES.contains(token.word())
          || ENDS_EXPRESSION.contains(token.word()))) {
        return -1;
      }
    }
    if (first < 0 || placeOf(tokens, first) != Place.SELECT_ITEM) {
      return -1;
    }
    depth = 0;
    int last = i;
    for (int j = SqlTokens.next(tokens, i); j < tokens.size(); j = SqlTokens.next(tokens, j)) {
      Token token = tokens.get(j);
      if (token.is("(") || token.is("[")) {
        depth++;
      } else if (token.is(")") || token.is("]")) {
        if (depth == 0) {
          break;
        }
        depth--;
      } else if (depth == 0 && (token.is(",") || token.is(";")
          || (token.kind() == Kind.WORD && ENDS_EXPRESSION.contains(token.word())))) {
        break;
      } else if (depth == 0 && token.isWord("as")) {
        return -1;
      }
      last = j;
    }
    return last;
  }

  /** An alias naming a column {@code name}, quoted so that keywords are safe. */
  static String alias(String name) {
    return " AS \"" + name.replace("\"", "\"\"") + "\"";
  }
}
