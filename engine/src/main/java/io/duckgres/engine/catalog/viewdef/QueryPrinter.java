package io.duckgres.engine.catalog.viewdef;

import io.duckgres.engine.sql.parse.tree.PgQuery.A_Const;
import io.duckgres.engine.sql.parse.tree.PgQuery.Alias;
import io.duckgres.engine.sql.parse.tree.PgQuery.CommonTableExpr;
import io.duckgres.engine.sql.parse.tree.PgQuery.JoinExpr;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import io.duckgres.engine.sql.parse.tree.PgQuery.RangeVar;
import io.duckgres.engine.sql.parse.tree.PgQuery.SelectStmt;
import io.duckgres.engine.sql.parse.tree.PgQuery.SetOperation;
import io.duckgres.engine.sql.parse.tree.PgQuery.SortBy;
import io.duckgres.engine.sql.parse.tree.PgQuery.SortByDir;
import io.duckgres.engine.sql.parse.tree.PgQuery.SortByNulls;
import java.util.List;

/**
 * Prints a view's query as PostgreSQL's ruleutils.c lays it out for {@code pg_get_viewdef}
 * (get_query_def with PRETTYFLAG_INDENT and a wrap column of 0): one select-list item a line,
 * FROM, WHERE, GROUP BY, HAVING, ORDER BY, OFFSET and LIMIT each on a line of its own at
 * PostgreSQL's indentation, subqueries and WITH queries indented inside their parentheses.
 */
final class QueryPrinter {
  private final Layout out;
  private final QueryScopes scopes;
  private final ExpressionPrinter expressions;
  private boolean namesVisible = true;

  QueryPrinter(Layout out, Relations relations) {
    this.out = out;
    this.scopes = new QueryScopes(relations);
    this.expressions = new ExpressionPrinter(out, this);
  }

  /**
   * A query printed in a context of its own, starting at indentation {@code start}. With
   * {@code namesVisible} (a view, a FROM subquery, a WITH query) every select-list item that is
   * not a plain column says its name; in an expression's subquery only chosen names are shown.
   */
  void query(SelectStmt select, Scope outer, List<String> resultNames, int start,
      boolean namesVisible) {
    int saved = out.indent;
    boolean savedVisible = this.namesVisible;
    out.indent = start;
    this.namesVisible = namesVisible;
    try {
      selectQuery(select, outer, resultNames);
    } finally {
      out.indent = saved;
      this.namesVisible = savedVisible;
    }
  }

  /** A subquery of an expression, at the current indentation. */
  void subquery(Node node, Scope outer) {
    if (!node.hasSelectStmt()) {
      throw new Unprintable("subquery");
    }
    query(node.getSelectStmt(), outer, null, out.indent, false);
  }

  private void selectQuery(SelectStmt select, Scope outer, List<String> resultNames) {
    if (select.getLockingClauseCount() > 0 || select.getWindowClauseCount() > 0
        || select.getValuesListsCount() > 0 || select.hasIntoClause()) {
      throw new Unprintable("locking, window, VALUES or INTO clause");
    }
    Scope withScope = with(select, outer);
    List<QueryScopes.Target> targets;
    Scope scope;
    if (select.getOp() == SetOperation.SETOP_NONE) {
      scope = scopes.fromScope(select, withScope);
      targets = scopes.targets(select, scope);
      basic(select, scope, targets, resultNames);
    } else {
      scope = withScope;
      targets = null;
      setOperation(select, withScope, resultNames);
    }
    if (select.getSortClauseCount() > 0) {
      out.keyword(" ORDER BY ", -Layout.STD, Layout.STD, 1);
      for (int i = 0; i < select.getSortClauseCount(); i++) {
        out.append(i == 0 ? "" : ", ");
        SortBy sort = select.getSortClause(i).getSortBy();
        if (targets == null) {
          out.append(setOperationSortKey(sort.getNode(), select, scope, resultNames));
        } else {
          sortGroupItem(sort.getNode(), targets, scope, true);
        }
        if (sort.getSortbyDir() == SortByDir.SORTBY_DESC) {
          out.append(" DESC");
        } else if (sort.getSortbyDir() == SortByDir.SORTBY_USING) {
          throw new Unprintable("ORDER BY USING");
        }
        boolean descending = sort.getSortbyDir() == SortByDir.SORTBY_DESC;
        if (sort.getSortbyNulls() == SortByNulls.SORTBY_NULLS_FIRST && !descending) {
          out.append(" NULLS FIRST");
        } else if (sort.getSortbyNulls() == SortByNulls.SORTBY_NULLS_LAST && descending) {
          out.append(" NULLS LAST");
        }
      }
    }
    if (select.hasLimitOffset()) {
      out.keyword(" OFFSET ", -Layout.STD, Layout.STD, 0);
      expressions.print(select.getLimitOffset(), scope, null);
    }
    if (select.hasLimitCount()) {
      out.keyword(" LIMIT ", -Layout.STD, Layout.STD, 0);
      Node count = select.getLimitCount();
      if (count.hasAConst() && count.getAConst().getIsnull()) {
        out.append("ALL");
      } else {
        expressions.print(count, scope, null);
      }
    }
  }

