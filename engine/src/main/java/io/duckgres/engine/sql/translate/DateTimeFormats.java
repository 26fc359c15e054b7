package io.duckgres.engine.sql.translate;

import io.duckgres.engine.sql.translate.FunctionCalls.Call;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * PostgreSQL's date/time formatting functions with a constant template (documentation section
 * 9.8, "Data Type Formatting Functions"), rewritten to DuckDB's strftime/strptime:
 *
 * <ul>
 *   <li>{@code to_char(timestamp, 'YYYY-MM-DD HH24:MI:SS')} → {@code strftime(timestamp,
 *       '%Y-%m-%d %H:%M:%S')}. Template patterns strftime has no code for (Q, D, WW, J, and the
 *       blank-padded Month/Day names) become expressions over the same value, joined with ||.
 *   <li>{@code to_date(text, template)} → {@code CAST(strptime(text, format) AS DATE)}.
 *   <li>{@code to_timestamp(text, template)} → {@code CAST(strptime(text, format) AS
 *       TIMESTAMPTZ)}, read in the session's time zone as PostgreSQL does.
 * </ul>
 *
 * <p>A template holding a pattern this class does not know (numeric templates such as
 * {@code '9,999.99'}, ordinal suffixes, time zones, Roman numerals …) is left alone, so the call
 * fails as before instead of formatting wrongly.
 */
final class DateTimeFormats implements Rewrite {
  private static final Set<String> NAMES = Set.of("to_char", "to_date", "to_timestamp");

  @Override
  public String apply(String sql) {
    return FunctionCalls.rewrite(sql, NAMES, DateTimeFormats::replace);
  }

  private static String replace(Call call) {
    if (call.arguments().size() != 2) {
      return null;
    }
    List<SqlTokens.Token> template = SqlTokens.tokenize(call.arguments().get(1));
    if (template.size() != 1 || template.get(0).plainStringValue() == null) {
      return null;
    }
    List<Piece> pieces = parse(template.get(0).plainStringValue());
    if (pieces == null) {
      return null;
    }
    String value = call.arguments().get(0);
    if (call.name().equals("to_char")) {
      return format(value, pieces);
    }
    StringBuilder format = new StringBuilder();
    for (Piece piece : pieces) {
      if (piece.parseCode() == null) {
        return null;
      }
      format.append(piece.parseCode());
    }
    String type = call.name().equals("to_date") ? "DATE" : "TIMESTAMPTZ";
    return "CAST(strptime(" + value + ", " + Literals.quote(format.toString()) + ") AS " + type
        + ")";
  }

  /**
   * One part of a template: strftime codes (also what strptime reads, when {@code parseCode} is
   * not null), or an expression over the value ({@code %v} stands for it) for a pattern strftime
   * lacks.
   */
  private record Piece(String code, String parseCode, String expression) {
    static Piece code(String code) {
      return new Piece(code, code, null);
    }

    static Piece code(String code, String parseCode) {
      return new Piece(code, parseCode, null);
    }

    static Piece expression(String expression, String parseCode) {
      return new Piece(null, parseCode, expression);
    }
  }

  private static String format(String value, List<Piece> pieces) {
    List<String> parts = new ArrayList<>();
    StringBuilder codes = new StringBuilder();
    for (Piece piece : pieces) {
      if (piece.code() != null) {
        codes.append(piece.code());
        continue;
      }
      if (codes.length() > 0) {
        parts.add("strftime(" + value + ", " + Literals.quote(codes.toString()) + ")");
        codes.setLength(0);
      }
      parts.add(piece.expression().replace("%v", value));
    }
    if (codes.length() > 0 || parts.isEmpty()) {
      parts.add("strftime(" + value + ", " + Literals.quote(codes.toString()) + ")");
    }
    return parts.size() == 1 ? parts.get(0) : "(" + String.join(" || ", parts) + ")";
  }

