package io.duckgres.engine.catalog.viewdef;

import io.duckgres.engine.sql.parse.tree.PgQuery.A_Const;
import io.duckgres.engine.sql.parse.tree.PgQuery.A_Expr;
import io.duckgres.engine.sql.parse.tree.PgQuery.A_Expr_Kind;
import io.duckgres.engine.sql.parse.tree.PgQuery.BoolExpr;
import io.duckgres.engine.sql.parse.tree.PgQuery.BoolExprType;
import io.duckgres.engine.sql.parse.tree.PgQuery.CaseExpr;
import io.duckgres.engine.sql.parse.tree.PgQuery.ColumnRef;
import io.duckgres.engine.sql.parse.tree.PgQuery.FuncCall;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import io.duckgres.engine.sql.parse.tree.PgQuery.NullTestType;
import io.duckgres.engine.sql.parse.tree.PgQuery.SubLink;
import io.duckgres.engine.sql.parse.tree.PgQuery.TypeCast;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints an expression of a view as PostgreSQL's ruleutils.c prints the analysed expression
 * (without PRETTYFLAG_PAREN): every operator in parentheses, columns qualified, literals with
 * the type PostgreSQL resolved for them ({@code 'x'::text}, {@code '2024-01-01'::date}), integer
 * operands of numeric operators shown converted ({@code (2)::numeric}), {@code IN} lists as
 * {@code = ANY (ARRAY[…])}, {@code BETWEEN} as two comparisons. DuckDB's own forms of what the
 * server wrote for it — {@code count_star()}, the integer-division operator, the division-by-zero
 * guard — are printed as PostgreSQL wrote them.
 */
final class ExpressionPrinter {
  private final Layout out;
  private final QueryPrinter queries;

  ExpressionPrinter(Layout out, QueryPrinter queries) {
    this.out = out;
    this.queries = queries;
  }

  /** Prints {@code node}, converted to {@code target} where PostgreSQL would show that. */
  void print(Node node, Scope scope, String target) {
    switch (node.getNodeCase()) {
      case A_CONST -> out.append(constant(node.getAConst(), target));
      case TYPE_CAST -> cast(node.getTypeCast(), scope);
      case CASE_EXPR -> {
        Node guarded = divisionGuarded(node.getCaseExpr());
        if (guarded != null) {
          print(guarded, scope, target);
        } else {
          converted(node, scope, target, () -> caseExpression(node.getCaseExpr(), scope));
        }
      }
      default -> converted(node, scope, target, () -> expression(node, scope));
    }
  }

  private void converted(Node node, Scope scope, String target, Runnable body) {
    boolean cast = PgTypes.needsCast(ExpressionTypes.of(node, scope), target);
    if (cast) {
      out.append("(");
    }
    body.run();
    if (cast) {
      out.append(")::").append(target);
    }
  }

  private void expression(Node node, Scope scope) {
    switch (node.getNodeCase()) {
      case COLUMN_REF -> out.append(column(node.getColumnRef(), scope));
      case A_EXPR -> operator(node.getAExpr(), scope);
      case BOOL_EXPR -> bool(node.getBoolExpr(), scope);
      case NULL_TEST -> {
        out.append("(");
        print(node.getNullTest().getArg(), scope, null);
        out.append(node.getNullTest().getNulltesttype() == NullTestType.IS_NULL
            ? " IS NULL)" : " IS NOT NULL)");
      }
      case FUNC_CALL -> function(node.getFuncCall(), scope);
      case COALESCE_EXPR -> list("COALESCE(", node.getCoalesceExpr().getArgsList(), scope, ")");
      case MIN_MAX_EXPR -> list(node.getMinMaxExpr().getOp().name().equals("IS_GREATEST")
          ? "GREATEST(" : "LEAST(", node.getMinMaxExpr().getArgsList(), scope, ")");
      case A_ARRAY_EXPR -> list("ARRAY[", node.getAArrayExpr().getElementsList(), scope, "]");
      case SUB_LINK -> subLink(node.getSubLink(), scope);
      case SQLVALUE_FUNCTION -> out.append(switch (node.getSqlvalueFunction().getOp()) {
        case SVFOP_CURRENT_DATE -> "CURRENT_DATE";
        case SVFOP_CURRENT_TIMESTAMP -> "CURRENT_TIMESTAMP";
        case SVFOP_CURRENT_TIME -> "CURRENT_TIME";
        case SVFOP_LOCALTIMESTAMP -> "LOCALTIMESTAMP";
        case SVFOP_LOCALTIME -> "LOCALTIME";
        case SVFOP_CURRENT_USER -> "CURRENT_USER";
        case SVFOP_SESSION_USER -> "SESSION_USER";
        case SVFOP_CURRENT_ROLE -> "CURRENT_ROLE";
        case SVFOP_USER -> "USER";
        case SVFOP_CURRENT_SCHEMA -> "CURRENT_SCHEMA";
        case SVFOP_CURRENT_CATALOG -> "CURRENT_CATALOG";
        default -> throw new Unprintable("SQL value function");
      });
      default -> throw new Unprintable(node.getNodeCase().name());
    }
  }

