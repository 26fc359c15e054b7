package io.duckgres.engine.sql.transform;

import io.duckgres.engine.sql.parse.tree.PgQuery.A_Const;
import io.duckgres.engine.sql.parse.tree.PgQuery.A_Expr;
import io.duckgres.engine.sql.parse.tree.PgQuery.A_Expr_Kind;
import io.duckgres.engine.sql.parse.tree.PgQuery.Integer;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * A date/time template of PostgreSQL's formatting functions (documentation section 9.8, "Data
 * Type Formatting Functions", table "Template Patterns for Date/Time Formatting") read into
 * DuckDB's strftime/strptime codes. Patterns strftime has no code for (Q, D, WW, J, the
 * blank-padded Month/Day names, the case of the names) become expressions over the value.
 */
final class DateTimeTemplate {
  private DateTimeTemplate() {}

  /**
   * One part of a template: strftime codes (also what strptime reads, when {@code parseCode} is
   * not null), or an expression over the value for a pattern strftime lacks.
   */
  record Piece(String code, String parseCode, UnaryOperator<Node> expression) {
    static Piece code(String code) {
      return new Piece(code, code, null);
    }

    static Piece code(String code, String parseCode) {
      return new Piece(code, parseCode, null);
    }

    static Piece expression(UnaryOperator<Node> expression, String parseCode) {
      return new Piece(null, parseCode, expression);
    }
  }

  /** The template's pieces, or null when it holds a pattern not handled here. */
  static List<Piece> parse(String template) {
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

  /** {@code strftime(value, 'codes')}. */
  static Node strftime(Node value, String codes) {
    return Nodes.call("strftime", value, Nodes.string(codes));
  }

  /** {@code left operator right}. */
  static Node operator(String operator, Node left, Node right) {
    return Node.newBuilder().setAExpr(A_Expr.newBuilder().setKind(A_Expr_Kind.AEXPR_OP)
        .addName(Nodes.name(operator)).setLexpr(left).setRexpr(right).setLocation(-1)).build();
  }

  private static Node integer(int value) {
    return Node.newBuilder().setAConst(A_Const.newBuilder()
        .setIval(Integer.newBuilder().setIval(value))).build();
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
              ? Piece.expression(value -> Nodes.call("lower", strftime(value, "%p")), "%p")
              : Piece.code("%p");
        }
        case MONTH, DAY -> {
          // Blank-padded to the longest name (9 characters) unless FM is given.
          String casing = casing(written);
          if (casing == null && fillMode) {
            return Piece.code(code);
          }
          return Piece.expression(value -> {
            Node name = cased(casing, strftime(value, code));
            return fillMode ? name : Nodes.call("rpad", name, integer(9), Nodes.string(" "));
          }, code);
        }
        case MON, DY -> {
          String casing = casing(written);
          return casing == null ? Piece.code(code)
              : Piece.expression(value -> cased(casing, strftime(value, code)), code);
        }
        case WW -> {
          return Piece.expression(value -> {
            Node week = Nodes.cast(operator("+", operator("//",
                operator("-", Nodes.call("dayofyear", value), integer(1)), integer(7)),
                integer(1)), "varchar");
            return fillMode ? week : Nodes.call("lpad", week, integer(2), Nodes.string("0"));
          }, null);
        }
        case D -> {
          return Piece.expression(value -> Nodes.cast(
              operator("+", Nodes.call("dayofweek", value), integer(1)), "varchar"), null);
        }
        case Q -> {
          return Piece.expression(
              value -> Nodes.cast(Nodes.call("quarter", value), "varchar"), null);
        }
        case J -> {
          return Piece.expression(value -> Nodes.cast(Nodes.cast(
              Nodes.call("julian", Nodes.cast(value, "date")), "int8"), "varchar"), null);
        }
        default -> {
          return Piece.code(fillMode ? fillModeCode : code, code);
        }
      }
    }

    /** Month and day names follow the case of the pattern: MONTH, Month, month. */
    private static String casing(String written) {
      if (written.equals(written.toUpperCase(Locale.ROOT))) {
        return "upper";
      }
      if (written.equals(written.toLowerCase(Locale.ROOT))) {
        return "lower";
      }
      return null;
    }

    private static Node cased(String casing, Node name) {
      return casing == null ? name : Nodes.call(casing, name);
    }
  }
}
