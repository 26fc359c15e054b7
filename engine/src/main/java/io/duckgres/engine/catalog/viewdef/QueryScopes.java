package io.duckgres.engine.catalog.viewdef;

import io.duckgres.engine.sql.parse.tree.PgQuery.Alias;
import io.duckgres.engine.sql.parse.tree.PgQuery.ColumnRef;
import io.duckgres.engine.sql.parse.tree.PgQuery.CommonTableExpr;
import io.duckgres.engine.sql.parse.tree.PgQuery.JoinExpr;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import io.duckgres.engine.sql.parse.tree.PgQuery.RangeVar;
import io.duckgres.engine.sql.parse.tree.PgQuery.ResTarget;
import io.duckgres.engine.sql.parse.tree.PgQuery.SelectStmt;
import io.duckgres.engine.sql.parse.tree.PgQuery.SetOperation;
import io.duckgres.engine.sql.transform.FigureColumnName;
import java.util.ArrayList;
import java.util.List;

/**
 * What a view's query reads, without printing it: the relations of each FROM clause with their
 * columns (tables and views from the catalog, subqueries and WITH queries from their select
 * lists), and each select list with {@code *} expanded — what {@link QueryPrinter} needs to
 * qualify columns and name items as PostgreSQL does.
 */
final class QueryScopes {
  /** A select-list item after {@code *} is expanded: its expression and the name it has. */
  record Target(Node expression, String name) {}

  private final Relations relations;

  QueryScopes(Relations relations) {
    this.relations = relations;
  }

  /** The select list with {@code *} and {@code t.*} expanded to the columns they stand for. */
  List<Target> targets(SelectStmt select, Scope scope) {
    List<Target> targets = new ArrayList<>();
    for (Node node : select.getTargetListList()) {
      ResTarget target = node.getResTarget();
      Node value = target.getVal();
      if (value.hasColumnRef() && isStar(value.getColumnRef())) {
        List<Node> fields = value.getColumnRef().getFieldsList();
        List<Scope.Item> items = fields.size() == 1 ? scope.items
            : List.of(itemNamed(scope, fields.get(fields.size() - 2).getString().getSval()));
        for (Scope.Item item : items) {
          for (Relations.Column column : item.columns()) {
            targets.add(new Target(columnRef(item.refname(), column.name()), column.name()));
          }
        }
        continue;
      }
      targets.add(new Target(value, target.getName().isEmpty() ? figuredName(value)
          : target.getName()));
    }
    return targets;
  }

  private static Scope.Item itemNamed(Scope scope, String refname) {
    for (Scope.Item item : scope.items) {
      if (item.refname().equalsIgnoreCase(refname)) {
        return item;
      }
    }
    throw new Unprintable("unknown relation " + refname);
  }

  private static boolean isStar(ColumnRef reference) {
    List<Node> fields = reference.getFieldsList();
    return !fields.isEmpty() && fields.get(fields.size() - 1).hasAStar();
  }

  private static Node columnRef(String relation, String column) {
    return Node.newBuilder().setColumnRef(ColumnRef.newBuilder()
        .addFields(string(relation)).addFields(string(column))).build();
  }

  private static Node string(String value) {
    return Node.newBuilder().setString(
        io.duckgres.engine.sql.parse.tree.PgQuery.String.newBuilder().setSval(value)).build();
  }

  /**
   * The name PostgreSQL gives a select-list item without an alias (FigureColname); DuckDB's
   * {@code count_star()} is PostgreSQL's {@code count(*)}.
   */
  private static String figuredName(Node value) {
    String name = FigureColumnName.of(value);
    return name == null ? "?column?" : name.equals("count_star") ? "count" : name;
  }

  /** The scope of a query's FROM clause (its items, in order), inside {@code outer}. */
  Scope fromScope(SelectStmt select, Scope outer) {
    Scope scope = new Scope(outer);
    for (Node item : select.getFromClauseList()) {
      addItems(item, scope);
    }
    return scope;
  }

  private void addItems(Node item, Scope scope) {
    switch (item.getNodeCase()) {
      case RANGE_VAR -> {
        RangeVar relation = item.getRangeVar();
        String schema = relation.getSchemaname();
        List<Relations.Column> columns = schema.isEmpty() ? scope.cte(relation.getRelname())
            : null;
        if (columns == null) {
          columns = relations.of(schema.isEmpty() || schema.equals("public") ? "main" : schema,
              relation.getRelname());
        }
        if (columns == null) {
          throw new Unprintable("unknown relation " + relation.getRelname());
        }
        Alias alias = relation.hasAlias() ? relation.getAlias() : null;
        scope.items.add(new Scope.Item(alias != null ? alias.getAliasname()
            : relation.getRelname(), renamed(columns, alias)));
      }
      case RANGE_SUBSELECT -> {
        var subselect = item.getRangeSubselect();
        if (subselect.getLateral() || !subselect.hasAlias()) {
          throw new Unprintable("LATERAL or unnamed subquery");
        }
        List<Relations.Column> columns = outputColumns(subselect.getSubquery().getSelectStmt(),
            scope.outer());
        scope.items.add(new Scope.Item(subselect.getAlias().getAliasname(),
            renamed(columns, subselect.getAlias())));
      }
      case JOIN_EXPR -> {
        JoinExpr join = item.getJoinExpr();
        if (join.hasAlias() || join.getIsNatural() || join.hasJoinUsingAlias()) {
          throw new Unprintable("named or NATURAL join");
        }
        addItems(join.getLarg(), scope);
        addItems(join.getRarg(), scope);
      }
      default -> throw new Unprintable("FROM item " + item.getNodeCase());
    }
  }

  /** The names and types of a query's result columns. */
  List<Relations.Column> outputColumns(SelectStmt select, Scope outer) {
    if (select.getOp() != SetOperation.SETOP_NONE) {
      return outputColumns(select.getLarg(), outer);
    }
    Scope scope = fromScope(select, withScopeOnly(select, outer));
    List<Relations.Column> columns = new ArrayList<>();
    for (Target target : targets(select, scope)) {
      columns.add(new Relations.Column(target.name(),
          ExpressionTypes.resolved(ExpressionTypes.of(target.expression(), scope))));
    }
    return columns;
  }

  /** The WITH queries' names of {@code select}, without printing them. */
  private Scope withScopeOnly(SelectStmt select, Scope outer) {
    if (!select.hasWithClause()) {
      return outer;
    }
    Scope scope = new Scope(outer);
    for (Node node : select.getWithClause().getCtesList()) {
      CommonTableExpr cte = node.getCommonTableExpr();
      scope.addCte(cte.getCtename(), renamed(outputColumns(cte.getCtequery().getSelectStmt(),
          scope), names(cte.getAliascolnamesList())));
    }
    return scope;
  }

  static List<Relations.Column> renamed(List<Relations.Column> columns, Alias alias) {
    return alias == null ? columns : renamed(columns, names(alias.getColnamesList()));
  }

  static List<Relations.Column> renamed(List<Relations.Column> columns,
      List<String> names) {
    if (names.isEmpty()) {
      return columns;
    }
    List<Relations.Column> result = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      result.add(i < names.size() ? new Relations.Column(names.get(i), columns.get(i).type())
          : columns.get(i));
    }
    return result;
  }

  static List<String> names(List<Node> nodes) {
    return nodes.stream().map(node -> node.getString().getSval()).toList();
  }
}
