package io.duckgres.it.differential;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a corpus file of {@code it/src/test/resources/differential/}.
 *
 * <p>Format: a statement runs from its first line to the line that ends with {@code ;}. After
 * the {@code ;} that line may carry markers: {@code -- unordered}, then {@code -- known: <reason>}
 * (the reason runs to the end of the line). Lines that start with {@code --} between statements
 * are comments. A statement never ends a line with {@code ;} inside a string.
 */
final class Corpus {
  /** The line that ends a statement: text, ";", then markers; nothing else may follow. */
  private static final Pattern STATEMENT_END =
      Pattern.compile("(.*);\\s*(-- unordered\\s*)?(?:-- known:(.+))?");

  private Corpus() {}

  static List<CorpusStatement> load(String file) {
    String resource = "/differential/" + file;
    try (InputStream in = Corpus.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no corpus file " + resource);
      }
      return parse(file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<CorpusStatement> parse(String file, String text) {
    List<CorpusStatement> statements = new ArrayList<>();
    StringBuilder sql = new StringBuilder();
    int firstLine = 0;
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].stripTrailing();
      if (sql.length() == 0 && (line.isBlank() || line.strip().startsWith("--"))) {
        continue;
      }
      if (sql.length() == 0) {
        firstLine = i + 1;
      } else {
        sql.append('\n');
      }
      Matcher end = STATEMENT_END.matcher(line);
      if (!end.matches()) {
        sql.append(line);
        continue;
      }
      sql.append(end.group(1));
      boolean unordered = end.group(2) != null;
      String known = end.group(3) == null ? null : end.group(3).strip();
      statements.add(
          new CorpusStatement(file, firstLine, sql.toString().strip(), unordered, known));
      sql.setLength(0);
    }
    if (sql.length() > 0) {
      throw new IllegalArgumentException(file + ":" + firstLine + ": statement without ';'");
    }
    return statements;
  }
}