  /** A column found in the query's scope, or null. */
  static Scope.Resolved resolve(ColumnRef reference, Scope scope) {
    List<Node> fields = reference.getFieldsList();
    if (fields.isEmpty() || !fields.get(fields.size() - 1).hasString()) {
      return null;
    }
    String name = fields.get(fields.size() - 1).getString().getSval();
    String qualifier = fields.size() >= 2 ? fields.get(fields.size() - 2).getString().getSval()
        : null;
    return scope.resolve(qualifier, name);
  }

  private static String column(ColumnRef reference, Scope scope) {
    Scope.Resolved column = resolve(reference, scope);
    if (column == null) {
      throw new Unprintable("column not in scope");
    }
    return Identifiers.quote(column.refname()) + "." + Identifiers.quote(column.column().name());
  }

  /** The operator's name; DuckDB's integer division {@code //} is PostgreSQL's {@code /}. */
  static String operatorName(A_Expr expression) {
    List<Node> names = expression.getNameList();
    String name = names.isEmpty() ? "" : names.get(names.size() - 1).getString().getSval();
    return name.equals("//") ? "/" : name;
  }

  private void operator(A_Expr expression, Scope scope) {
    String name = operatorName(expression);
    switch (expression.getKind()) {
      case AEXPR_OP, AEXPR_LIKE, AEXPR_ILIKE -> {
        if (!expression.hasLexpr()) {
          out.append("(").append(name).append(" ");
          print(expression.getRexpr(), scope, null);
          out.append(")");
        } else {
          binary(expression.getLexpr(), name, expression.getRexpr(), scope);
        }
      }
      case AEXPR_IN -> inList(expression, name, scope);
      case AEXPR_BETWEEN, AEXPR_NOT_BETWEEN -> {
        List<Node> bounds = expression.getRexpr().getList().getItemsList();
        boolean between = expression.getKind() == A_Expr_Kind.AEXPR_BETWEEN;
        out.append("(");
        binary(expression.getLexpr(), between ? ">=" : "<", bounds.get(0), scope);
        out.append(between ? " AND " : " OR ");
        binary(expression.getLexpr(), between ? "<=" : ">", bounds.get(1), scope);
        out.append(")");
      }
      case AEXPR_NULLIF -> list("NULLIF(", List.of(expression.getLexpr(), expression.getRexpr()),
          scope, ")");
      case AEXPR_OP_ANY, AEXPR_OP_ALL -> {
        out.append("(");
        print(expression.getLexpr(), scope, null);
        out.append(" ").append(name)
            .append(expression.getKind().name().endsWith("ANY") ? " ANY (" : " ALL (");
        print(expression.getRexpr(), scope, null);
        out.append("))");
      }
      default -> throw new Unprintable(expression.getKind().name());
    }
  }

  private void binary(Node left, String name, Node right, Scope scope) {
    String leftType = ExpressionTypes.of(left, scope);
    String rightType = ExpressionTypes.of(right, scope);
    String common = PgTypes.common(leftType, rightType);
    if (name.equals("||") && !PgTypes.TEXT.equals(common)) {
      common = PgTypes.UNKNOWN.equals(leftType) || PgTypes.UNKNOWN.equals(rightType)
          ? PgTypes.TEXT : null;
    }
    out.append("(");
    print(left, scope, common);
    out.append(" ").append(name).append(" ");
    print(right, scope, common);
    out.append(")");
  }

