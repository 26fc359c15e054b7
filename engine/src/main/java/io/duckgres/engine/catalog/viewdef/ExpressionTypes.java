package io.duckgres.engine.catalog.viewdef;

import io.duckgres.engine.sql.parse.tree.PgQuery.A_Const;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import java.util.List;
import java.util.Locale;

/**
 * The PostgreSQL type of a view expression, as far as the printer needs it to decide which
 * literals and columns PostgreSQL shows converted: columns from the catalog, literals by their
 * form, the results of common functions and operators; null when not known.
 */
final class ExpressionTypes {
  private ExpressionTypes() {}

  static String of(Node node, Scope scope) {
    return switch (node.getNodeCase()) {
      case COLUMN_REF -> {
        Scope.Resolved column = ExpressionPrinter.resolve(node.getColumnRef(), scope);
        yield column == null ? null : column.column().type();
      }
      case A_CONST -> constant(node.getAConst());
      case TYPE_CAST -> PgTypes.ofTypeName(node.getTypeCast().getTypeName());
      case BOOL_EXPR, NULL_TEST, BOOLEAN_TEST -> PgTypes.BOOLEAN;
      case A_EXPR -> operator(node, scope);
      case FUNC_CALL -> function(node, scope);
      case CASE_EXPR -> {
        String type = null;
        for (Node when : node.getCaseExpr().getArgsList()) {
          type = merge(type, of(when.getCaseWhen().getResult(), scope));
        }
        if (node.getCaseExpr().hasDefresult()) {
          type = merge(type, of(node.getCaseExpr().getDefresult(), scope));
        }
        yield resolved(type);
      }
      case COALESCE_EXPR -> resolved(all(node.getCoalesceExpr().getArgsList(), scope));
      case MIN_MAX_EXPR -> resolved(all(node.getMinMaxExpr().getArgsList(), scope));
      case SUB_LINK -> switch (node.getSubLink().getSubLinkType()) {
        case EXISTS_SUBLINK, ANY_SUBLINK, ALL_SUBLINK -> PgTypes.BOOLEAN;
        default -> null;
      };
      case SQLVALUE_FUNCTION -> switch (node.getSqlvalueFunction().getOp()) {
        case SVFOP_CURRENT_DATE -> "date";
        case SVFOP_CURRENT_TIMESTAMP, SVFOP_CURRENT_TIMESTAMP_N -> "timestamp with time zone";
        case SVFOP_LOCALTIMESTAMP, SVFOP_LOCALTIMESTAMP_N -> "timestamp without time zone";
        case SVFOP_CURRENT_TIME, SVFOP_CURRENT_TIME_N -> "time with time zone";
        case SVFOP_LOCALTIME, SVFOP_LOCALTIME_N -> "time without time zone";
        default -> "name";
      };
      default -> null;
    };
  }

  /** An untyped literal read as text, where PostgreSQL resolves a result to text. */
  static String resolved(String type) {
    return PgTypes.UNKNOWN.equals(type) ? PgTypes.TEXT : type;
  }

  static String constant(A_Const constant) {
    if (constant.getIsnull() || constant.hasSval()) {
      return PgTypes.UNKNOWN;
    }
    if (constant.hasIval()) {
      return PgTypes.INTEGER;
    }
    if (constant.hasBoolval()) {
      return PgTypes.BOOLEAN;
    }
    if (constant.hasFval()) {
      String digits = constant.getFval().getFval();
      if (digits.matches("-?[0-9]+")) {
        return digits.length() <= 19 ? PgTypes.BIGINT : PgTypes.NUMERIC;
      }
      return PgTypes.NUMERIC;
    }
    return null;
  }

  private static String operator(Node node, Scope scope) {
    var expression = node.getAExpr();
    return switch (expression.getKind()) {
      case AEXPR_OP -> {
        String name = ExpressionPrinter.operatorName(expression);
        if (!expression.hasLexpr() || !expression.hasRexpr()) {
          yield expression.hasRexpr() ? of(expression.getRexpr(), scope) : null;
        }
        if (List.of("=", "<>", "<", ">", "<=", ">=", "~~", "!~~", "~~*", "!~~*", "~", "!~", "~*",
            "!~*").contains(name)) {
          yield PgTypes.BOOLEAN;
        }
        String left = of(expression.getLexpr(), scope);
        String right = of(expression.getRexpr(), scope);
        if (name.equals("||")) {
          yield PgTypes.TEXT;
        }
        if ("date".equals(left) && "date".equals(right) && name.equals("-")) {
          yield PgTypes.INTEGER;
        }
        if ("date".equals(left) && PgTypes.isInteger(right)) {
          yield "date";
        }
        yield resolved(PgTypes.common(left, right));
      }
      case AEXPR_NULLIF -> of(expression.getLexpr(), scope);
      default -> PgTypes.BOOLEAN;
    };
  }

  private static String function(Node node, Scope scope) {
    var call = node.getFuncCall();
    String name = call.getFuncname(call.getFuncnameCount() - 1).getString().getSval()
        .toLowerCase(Locale.ROOT);
    String first = call.getArgsCount() > 0 ? of(call.getArgs(0), scope) : null;
    return switch (name) {
      case "count", "count_star", "row_number", "rank", "dense_rank" -> PgTypes.BIGINT;
      case "sum" -> PgTypes.isInteger(first) && !PgTypes.BIGINT.equals(first) ? PgTypes.BIGINT
          : PgTypes.isFloat(first) ? PgTypes.DOUBLE : PgTypes.NUMERIC;
      case "avg" -> PgTypes.isFloat(first) ? PgTypes.DOUBLE : PgTypes.NUMERIC;
      case "min", "max", "abs", "round", "trunc", "ceil", "floor", "coalesce" -> resolved(first);
      case "upper", "lower", "btrim", "ltrim", "rtrim", "trim", "substr", "substring", "replace",
          "concat", "concat_ws", "left", "right", "lpad", "rpad", "initcap", "md5", "repeat",
          "reverse", "to_char", "string_agg", "split_part", "translate", "format" -> PgTypes.TEXT;
      case "length", "char_length", "character_length", "octet_length", "strpos", "position",
          "ascii" -> PgTypes.INTEGER;
      case "now", "clock_timestamp", "statement_timestamp", "transaction_timestamp" ->
          "timestamp with time zone";
      case "date_trunc" -> call.getArgsCount() > 1 ? of(call.getArgs(1), scope) : null;
      case "bool_and", "bool_or", "every" -> PgTypes.BOOLEAN;
      default -> null;
    };
  }

  private static String all(List<Node> nodes, Scope scope) {
    String type = null;
    for (Node node : nodes) {
      type = merge(type, of(node, scope));
    }
    return type;
  }

  private static String merge(String type, String next) {
    if (type == null) {
      return next;
    }
    if (next == null) {
      return type;
    }
    String common = PgTypes.common(type, next);
    return common == null ? type : common;
  }
}
