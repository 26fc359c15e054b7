package io.duckgres.engine.sql.transform;

import io.duckgres.engine.sql.parse.tree.PgQuery.A_Expr_Kind;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import io.duckgres.engine.sql.parse.tree.PgQuery.ResTarget;
import io.duckgres.engine.sql.parse.tree.PgQuery.SelectStmt;
import java.util.List;

/**
 * The name PostgreSQL gives a select-list item that has no alias (parse_target.c,
 * FigureColnameInternal): a column reference its last name, a function call its function's name,
 * {@code ARRAY[…]} "array", COALESCE "coalesce", GREATEST/LEAST, NULLIF, EXISTS, ROW, the SQL
 * value functions (current_date, …), a scalar subquery its first column's name. Those names are
 * strong; a cast's type name is weak: a cast takes its operand's name only when that is strong
 * ({@code x::text} is "x", {@code 1::text} and {@code '1'::oid::regtype} are named after the
 * type), and CASE takes its ELSE result's name only when that is strong, else "case". Null where
 * PostgreSQL would say "?column?" (also for {@code true}).
 */
public final class FigureColumnName {
  private static final int STRONG = 2;
  private static final int WEAK = 1;

  /** A name and how sure PostgreSQL is of it (FigureColnameInternal's strength, 1 or 2). */
  private record Named(String name, int strength) {}

  private FigureColumnName() {}

  public static String of(Node expression) {
    Named named = figure(expression);
    return named == null ? null : named.name();
  }

  private static Named figure(Node expression) {
    return switch (expression.getNodeCase()) {
      case COLUMN_REF -> strong(last(expression.getColumnRef().getFieldsList()));
      case FUNC_CALL -> strong(last(expression.getFuncCall().getFuncnameList()));
      case TYPE_CAST -> {
        Named operand = figure(expression.getTypeCast().getArg());
        yield operand != null && operand.strength() == STRONG ? operand
            : weak(last(expression.getTypeCast().getTypeName().getNamesList()));
      }
      case COLLATE_CLAUSE -> figure(expression.getCollateClause().getArg());
      // The last field name, subscripts ignored (arr[1] is arr, (x).f is f).
      case A_INDIRECTION -> {
        String field = null;
        for (Node part : expression.getAIndirection().getIndirectionList()) {
          field = part.hasString() ? part.getString().getSval() : field;
        }
        yield field != null ? strong(field) : figure(expression.getAIndirection().getArg());
      }
      case A_ARRAY_EXPR -> strong("array");
      case CASE_EXPR -> {
        Named result = expression.getCaseExpr().hasDefresult()
            ? figure(expression.getCaseExpr().getDefresult()) : null;
        yield result != null && result.strength() == STRONG ? result : weak("case");
      }
      case COALESCE_EXPR -> strong("coalesce");
      case MIN_MAX_EXPR -> switch (expression.getMinMaxExpr().getOp()) {
        case IS_GREATEST -> strong("greatest");
        case IS_LEAST -> strong("least");
        default -> null;
      };
      case A_EXPR -> expression.getAExpr().getKind() == A_Expr_Kind.AEXPR_NULLIF
          ? strong("nullif") : null;
      case ROW_EXPR -> strong("row");
      case GROUPING_FUNC -> strong("grouping");
      case SUB_LINK -> switch (expression.getSubLink().getSubLinkType()) {
        case EXISTS_SUBLINK -> strong("exists");
        case ARRAY_SUBLINK -> strong("array");
        // A scalar subquery is named after its own (first) column.
        case EXPR_SUBLINK -> expression.getSubLink().getSubselect().hasSelectStmt()
            ? strong(firstColumn(expression.getSubLink().getSubselect().getSelectStmt())) : null;
        default -> null;
      };
      case SQLVALUE_FUNCTION -> strong(switch (expression.getSqlvalueFunction().getOp()) {
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
      });
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

  private static Named strong(String name) {
    return name == null ? null : new Named(name, STRONG);
  }

  private static Named weak(String name) {
    return name == null ? null : new Named(name, WEAK);
  }

  private static String last(List<Node> names) {
    if (names.isEmpty()) {
      return null;
    }
    Node name = names.get(names.size() - 1);
    return name.hasString() ? name.getString().getSval() : null;
  }
}