  /** The WITH clause, printed; the scope in which its queries' names are visible. */
  private Scope with(SelectStmt select, Scope outer) {
    if (!select.hasWithClause()) {
      return outer;
    }
    Scope scope = new Scope(outer);
    out.indent += Layout.STD;
    out.append(" ");
    String separator = select.getWithClause().getRecursive() ? "WITH RECURSIVE " : "WITH ";
    for (Node node : select.getWithClause().getCtesList()) {
      CommonTableExpr cte = node.getCommonTableExpr();
      if (!cte.getCtequery().hasSelectStmt() || cte.hasSearchClause() || cte.hasCycleClause()) {
        throw new Unprintable("WITH query that is not a SELECT");
      }
      out.append(separator).append(Identifiers.quote(cte.getCtename()));
      List<String> names = QueryScopes.names(cte.getAliascolnamesList());
      if (!names.isEmpty()) {
        out.append("(").append(String.join(", ", names.stream().map(Identifiers::quote)
            .toList())).append(")");
      }
      out.append(" AS ");
      switch (cte.getCtematerialized()) {
        case CTEMaterializeAlways -> out.append("MATERIALIZED ");
        case CTEMaterializeNever -> out.append("NOT MATERIALIZED ");
        default -> { }
      }
      out.append("(");
      out.keyword("", 0, 0, 0);
      SelectStmt query = cte.getCtequery().getSelectStmt();
      if (select.getWithClause().getRecursive()) {
        throw new Unprintable("WITH RECURSIVE");
      }
      query(query, scope, null, out.indent, true);
      out.keyword("", 0, 0, 0);
      out.append(")");
      scope.addCte(cte.getCtename(), QueryScopes.renamed(scopes.outputColumns(query, scope), names));
      separator = ", ";
    }
    out.indent -= Layout.STD;
    out.keyword("", 0, 0, 0);
    return scope;
  }

  private void basic(SelectStmt select, Scope scope, List<QueryScopes.Target> targets,
      List<String> resultNames) {
    out.indent += Layout.STD;
    out.append(" SELECT");
    if (select.getDistinctClauseCount() > 0) {
      if (select.getDistinctClauseCount() == 1 && select.getDistinctClause(0)
          .getNodeCase() == Node.NodeCase.NODE_NOT_SET) {
        out.append(" DISTINCT");
      } else {
        throw new Unprintable("DISTINCT ON");
      }
    }
    targetList(targets, scope, resultNames);
    fromClause(select, scope);
    if (select.hasWhereClause()) {
      out.keyword(" WHERE ", -Layout.STD, Layout.STD, 1);
      expressions.print(select.getWhereClause(), scope, null);
    }
    if (select.getGroupClauseCount() > 0) {
      out.keyword(" GROUP BY ", -Layout.STD, Layout.STD, 1);
      for (int i = 0; i < select.getGroupClauseCount(); i++) {
        out.append(i == 0 ? "" : ", ");
        sortGroupItem(select.getGroupClause(i), targets, scope, false);
      }
    }
    if (select.hasHavingClause()) {
      out.keyword(" HAVING ", -Layout.STD, Layout.STD, 0);
      expressions.print(select.getHavingClause(), scope, null);
    }
  }

