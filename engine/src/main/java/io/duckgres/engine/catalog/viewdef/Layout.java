package io.duckgres.engine.catalog.viewdef;

/**
 * The text being printed and its indentation, as PostgreSQL's ruleutils.c lays out a view
 * ({@code appendContextKeyword} with PRETTYFLAG_INDENT): a keyword may start a new line indented
 * by the current level plus a few spaces, and moves the level before and after itself.
 */
final class Layout {
  static final int STD = 8;
  static final int JOIN = 4;
  static final int VAR = 4;

  StringBuilder buf = new StringBuilder();
  int indent;

  Layout append(String text) {
    buf.append(text);
    return this;
  }

  void keyword(String text, int before, int after, int plus) {
    indent += before;
    trimTrailingSpaces();
    buf.append('\n');
    buf.append(" ".repeat(Math.max(indent, 0) + plus));
    buf.append(text);
    indent = Math.max(indent + after, 0);
  }

  void trimTrailingSpaces() {
    int end = buf.length();
    while (end > 0 && buf.charAt(end - 1) == ' ') {
      end--;
    }
    buf.setLength(end);
  }

  /** The text of the line being written (after the last newline). */
  int currentLineLength() {
    return buf.length() - (buf.lastIndexOf("\n") + 1);
  }
}
