package io.duckgres.engine.error;

/**
 * Turns DuckDB's "LINE n: ..." caret context into PostgreSQL's ErrorResponse position: a 1-based
 * count of characters (code points) into the statement text.
 *
 * <p>DuckDB's caret is a column in display cells of the rendered line, not an index: tabs and other
 * control characters take no cell, East Asian wide characters and most emoji take two, and a line
 * wider than the terminal budget is cut to a window with "..." at either end. So we find the
 * rendered window in the statement, then walk it cell by cell up to the caret. When that fails
 * (the text DuckDB ran differs from the text we were given, or the driver garbled non-BMP
 * characters) we look for the token the message names, and otherwise report no position.
 */
final class ErrorPosition {
  private static final String ELLIPSIS = "...";

  private ErrorPosition() {}

  /**
   * @param sql the statement text the error positions are relative to, may be null
   * @param error the parsed DuckDB error
   * @param token a name from the message to look for when the caret can't be used, may be null
   * @return the 1-based position, or 0 when unknown
   */
  static int locate(String sql, DuckDbError error, String token) {
    if (sql == null || sql.isEmpty()) {
      return 0;
    }
    DuckDbError.SourceContext context = error.context();
    if (context == null) {
      // PostgreSQL points just past the last token for this one; DuckDB gives no caret.
      if (error.message().startsWith("syntax error at end of input")) {
        String trimmed = sql.stripTrailing();
        return trimmed.codePointCount(0, trimmed.length()) + 1;
      }
      return 0;
    }
    int index = fromCaret(sql, context);
    if (index < 0) {
      index = findToken(sql, token);
    }
    return index < 0 ? 0 : sql.codePointCount(0, index) + 1;
  }

  /** The char index in {@code sql} the caret points at, or -1. */
  static int fromCaret(String sql, DuckDbError.SourceContext context) {
    if (context.caretColumn() < 0) {
      return -1;
    }
    String window = context.renderedLine();
    int cells = context.caretColumn();
    if (window.startsWith(ELLIPSIS)) {
      window = window.substring(ELLIPSIS.length());
      cells -= ELLIPSIS.length();
      if (cells < 0) {
        return -1;
      }
    }
    // A window cut on the right ends in "...", but a source line may end in "..." too: try both.
    if (window.endsWith(ELLIPSIS) && window.length() > ELLIPSIS.length()) {
      int index = placeWindow(sql, context.lineNumber(), window.substring(0, window.length() - 3),
          cells);
      if (index >= 0) {
        return index;
      }
    }
    return placeWindow(sql, context.lineNumber(), window, cells);
  }

  private static int placeWindow(String sql, int lineNumber, String window, int cells) {
    int offsetInWindow = indexAtCell(window, cells);
    if (offsetInWindow < 0) {
      return -1;
    }
    int start = -1;
    int lineStart = lineStart(sql, lineNumber);
    if (lineStart >= 0) {
      int candidate = sql.indexOf(window, lineStart);
      if (candidate >= 0 && candidate <= lineEnd(sql, lineStart)) {
        start = candidate;
      }
    }
    if (start < 0) {
      // DuckDB counts lines in the text it ran; if that was rewritten, the line number is off.
      start = window.isEmpty() ? -1 : sql.indexOf(window);
    }
    return start < 0 ? -1 : start + offsetInWindow;
  }

  /** The char index in {@code window} where display cell {@code cells} begins, or -1. */
  static int indexAtCell(String window, int cells) {
    int width = 0;
    int i = 0;
    while (i < window.length()) {
      int codePoint = window.codePointAt(i);
      int codePointWidth = displayWidth(codePoint);
      // The caret sits under a visible character: a tab before it takes no cell of its own.
      if (width >= cells && codePointWidth > 0) {
        return i;
      }
      width += codePointWidth;
      i += Character.charCount(codePoint);
    }
    // A caret just past the end marks an error at the end of the line (an unterminated quote).
    return width == cells ? window.length() : -1;
  }

  /** Display cells a code point takes, as DuckDB's renderer counts them. */
  static int displayWidth(int codePoint) {
    if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint < 0xa0)) {
      return 0;
    }
    int type = Character.getType(codePoint);
    if (type == Character.NON_SPACING_MARK
        || type == Character.ENCLOSING_MARK
        || codePoint == 0x200b) {
      return 0;
    }
    boolean wide =
        (codePoint >= 0x1100 && codePoint <= 0x115f)
            || (codePoint >= 0x2e80 && codePoint <= 0xa4cf && codePoint != 0x303f)
            || (codePoint >= 0xac00 && codePoint <= 0xd7a3)
            || (codePoint >= 0xf900 && codePoint <= 0xfaff)
            || (codePoint >= 0xfe30 && codePoint <= 0xfe4f)
            || (codePoint >= 0xff00 && codePoint <= 0xff60)
            || (codePoint >= 0xffe0 && codePoint <= 0xffe6)
            || (codePoint >= 0x1f300 && codePoint <= 0x1f64f)
            || (codePoint >= 0x1f900 && codePoint <= 0x1f9ff)
            || (codePoint >= 0x20000 && codePoint <= 0x3fffd);
    return wide ? 2 : 1;
  }

  /** Where line {@code lineNumber} starts; "\r\n", "\r" and "\n" each end a line, as in DuckDB. */
  private static int lineStart(String sql, int lineNumber) {
    int line = 1;
    int i = 0;
    while (line < lineNumber) {
      if (i >= sql.length()) {
        return -1;
      }
      char c = sql.charAt(i++);
      if (c == '\r' && i < sql.length() && sql.charAt(i) == '\n') {
        i++;
        line++;
      } else if (c == '\r' || c == '\n') {
        line++;
      }
    }
    return i;
  }

  private static int lineEnd(String sql, int lineStart) {
    for (int i = lineStart; i < sql.length(); i++) {
      if (sql.charAt(i) == '\n' || sql.charAt(i) == '\r') {
        return i;
      }
    }
    return sql.length();
  }

  /**
   * The char index of {@code token} in {@code sql}, preferring a whole-word match and falling back
   * to a case-insensitive one (DuckDB prints identifiers as written, the query may quote or case
   * them differently). -1 when absent.
   */
  static int findToken(String sql, String token) {
    if (token == null || token.isEmpty()) {
      return -1;
    }
    int firstAnywhere = -1;
    for (int i = 0; i + token.length() <= sql.length(); i++) {
      if (!sql.regionMatches(true, i, token, 0, token.length())) {
        continue;
      }
      boolean startsWord = i == 0 || !isIdentifierChar(sql.charAt(i - 1));
      int end = i + token.length();
      boolean endsWord = end == sql.length() || !isIdentifierChar(sql.charAt(end));
      if (startsWord && endsWord) {
        // PostgreSQL points at the opening quote of a quoted identifier or literal.
        boolean quoted = i > 0 && (sql.charAt(i - 1) == '"' || sql.charAt(i - 1) == '\'');
        return quoted ? i - 1 : i;
      }
      if (firstAnywhere < 0) {
        firstAnywhere = i;
      }
    }
    return firstAnywhere;
  }

  private static boolean isIdentifierChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }
}
