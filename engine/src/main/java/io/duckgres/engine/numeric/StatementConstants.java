package io.duckgres.engine.numeric;

import io.duckgres.engine.sql.parse.RelationName;
import io.duckgres.engine.sql.parse.ParsedText;
import io.duckgres.engine.sql.parse.tree.PgQuery.A_Const;
import io.duckgres.engine.sql.parse.tree.PgQuery.InsertStmt;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import io.duckgres.engine.sql.parse.tree.PgQuery.RangeVar;
import io.duckgres.engine.sql.parse.tree.PgQuery.RawStmt;
import io.duckgres.engine.sql.parse.tree.PgQuery.ResTarget;
import io.duckgres.engine.sql.translate.Translator;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Numbers written as constants of {@code INSERT … VALUES} and {@code UPDATE … SET}: one that
 * {@link BareNumeric} cannot hold, aimed at a numeric column without precision, fails with 22003
 * before DuckDB would round it. Only statements holding such a constant look up the target
 * columns' types, so ordinary statements pay nothing but a walk of their constants.
 */
public final class StatementConstants {
  private StatementConstants() {}

  /** Throws 22003 when a constant of {@code sql} would lose digits in its target column. */
  public static void check(Connection connection, String sql) throws SQLException {
    RawStmt statement = ParsedText.of(sql).single();
    if (statement == null) {
      return;
    }
    Node node = statement.getStmt();
    List<Target> misfits = new ArrayList<>();
    RangeVar relation;
    List<String> columns = new ArrayList<>();
    if (node.hasInsertStmt()) {
      InsertStmt insert = node.getInsertStmt();
      relation = insert.getRelation();
      for (Node column : insert.getColsList()) {
        columns.add(column.getResTarget().getName());
      }
      if (!insert.hasSelectStmt() || !insert.getSelectStmt().hasSelectStmt()) {
        return;
      }
      for (Node row : insert.getSelectStmt().getSelectStmt().getValuesListsList()) {
        List<Node> items = row.getList().getItemsList();
        for (int i = 0; i < items.size(); i++) {
          addMisfit(misfits, i, items.get(i));
        }
      }
    } else if (node.hasUpdateStmt()) {
      relation = node.getUpdateStmt().getRelation();
      for (Node item : node.getUpdateStmt().getTargetListList()) {
        ResTarget target = item.getResTarget();
        if (target.getIndirectionCount() == 0) {
          columns.add(target.getName());
          addMisfit(misfits, columns.size() - 1, target.getVal());
        }
      }
    } else {
      return;
    }
    if (misfits.isEmpty()) {
      return;
    }
    String probe = "SELECT " + (columns.isEmpty() ? "*" : String.join(", ",
        columns.stream().map(RelationName::quotedUnlessPlain).toList()))
        + " FROM " + name(relation) + " LIMIT 0";
    try (Statement describe = connection.createStatement();
        ResultSet rows = describe.executeQuery(Translator.translate(probe))) {
      ResultSetMetaData metaData = rows.getMetaData();
      for (Target misfit : misfits) {
        if (misfit.column < metaData.getColumnCount()
            && BareNumeric.isStoredForm(metaData.getColumnTypeName(misfit.column + 1))) {
          throw BareNumeric.outOfRange(misfit.value.toPlainString());
        }
      }
    } catch (SQLException unknownTarget) {
      // No such table or column: the statement itself fails with DuckDB's error.
    }
  }

  private record Target(int column, BigDecimal value) {}

  private static void addMisfit(List<Target> misfits, int column, Node item) {
    BigDecimal value = constant(item);
    if (value != null && !BareNumeric.fits(value)) {
      misfits.add(new Target(column, value));
    }
  }

  /** A numeric constant, a string constant holding a number, or either cast to numeric. */
  private static BigDecimal constant(Node item) {
    Node value = item.hasTypeCast() ? item.getTypeCast().getArg() : item;
    if (!value.hasAConst()) {
      return null;
    }
    A_Const constant = value.getAConst();
    if (constant.hasFval()) {
      return BareNumeric.parse(constant.getFval().getFval());
    }
    if (constant.hasSval()) {
      return BareNumeric.parse(constant.getSval().getSval());
    }
    return null;
  }

  private static String name(RangeVar relation) {
    UnaryOperator<String> part = RelationName::quotedUnlessPlain;
    StringBuilder name = new StringBuilder();
    if (!relation.getCatalogname().isEmpty()) {
      name.append(part.apply(relation.getCatalogname())).append('.');
    }
    if (!relation.getSchemaname().isEmpty()) {
      name.append(part.apply(relation.getSchemaname())).append('.');
    }
    return name.append(part.apply(relation.getRelname())).toString();
  }

}