  private void inList(A_Expr expression, String name, Scope scope) {
    List<Node> items = expression.getRexpr().getList().getItemsList();
    String common = ExpressionTypes.of(expression.getLexpr(), scope);
    for (Node item : items) {
      String next = PgTypes.common(common, ExpressionTypes.of(item, scope));
      common = next == null ? common : next;
    }
    common = ExpressionTypes.resolved(common);
    out.append("(");
    print(expression.getLexpr(), scope, common);
    out.append(name.equals("=") ? " = ANY (ARRAY[" : " " + name + " ALL (ARRAY[");
    for (int i = 0; i < items.size(); i++) {
      out.append(i == 0 ? "" : ", ");
      print(items.get(i), scope, common);
    }
    out.append("]))");
  }

  private void bool(BoolExpr expression, Scope scope) {
    if (expression.getBoolop() == BoolExprType.NOT_EXPR) {
      out.append("(NOT ");
      print(expression.getArgs(0), scope, null);
      out.append(")");
      return;
    }
    String separator = expression.getBoolop() == BoolExprType.AND_EXPR ? " AND " : " OR ";
    List<Node> arguments = new ArrayList<>();
    flatten(expression, arguments);
    out.append("(");
    for (int i = 0; i < arguments.size(); i++) {
      out.append(i == 0 ? "" : separator);
      print(arguments.get(i), scope, null);
    }
    out.append(")");
  }

  /** a AND (b AND c) is one list in PostgreSQL's tree, as its grammar builds it. */
  private static void flatten(BoolExpr expression, List<Node> into) {
    for (Node argument : expression.getArgsList()) {
      if (argument.hasBoolExpr() && argument.getBoolExpr().getBoolop() == expression.getBoolop()) {
        flatten(argument.getBoolExpr(), into);
      } else {
        into.add(argument);
      }
    }
  }

  private void function(FuncCall call, Scope scope) {
    if (call.hasOver() || call.hasAggFilter() || call.getAggOrderCount() > 0
        || call.getFuncVariadic()) {
      throw new Unprintable("window, filtered, ordered or variadic call");
    }
    String name = call.getFuncname(call.getFuncnameCount() - 1).getString().getSval();
    if (name.equals("count_star") && call.getArgsCount() == 0) {
      out.append("count(*)");
      return;
    }
    out.append(Identifiers.quote(name)).append("(");
    if (call.getAggStar()) {
      out.append("*");
    }
    if (call.getAggDistinct()) {
      out.append("DISTINCT ");
    }
    for (int i = 0; i < call.getArgsCount(); i++) {
      out.append(i == 0 ? "" : ", ");
      Node argument = call.getArgs(i);
      String type = ExpressionTypes.of(argument, scope);
      print(argument, scope, PgTypes.UNKNOWN.equals(type) ? PgTypes.TEXT : null);
    }
    out.append(")");
  }

  private void list(String open, List<Node> items, Scope scope, String close) {
    String common = null;
    for (Node item : items) {
      String next = PgTypes.common(common, ExpressionTypes.of(item, scope));
      common = next == null ? common : next;
    }
    common = ExpressionTypes.resolved(common);
    out.append(open);
    for (int i = 0; i < items.size(); i++) {
      out.append(i == 0 ? "" : ", ");
      print(items.get(i), scope, common);
    }
    out.append(close);
  }

  private void caseExpression(CaseExpr expression, Scope scope) {
    String type = ExpressionTypes.of(Node.newBuilder().setCaseExpr(expression).build(), scope);
    String argumentType = expression.hasArg() ? ExpressionTypes.of(expression.getArg(), scope)
        : null;
    out.keyword("CASE", 0, Layout.VAR, 0);
    if (expression.hasArg()) {
      out.append(" ");
      print(expression.getArg(), scope, null);
    }
    for (Node when : expression.getArgsList()) {
      out.keyword("WHEN ", 0, 0, 0);
      print(when.getCaseWhen().getExpr(), scope,
          expression.hasArg() ? ExpressionTypes.resolved(argumentType) : null);
      out.append(" THEN ");
      print(when.getCaseWhen().getResult(), scope, type);
    }
    out.keyword("ELSE ", 0, 0, 0);
    if (expression.hasDefresult()) {
      print(expression.getDefresult(), scope, type);
    } else {
      out.append(type == null ? "NULL" : "NULL::" + type);
    }
    out.keyword("END", -Layout.VAR, 0, 0);
  }

