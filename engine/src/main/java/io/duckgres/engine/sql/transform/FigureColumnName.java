package io.duckgres.engine.sql.transform;

import io.duckgres.engine.sql.parse.tree.PgQuery.A_Expr_Kind;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import io.duckgres.engine.sql.parse.tree.PgQuery.ResTarget;
import io.duckgres.engine.sql.parse.tree.PgQuery.SelectStmt;
import io.duckgres.engine.sql.parse.tree.PgQuery.SubLinkType;
import java.util.List;

/**
 * The name PostgreSQL gives a select-list item that has no alias (parse_target.c,
 * FigureColnameInternal): a column reference its last name, a function call its function's name,
 * a cast its operand's name (else the type's), {@code ARRAY[…]} "array", CASE "case",
 * COALESCE "coalesce", GREATEST/LEAST, NULLIF, EXISTS, ROW, the SQL value functions
 * (current_date, …), a boolean constant "bool", a scalar subquery its first column's name; null
 * where PostgreSQL would say "?column?".
 */
public final class FigureColumnName {
  private FigureColumnName() {}

  public static String of(Node expression) {
    return switch (expression.getNodeCase()) {
      case COLUMN_REF -> last(expression.getColumnRef().getFieldsList());
      case FUNC_CALL -> last(expression.getFuncCall().getFuncnameList());
      case TYPE_CAST -> {
        String inner = of(expression.getTypeCast().getArg());
        yield inner != null && !expression.getTypeCast().getArg().hasAConst()
            ? inner : last(expression.getTypeCast().getTypeName().getNamesList());
      }
      // The last field name, subscripts ignored (arr[1] is arr, (x).f is f).
      case A_INDIRECTION -> {
        String field = null;
        for (Node part : expression.getAIndirection().getIndirectionList()) {
          field = part.hasString() ? part.getString().getSval() : field;
        }
        yield field != null ? field : of(expression.getAIndirection().getArg());
      }
      // PostgreSQL names a boolean constant after its type, weakly (a CASE or cast overrides).
      case A_CONST -> expression.getAConst().hasBoolval() ? "bool" : null;
      case A_ARRAY_EXPR -> "array";
      case CASE_EXPR -> expression.getCaseExpr().hasDefresult()
          && of(expression.getCaseExpr().getDefresult()) != null
          && !expression.getCaseExpr().getDefresult().hasAConst()
          ? of(expression.getCaseExpr().getDefresult()) : "case";
      case COALESCE_EXPR -> "coalesce";
      case MIN_MAX_EXPR -> switch (expression.getMinMaxExpr().getOp()) {
        case IS_GREATEST -> "greatest";
        case IS_LEAST -> "least";
        default -> null;
      };
      case A_EXPR -> expression.getAExpr().getKind() == A_Expr_Kind.AEXPR_NULLIF ? "nullif" : null;
      case ROW_EXPR -> "row";
      case GROUPING_FUNC -> "grouping";
      case SUB_LINK -> switch (expression.getSubLink().getSubLinkType()) {
        case EXISTS_SUBLINK -> "exists";
        case ARRAY_SUBLINK -> "array";
        // A scalar subquery is named after its own (first) column.
        case EXPR_SUBLINK -> expression.getSubLink().getSubselect().hasSelectStmt()
            ? firstColumn(expression.getSubLink().getSubselect().getSelectStmt()) : null;
        default -> null;
      };
      case SQLVALUE_FUNCTION -> switch (expression.getSqlvalueFunction().getOp()) {
        case SVFOP_CURRENT_DATE -> "current_date";
        case SVFOP_CURRENT_TIME, SVFOP_CURRENT_TIME_N -> "current_time";
        case SVFOP_CURRENT_TIMESTAMP, SVFOP_CURRENT_TIMESTAMP_N -> "current_timestamp";
        case SVFOP_LOCALTIME, SVFOP_LOCALTIME_N -> "localtime";
        case SVFOP_LOCALTIMESTAMP, SVFOP_LOCALTIMESTAMP_N -> "localtimestamp";
        case SVFOP_CURRENT_ROLE -> "current_role";
        case SVFOP_CURRENT_USER -> "current_user";
        case SVFOP_USER -> "user";
        case SVFOP_SESSION_USER -> "session_user";
        case SVFOP_CURRENT_CATALOG -> "current_catalog";
        case SVFOP_CURRENT_SCHEMA -> "current_schema";
        default -> null;
      };
      default -> null;
    };
  }

  /** The name of a query's first column: its alias, or its expression's name. */
  private static String firstColumn(SelectStmt select) {
    while (select.hasLarg()) {
      select = select.getLarg();
    }
    if (select.getTargetListCount() == 0 || !select.getTargetList(0).hasResTarget()) {
      return null;
    }
    ResTarget first = select.getTargetList(0).getResTarget();
    return !first.getName().isEmpty() ? first.getName() : of(first.getVal());
  }

  private static String last(List<Node> names) {
    if (names.isEmpty()) {
      return null;
    }
    Node name = names.get(names.size() - 1);
    return name.hasString() ? name.getString().getSval() : null;
  }
}