  /** The template's pieces, or null when it holds a pattern not handled here. */
  private static List<Piece> parse(String template) {
    List<Piece> pieces = new ArrayList<>();
    int i = 0;
    int n = template.length();
    while (i < n) {
      boolean fillMode = false;
      if (template.regionMatches(true, i, "FM", 0, 2)) {
        fillMode = true;
        i += 2;
        if (i >= n) {
          break;
        }
      }
      char c = template.charAt(i);
      if (c == '"') {
        int end = template.indexOf('"', i + 1);
        if (end < 0) {
          return null;
        }
        pieces.add(Piece.code(literal(template.substring(i + 1, end))));
        i = end + 1;
        continue;
      }
      if (template.regionMatches(true, i, "SSSS", 0, 4)) {
        return null; // seconds past midnight, not SS twice
      }
      Pattern pattern = Pattern.at(template, i);
      if (pattern == null) {
        if (Character.isLetterOrDigit(c) || c == '\\') {
          return null;
        }
        pieces.add(Piece.code(literal(String.valueOf(c))));
        i++;
        continue;
      }
      pieces.add(pattern.piece(fillMode, template.substring(i, i + pattern.spelling.length())));
      i += pattern.spelling.length();
    }
    return pieces;
  }

  private static String literal(String text) {
    return text.replace("%", "%%");
  }

  /** The template patterns handled, longest spelling first so that HH24 wins over HH. */
  private enum Pattern {
    HH24("HH24", "%H", "%-H"),
    HH12("HH12", "%I", "%-I"),
    HH("HH", "%I", "%-I"),
    MI("MI", "%M", "%-M"),
    SS("SS", "%S", "%-S"),
    MS("MS", "%g", "%g"),
    US("US", "%f", "%f"),
    AM("AM", "%p", "%p"),
    PM("PM", "%p", "%p"),
    IYYY("IYYY", "%G", "%G"),
    YYYY("YYYY", "%Y", "%Y"),
    YY("YY", "%y", "%-y"),
    MONTH("MONTH", "%B", "%B"),
    MON("MON", "%b", "%b"),
    MM("MM", "%m", "%-m"),
    DAY("DAY", "%A", "%A"),
    DDD("DDD", "%j", "%-j"),
    DD("DD", "%d", "%-d"),
    DY("DY", "%a", "%a"),
    ID("ID", "%u", "%u"),
    IW("IW", "%V", "%-V"),
    WW("WW", null, null),
    D("D", null, null),
    Q("Q", null, null),
    J("J", null, null);

    final String spelling;
    final String code;
    final String fillModeCode;

    Pattern(String spelling, String code, String fillModeCode) {
      this.spelling = spelling;
      this.code = code;
      this.fillModeCode = fillModeCode;
    }

    static Pattern at(String template, int i) {
      for (Pattern pattern : values()) {
        if (template.regionMatches(true, i, pattern.spelling, 0, pattern.spelling.length())) {
          return pattern;
        }
      }
      return null;
    }

    /** {@code written} is the pattern as the template spells it: its case picks the names' case. */
    Piece piece(boolean fillMode, String written) {
      switch (this) {
        case AM, PM -> {
          return written.equals(written.toLowerCase(Locale.ROOT))
              ? Piece.expression("lower(strftime(%v, '%p'))", "%p") : Piece.code("%p");
        }
        case MONTH, DAY -> {
          // Blank-padded to the longest name (9 characters) unless FM is given.
          String name = cased(written, "strftime(%v, '" + code + "')");
          if (!fillMode) {
            name = "rpad(" + name + ", 9, ' ')";
          }
          return name.startsWith("strftime") ? Piece.code(code)
              : Piece.expression(name, code);
        }
        case MON, DY -> {
          String name = cased(written, "strftime(%v, '" + code + "')");
          return name.startsWith("strftime") ? Piece.code(code)
              : Piece.expression(name, code);
        }
        case WW -> {
          String week = "CAST((dayofyear(%v) - 1) // 7 + 1 AS VARCHAR)";
          return Piece.expression(fillMode ? week : "lpad(" + week + ", 2, '0')", null);
        }
        case D -> {
          return Piece.expression("CAST(dayofweek(%v) + 1 AS VARCHAR)", null);
        }
        case Q -> {
          return Piece.expression("CAST(quarter(%v) AS VARCHAR)", null);
        }
        case J -> {
          return Piece.expression(
              "CAST(CAST(julian(CAST(%v AS DATE)) AS BIGINT) AS VARCHAR)", null);
        }
        default -> {
          return Piece.code(fillMode ? fillModeCode : code, code);
        }
      }
    }

    /** Month and day names follow the case of the pattern: MONTH, Month, month. */
    private static String cased(String written, String expression) {
      if (written.equals(written.toUpperCase(Locale.ROOT))) {
        return "upper(" + expression + ")";
      }
      if (written.equals(written.toLowerCase(Locale.ROOT))) {
        return "lower(" + expression + ")";
      }
      return expression;
    }
  }
}