  /**
   * The {@code a / b} inside {@code CASE WHEN b = 0 THEN error('division by zero') ELSE a / b
   * END}, the form the server gives DuckDB for PostgreSQL's division; else null.
   */
  private static Node divisionGuarded(CaseExpr expression) {
    if (expression.hasArg() || expression.getArgsCount() != 1 || !expression.hasDefresult()) {
      return null;
    }
    Node result = expression.getArgs(0).getCaseWhen().getResult();
    if (!result.hasFuncCall() || result.getFuncCall().getArgsCount() != 1) {
      return null;
    }
    FuncCall call = result.getFuncCall();
    String name = call.getFuncname(call.getFuncnameCount() - 1).getString().getSval();
    Node message = call.getArgs(0);
    boolean guard = name.equals("error") && message.hasAConst() && message.getAConst().hasSval()
        && message.getAConst().getSval().getSval().equals("division by zero");
    return guard ? expression.getDefresult() : null;
  }

  private void cast(TypeCast cast, Scope scope) {
    String type = PgTypes.ofTypeName(cast.getTypeName());
    if (type == null) {
      throw new Unprintable("cast to an unknown type");
    }
    Node argument = cast.getArg();
    if (argument.hasAConst() && (argument.getAConst().hasSval()
        || argument.getAConst().getIsnull())) {
      out.append(argument.getAConst().getIsnull() ? "NULL::" + type
          : literal(argument.getAConst().getSval().getSval(), type));
      return;
    }
    out.append("(");
    print(argument, scope, null);
    out.append(")::").append(type);
  }

  private void subLink(SubLink link, Scope scope) {
    out.append(switch (link.getSubLinkType()) {
      case ARRAY_SUBLINK -> "ARRAY(";
      default -> "(";
    });
    boolean parenthesised = true;
    switch (link.getSubLinkType()) {
      case EXISTS_SUBLINK -> out.append("EXISTS ");
      case ANY_SUBLINK, ALL_SUBLINK -> {
        print(link.getTestexpr(), scope, null);
        String name = link.getOperNameCount() == 0 ? "="
            : link.getOperName(link.getOperNameCount() - 1).getString().getSval();
        if (link.getSubLinkType().name().startsWith("ANY")) {
          out.append(name.equals("=") ? " IN " : " " + name + " ANY ");
        } else {
          out.append(" ").append(name).append(" ALL ");
        }
      }
      case EXPR_SUBLINK, ARRAY_SUBLINK -> parenthesised = false;
      default -> throw new Unprintable("sublink " + link.getSubLinkType());
    }
    if (parenthesised) {
      out.append("(");
    }
    queries.subquery(link.getSubselect(), scope);
    out.append(parenthesised ? "))" : ")");
  }

  /** A literal as PostgreSQL prints its constant (ruleutils.c get_const_expr). */
  private static String constant(A_Const constant, String target) {
    String type = ExpressionTypes.constant(constant);
    if (constant.getIsnull()) {
      return target == null || PgTypes.UNKNOWN.equals(target) ? "NULL" : "NULL::" + target;
    }
    if (constant.hasBoolval()) {
      return constant.getBoolval().getBoolval() ? "true" : "false";
    }
    if (constant.hasSval()) {
      return literal(constant.getSval().getSval(),
          target == null || PgTypes.UNKNOWN.equals(target) ? PgTypes.TEXT : target);
    }
    String digits = constant.hasIval() ? Long.toString(constant.getIval().getIval())
        : constant.getFval().getFval();
    String printed = literal(digits, type);
    return PgTypes.needsCast(type, target) ? "(" + printed + ")::" + target : printed;
  }

  /** {@code value} as a constant of {@code type}: bare where PostgreSQL prints it bare. */
  static String literal(String value, String type) {
    String base = PgTypes.base(type);
    if (PgTypes.BOOLEAN.equals(base)) {
      return switch (value.trim().toLowerCase(Locale.ROOT)) {
        case "t", "true", "y", "yes", "on", "1" -> "true";
        default -> "false";
      };
    }
    if (PgTypes.INTEGER.equals(base) && value.matches("[0-9]+")) {
      return value;
    }
    if (PgTypes.NUMERIC.equals(type) && value.matches("[0-9][0-9]*(\\.[0-9]*)?([eE][-+]?[0-9]+)?")
        && value.matches(".*[.eE].*")) {
      return value;
    }
    return "'" + value.replace("'", "''") + "'::" + type;
  }
}