  /** ruleutils.c get_target_list, with every item after the first on a line of its own. */
  private void targetList(List<QueryScopes.Target> targets, Scope scope, List<String> resultNames) {
    String separator = " ";
    for (int i = 0; i < targets.size(); i++) {
      QueryScopes.Target target = targets.get(i);
      out.append(separator);
      separator = ", ";
      StringBuilder line = out.buf;
      out.buf = new StringBuilder();
      String printedName;
      Node expression = target.expression();
      if (expression.hasColumnRef()) {
        expressions.print(expression, scope, null);
        printedName = ExpressionPrinter.resolve(expression.getColumnRef(), scope).column().name();
      } else {
        String type = ExpressionTypes.of(expression, scope);
        expressions.print(expression, scope, PgTypes.UNKNOWN.equals(type) ? PgTypes.TEXT : null);
        printedName = namesVisible ? null : "?column?";
      }
      String name = resultNames != null && i < resultNames.size() ? resultNames.get(i)
          : target.name();
      if (!name.equals(printedName)) {
        out.append(" AS ").append(Identifiers.quote(name));
      }
      String field = out.buf.toString();
      out.buf = line;
      if (field.startsWith("\n")) {
        out.trimTrailingSpaces();
      } else if (i > 0) {
        out.keyword("", -Layout.STD, Layout.STD, Layout.VAR);
      }
      out.append(field);
    }
  }

  private void fromClause(SelectStmt select, Scope scope) {
    for (int i = 0; i < select.getFromClauseCount(); i++) {
      if (i == 0) {
        out.keyword(" FROM ", -Layout.STD, Layout.STD, 2);
        fromItem(select.getFromClause(i), scope);
        continue;
      }
      out.append(", ");
      StringBuilder line = out.buf;
      out.buf = new StringBuilder();
      fromItem(select.getFromClause(i), scope);
      String item = out.buf.toString();
      out.buf = line;
      if (item.startsWith("\n")) {
        out.trimTrailingSpaces();
      } else {
        out.keyword("", -Layout.STD, Layout.STD, Layout.VAR);
      }
      out.append(item);
    }
  }

  private void fromItem(Node item, Scope scope) {
    switch (item.getNodeCase()) {
      case RANGE_VAR -> {
        RangeVar relation = item.getRangeVar();
        String schema = relation.getSchemaname();
        if (!schema.isEmpty() && !schema.equals("main") && !schema.equals("public")) {
          out.append(Identifiers.quote(schema)).append(".");
        }
        out.append(Identifiers.quote(relation.getRelname()));
        alias(relation.hasAlias() ? relation.getAlias() : null);
      }
      case RANGE_SUBSELECT -> {
        out.append("(");
        query(item.getRangeSubselect().getSubquery().getSelectStmt(), scope.outer(), null,
            out.indent, true);
        out.append(")");
        alias(item.getRangeSubselect().getAlias());
      }
      case JOIN_EXPR -> join(item.getJoinExpr(), scope);
      default -> throw new Unprintable("FROM item " + item.getNodeCase());
    }
  }

  private void join(JoinExpr join, Scope scope) {
    out.append("(");
    fromItem(join.getLarg(), scope);
    String keyword = switch (join.getJointype()) {
      case JOIN_INNER -> join.hasQuals() || join.getUsingClauseCount() > 0 ? " JOIN "
          : " CROSS JOIN ";
      case JOIN_LEFT -> " LEFT JOIN ";
      case JOIN_RIGHT -> " RIGHT JOIN ";
      case JOIN_FULL -> " FULL JOIN ";
      default -> throw new Unprintable("join type " + join.getJointype());
    };
    out.keyword(keyword, -Layout.STD, Layout.STD, Layout.JOIN);
    fromItem(join.getRarg(), scope);
    if (join.getUsingClauseCount() > 0) {
      out.append(" USING (").append(String.join(", ", QueryScopes.names(join.getUsingClauseList()).stream()
          .map(Identifiers::quote).toList())).append(")");
    } else if (join.hasQuals()) {
      out.append(" ON (");
      expressions.print(join.getQuals(), scope, null);
      out.append(")");
    } else if (!keyword.equals(" CROSS JOIN ")) {
      out.append(" ON TRUE");
    }
    out.append(")");
  }

  private void alias(Alias alias) {
    if (alias == null) {
      return;
    }
    out.append(" ").append(Identifiers.quote(alias.getAliasname()));
    List<String> columns = QueryScopes.names(alias.getColnamesList());
    if (!columns.isEmpty()) {
      out.append("(").append(String.join(", ", columns.stream().map(Identifiers::quote)
          .toList())).append(")");
    }
  }

