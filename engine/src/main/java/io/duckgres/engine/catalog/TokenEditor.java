package io.duckgres.engine.catalog;

import io.duckgres.engine.catalog.SqlTokens.Token;
import io.duckgres.engine.sql.translate.SqlTokens.Kind;
import java.util.List;

/**
 * A statement as tokens whose text can be replaced one token at a time, and the moves a rewrite
 * needs to find its way among them (next and previous token that is not whitespace, the matching
 * parenthesis, the start of a qualified name). The rewritten statement is the tokens' text joined.
 */
abstract class TokenEditor {
  final List<Token> tokens;
  final String[] text;
  /** Tokens a rule has already rewritten or removed: no other rule looks at them again. */
  final boolean[] done;

  TokenEditor(List<Token> tokens) {
    this.tokens = tokens;
    this.text = new String[tokens.size()];
    this.done = new boolean[tokens.size()];
    for (int i = 0; i < text.length; i++) {
      text[i] = tokens.get(i).text();
    }
  }

  String result() {
    return String.join("", text);
  }

  int qualifiedStart(int j) {
    int start = j;
    while (previous(start) >= 0 && tokens.get(previous(start)).is(".")
        && previous(previous(start)) >= 0
        && tokens.get(previous(previous(start))).identifier() != null) {
      start = previous(previous(start));
    }
    return start;
  }

  int matching(int from, String same, String other, int step) {
    int depth = 0;
    for (int j = from; j >= 0 && j < tokens.size(); j += step) {
      if (tokens.get(j).is(same)) {
        depth++;
      } else if (tokens.get(j).is(other) && --depth == 0) {
        return j;
      }
    }
    return -1;
  }

  int next(int i) {
    for (int j = i + 1; j < tokens.size(); j++) {
      if (tokens.get(j).kind() != Kind.SPACE) {
        return j;
      }
    }
    return -1;
  }

  int previous(int i) {
    for (int j = i - 1; j >= 0; j--) {
      if (tokens.get(j).kind() != Kind.SPACE) {
        return j;
      }
    }
    return -1;
  }

  void blank(int from, int to) {
    for (int j = from; j <= to; j++) {
      text[j] = tokens.get(j).kind() == Kind.SPACE ? text[j] : "";
      done[j] = true;
    }
  }
}
