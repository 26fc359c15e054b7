package io.duckgres.engine.error;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A DuckDB error message taken apart. duckdb_jdbc only gives us text, laid out as:
 *
 * <pre>
 * &lt;Type&gt; Error: &lt;message&gt;
 * &lt;more lines: "Did you mean ...", "Candidate bindings: ...", ...&gt;
 *
 * LINE &lt;n&gt;: &lt;the source line, maybe cut short with "..."&gt;
 *         &lt;spaces&gt;^
 * </pre>
 *
 * When a statement run through {@code Statement.execute} fails while binding, the driver wraps the
 * real error: {@code "Invalid Input Error: Attempting to execute an unsuccessful or closed pending
 * query result\nError: Catalog Error: ..."}. {@link #parse} unwraps that first.
 *
 * @param type DuckDB's exception type without " Error", e.g. "Catalog", "Invalid Input"
 * @param message the first line after the "&lt;Type&gt; Error: " prefix
 * @param extraLines the lines between the first line and the source context, blank ends removed
 * @param context the "LINE n:" context, or null when DuckDB printed none
 */
record DuckDbError(String type, String message, List<String> extraLines, SourceContext context) {

  /**
   * DuckDB's rendering of the source line holding the error.
   *
   * @param lineNumber 1-based line number DuckDB printed
   * @param renderedLine the line as printed after "LINE n: ", possibly with "..." at either end
   * @param caretColumn the caret's column within {@code renderedLine} in display cells, or -1
   *     when the caret line is missing or has no caret
   */
  record SourceContext(int lineNumber, String renderedLine, int caretColumn) {}

  private static final String PENDING_RESULT_WRAPPER =
      "Attempting to execute an unsuccessful or closed pending query result";
  private static final Pattern TYPE_PREFIX = Pattern.compile("^([A-Za-z][A-Za-z ]{0,40}?) Error: ");
  private static final Pattern LINE_PREFIX = Pattern.compile("^LINE (\\d+): ");
  private static final Pattern CARET_LINE = Pattern.compile("^ *\\^? *$");

  /** Parses a DuckDB error message, or returns null when the text is not one. */
  static DuckDbError parse(String raw) {
    if (raw == null) {
      return null;
    }
    String text = unwrapPendingResult(raw);
    Matcher prefix = TYPE_PREFIX.matcher(text);
    if (!prefix.find()) {
      return null;
    }
    String[] lines = text.substring(prefix.end()).split("\r?\n", -1);
    int contextLine = findContextLine(lines);
    SourceContext context = null;
    int extraEnd = lines.length;
    if (contextLine > 0) {
      Matcher line = LINE_PREFIX.matcher(lines[contextLine]);
      line.find();
      int caret = -1;
      if (contextLine + 1 < lines.length) {
        int caretIndex = lines[contextLine + 1].indexOf('^');
        caret = caretIndex < line.end() ? -1 : caretIndex - line.end();
      }
      context =
          new SourceContext(
              Integer.parseInt(line.group(1)), lines[contextLine].substring(line.end()), caret);
      extraEnd = contextLine;
    }
    List<String> extra = new ArrayList<>();
    for (int i = 1; i < extraEnd; i++) {
      extra.add(lines[i]);
    }
    while (!extra.isEmpty() && extra.get(0).isBlank()) {
      extra.remove(0);
    }
    while (!extra.isEmpty() && extra.get(extra.size() - 1).isBlank()) {
      extra.remove(extra.size() - 1);
    }
    return new DuckDbError(prefix.group(1), lines[0].strip(), List.copyOf(extra), context);
  }

  /** The whole message as DuckDB wrote it, without the source context. */
  String fullMessage() {
    if (extraLines.isEmpty()) {
      return message;
    }
    return message + "\n" + String.join("\n", extraLines);
  }

  private static String unwrapPendingResult(String raw) {
    String text = raw;
    while (true) {
      int newline = text.indexOf('\n');
      if (newline < 0
          || !text.substring(0, newline).contains(PENDING_RESULT_WRAPPER)
          || !text.startsWith("Error: ", newline + 1)) {
        return text;
      }
      text = text.substring(newline + 1 + "Error: ".length());
    }
  }

  /**
   * The index of the last "LINE n:" line followed by a caret line (or by nothing). Searching from
   * the end keeps a "LINE" inside a quoted value in the message from being taken for the context.
   */
  private static int findContextLine(String[] lines) {
    for (int i = lines.length - 1; i > 0; i--) {
      if (LINE_PREFIX.matcher(lines[i]).find()
          && (i + 1 == lines.length || CARET_LINE.matcher(lines[i + 1]).matches())) {
        return i;
      }
    }
    return -1;
  }
}