  private void setOperation(SelectStmt select, Scope scope, List<String> resultNames) {
    if (select.getOp() == SetOperation.SETOP_NONE) {
      boolean parenthesised = select.hasWithClause() || select.getSortClauseCount() > 0
          || select.hasLimitCount() || select.hasLimitOffset();
      out.append(parenthesised ? "(" : "");
      query(select, scope, resultNames, out.indent, namesVisible);
      out.append(parenthesised ? ")" : "");
      return;
    }
    SelectStmt left = select.getLarg();
    boolean leftParenthesised = left.getOp() != SetOperation.SETOP_NONE
        && (left.getOp() != select.getOp() || left.getAll() != select.getAll());
    int indent = 0;
    if (leftParenthesised) {
      out.append("(");
      indent = Layout.STD;
      out.keyword("", indent, 0, 0);
    }
    setOperation(left, scope, resultNames);
    out.keyword(leftParenthesised ? ") " : "", -indent, 0, 0);
    out.append(switch (select.getOp()) {
      case SETOP_UNION -> "UNION ";
      case SETOP_INTERSECT -> "INTERSECT ";
      case SETOP_EXCEPT -> "EXCEPT ";
      default -> throw new Unprintable("set operation");
    });
    if (select.getAll()) {
      out.append("ALL ");
    }
    boolean rightParenthesised = select.getRarg().getOp() != SetOperation.SETOP_NONE;
    indent = 0;
    if (rightParenthesised) {
      out.append("(");
      indent = Layout.STD;
    }
    out.keyword("", indent, 0, 0);
    setOperation(select.getRarg(), scope, resultNames);
    out.indent -= indent;
    if (rightParenthesised) {
      out.keyword(")", 0, 0, 0);
    }
  }

  /** An ORDER BY key of a set operation: an output column, by its name. */
  private static String setOperationSortKey(Node key, SelectStmt select, Scope scope,
      List<String> resultNames) {
    if (resultNames == null) {
      throw new Unprintable("ORDER BY of a nested set operation");
    }
    List<String> names = resultNames;
    if (key.hasAConst() && key.getAConst().hasIval()) {
      int ordinal = key.getAConst().getIval().getIval();
      if (ordinal >= 1 && ordinal <= names.size()) {
        return Identifiers.quote(names.get(ordinal - 1));
      }
    }
    if (key.hasColumnRef() && key.getColumnRef().getFieldsCount() == 1) {
      return Identifiers.quote(key.getColumnRef().getFields(0).getString().getSval());
    }
    throw new Unprintable("ORDER BY of a set operation");
  }

  /**
   * A GROUP BY or ORDER BY key as ruleutils.c get_rule_sortgroupclause prints it: the select
   * list's expression it stands for (an ordinal, or for ORDER BY an output name), a function
   * call in parentheses.
   */
  private void sortGroupItem(Node key, List<QueryScopes.Target> targets, Scope scope, boolean orderBy) {
    Node expression = key;
    if (key.hasAConst() && key.getAConst().hasIval()) {
      int ordinal = key.getAConst().getIval().getIval();
      if (ordinal < 1 || ordinal > targets.size()) {
        throw new Unprintable("position out of range");
      }
      expression = targets.get(ordinal - 1).expression();
    } else if (key.hasColumnRef() && key.getColumnRef().getFieldsCount() == 1
        && key.getColumnRef().getFields(0).hasString()) {
      String name = key.getColumnRef().getFields(0).getString().getSval();
      boolean inputColumn = scope.resolve(null, name) != null;
      if (orderBy || !inputColumn) {
        for (QueryScopes.Target target : targets) {
          if (name.equalsIgnoreCase(target.name())) {
            expression = target.expression();
            break;
          }
        }
      }
    }
    if (expression.hasAConst()) {
      A_Const constant = expression.getAConst();
      expressions.print(expression, scope,
          ExpressionTypes.resolved(ExpressionTypes.constant(constant)));
      return;
    }
    boolean parenthesised = expression.hasFuncCall() || expression.hasTypeCast();
    out.append(parenthesised ? "(" : "");
    expressions.print(expression, scope, null);
    out.append(parenthesised ? ")" : "");
  }
}
