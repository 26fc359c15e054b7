package io.duckgres.engine.sql.transform;

import com.google.protobuf.Descriptors;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.duckgres.engine.catalog.CatalogNames;
import io.duckgres.engine.catalog.PgCatalog;
import io.duckgres.engine.sql.parse.tree.PgQuery.A_Expr;
import io.duckgres.engine.sql.parse.tree.PgQuery.CoercionForm;
import io.duckgres.engine.sql.parse.tree.PgQuery.ColumnRef;
import io.duckgres.engine.sql.parse.tree.PgQuery.FuncCall;
import io.duckgres.engine.sql.parse.tree.PgQuery.IntoClause;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import io.duckgres.engine.sql.parse.tree.PgQuery.RangeVar;
import io.duckgres.engine.sql.parse.tree.PgQuery.TypeName;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The schema names of catalog queries, as DuckDB finds the objects:
 *
 * <ul>
 *   <li>{@code pg_catalog.X} (a relation, function, type or column's table): the catalog's
 *       {@code main.X} when the catalog defines X, else plain X (DuckDB keeps its built-ins in
 *       no schema of that name); {@code information_schema.X} likewise, to {@code info_schema};
 *   <li>{@code public.X}: DuckDB's {@code main.X};
 *   <li>{@code OPERATOR(pg_catalog.~)}: the operator; {@code COLLATE pg_catalog.default} (and
 *       "C", POSIX, ucs_basic): gone, DuckDB has no such collations;
 *   <li>{@code ::name}, {@code ::"char"}: DuckDB's varchar.
 * </ul>
 *
 * Calls PostgreSQL writes with SQL syntax ({@code EXTRACT}, {@code TRIM(BOTH …)}, {@code AT TIME
 * ZONE}) keep their {@code pg_catalog} name: the deparser prints them as written.
 */
public final class CatalogQualifiers implements TreeTransform {
  private static final Descriptors.OneofDescriptor NODE_TYPES =
      Node.getDescriptor().getOneofs().get(0);
  private static final String PG_CATALOG = "pg_catalog";
  private static final String INFORMATION_SCHEMA = "information_schema";
  private static final String PUBLIC = "public";
  private static final Set<String> COLLATIONS = Set.of("default", "c", "posix", "ucs_basic");
  /** Types the grammar itself names as pg_catalog.X, which the deparser prints unqualified. */
  private static final Set<String> SYSTEM_TYPES = Set.of("bool", "int2", "int4", "int8",
      "float4", "float8", "numeric", "bpchar", "varchar", "bit", "varbit", "time", "timetz",
      "timestamp", "timestamptz", "interval");
  private static final Set<String> VARCHAR_TYPES = Set.of("name", "char");

  @Override
  public boolean apply(Node.Builder node, String sql) {
    return switch (node.getNodeCase()) {
      case RANGE_VAR -> relation(node.getRangeVarBuilder());
      case FUNC_CALL -> function(node.getFuncCallBuilder(), sql);
      case COLUMN_REF -> column(node.getColumnRefBuilder());
      case TYPE_CAST -> type(node.getTypeCastBuilder().getTypeNameBuilder(), sql, true);
      case COLUMN_DEF -> node.getColumnDef().hasTypeName()
          && type(node.getColumnDefBuilder().getTypeNameBuilder(), sql, false);
      case TYPE_NAME -> type(node.getTypeNameBuilder(), sql, false);
      case A_EXPR -> operator(node.getAExprBuilder());
      case COLLATE_CLAUSE -> collation(node);
      case LIST -> nameList(node.getListBuilder());
      default -> statementRelations(node);
    };
  }

  /**
   * The relation a statement names outside FROM ({@code INSERT INTO public.t},
   * {@code ALTER TABLE public.t}, {@code CREATE SEQUENCE public.s}): a field of the statement's
   * node, not a node of its own.
   */
  private static boolean statementRelations(Node.Builder node) {
    FieldDescriptor set = node.getOneofFieldDescriptor(NODE_TYPES);
    if (set == null || set.getJavaType() != FieldDescriptor.JavaType.MESSAGE
        || !set.getName().endsWith("_stmt")) {
      return false;
    }
    Message.Builder statement = node.getFieldBuilder(set);
    boolean changed = false;
    for (FieldDescriptor field : statement.getDescriptorForType().getFields()) {
      if (field.isRepeated() || field.getJavaType() != FieldDescriptor.JavaType.MESSAGE
          || !statement.hasField(field)) {
        continue;
      }
      if (field.getMessageType().equals(RangeVar.getDescriptor())) {
        changed |= relation((RangeVar.Builder) statement.getFieldBuilder(field));
      } else if (field.getMessageType().equals(IntoClause.getDescriptor())) {
        changed |= relation(((IntoClause.Builder) statement.getFieldBuilder(field)).getRelBuilder());
      }
    }
    return changed;
  }

  private static boolean relation(RangeVar.Builder relation) {
    String schema = relation.getSchemaname();
    if (!relation.getCatalogname().isEmpty()) {
      return false;
    }
    if (schema.equals(PG_CATALOG)) {
      if (CatalogNames.inPgCatalog(relation.getRelname())) {
        relation.setCatalogname(PgCatalog.CATALOG).setSchemaname(CatalogNames.MAIN);
      } else {
        relation.clearSchemaname();
      }
      return true;
    }
    if (schema.equals(INFORMATION_SCHEMA)
        && CatalogNames.inInformationSchema(relation.getRelname())) {
      relation.setCatalogname(PgCatalog.CATALOG).setSchemaname(CatalogNames.INFO);
      return true;
    }
    if (schema.equals(PUBLIC)) {
      relation.setSchemaname(CatalogNames.MAIN);
      return true;
    }
    return false;
  }

  /**
   * A function's schema. The grammar names some functions pg_catalog.f itself ({@code LIKE …
   * ESCAPE} is {@code pg_catalog.like_escape}, {@code EXTRACT} {@code pg_catalog.extract}), and
   * the deparser prints those back as the syntax they came from: only a name written so is
   * changed.
   */
  private static boolean function(FuncCall.Builder call, String sql) {
    if (call.getFuncformat() == CoercionForm.COERCE_SQL_SYNTAX
        || (call.getFuncnameCount() == 2 && call.getFuncname(0).hasString()
            && PG_CATALOG.equals(call.getFuncname(0).getString().getSval())
            && !writtenAt(sql, call.getLocation(), PG_CATALOG))) {
      return false;
    }
    List<Node> names = qualified(call.getFuncnameList(), 2);
    if (names == null) {
      return false;
    }
    call.clearFuncname().addAllFuncname(names);
    return true;
  }

  /** {@code pg_catalog.pg_type.oid}, {@code public.t.x}: the table's qualifier. */
  private static boolean column(ColumnRef.Builder column) {
    if (column.getFieldsCount() < 3) {
      return false;
    }
    List<Node> fields = column.getFieldsList();
    List<Node> table = qualified(fields.subList(0, 2), 2);
    if (table == null) {
      return false;
    }
    List<Node> all = new ArrayList<>(table);
    all.addAll(fields.subList(2, fields.size()));
    column.clearFields().addAllFields(all);
    return true;
  }

  /**
   * A type name's schema; {@code name} and {@code "char"} in a cast as varchar. A system type
   * written {@code pg_catalog.int4} needs no change (the deparser prints it unqualified) but must
   * not reach DuckDB as written, so it counts as a change; the text at the type's position tells
   * it from {@code integer}, which the grammar names the same way.
   */
  private static boolean type(TypeName.Builder type, String sql, boolean cast) {
    List<Node> names = type.getNamesList();
    if (names.isEmpty() || !names.get(names.size() - 1).hasString()) {
      return false;
    }
    String last = names.get(names.size() - 1).getString().getSval();
    boolean plain = names.size() == 1
        || (names.size() == 2 && PG_CATALOG.equals(names.get(0).getString().getSval()));
    if (cast && plain && VARCHAR_TYPES.contains(last)) {
      type.clearNames().addNames(Nodes.name("varchar"));
      return true;
    }
    if (names.size() == 2 && PG_CATALOG.equals(names.get(0).getString().getSval())
        && SYSTEM_TYPES.contains(last)) {
      return writtenAt(sql, type.getLocation(), PG_CATALOG);
    }
    List<Node> qualified = qualified(names, 2);
    if (qualified == null) {
      return false;
    }
    type.clearNames().addAllNames(qualified);
    return true;
  }

  /** Whether the statement has {@code schema} (plain or quoted) at {@code location}. */
  private static boolean writtenAt(String sql, int location, String schema) {
    return location >= 0 && location < sql.length()
        && (sql.regionMatches(true, location, schema, 0, schema.length())
            || sql.regionMatches(true, location, "\"" + schema, 0, schema.length() + 1));
  }

  /** {@code a OPERATOR(pg_catalog.~) b}: the plain operator. */
  private static boolean operator(A_Expr.Builder expression) {
    if (expression.getNameCount() != 2 || !expression.getName(0).hasString()
        || !PG_CATALOG.equals(expression.getName(0).getString().getSval())) {
      return false;
    }
    Node operator = expression.getName(1);
    expression.clearName().addName(operator);
    return true;
  }

  private static boolean collation(Node.Builder node) {
    List<Node> names = node.getCollateClause().getCollnameList();
    if (names.isEmpty() || names.size() > 2
        || (names.size() == 2 && !PG_CATALOG.equals(names.get(0).getString().getSval()))) {
      return false;
    }
    String collation = names.get(names.size() - 1).getString().getSval();
    if (!COLLATIONS.contains(collation.toLowerCase(Locale.ROOT))) {
      return false;
    }
    Node argument = node.getCollateClause().getArg();
    node.clear().mergeFrom(argument);
    return true;
  }

  /** A list of names such as DROP's and COMMENT's objects: {@code public.t} as {@code main.t}. */
  private static boolean nameList(
      io.duckgres.engine.sql.parse.tree.PgQuery.List.Builder list) {
    if (list.getItemsCount() < 2 || !list.getItems(0).hasString()
        || !PUBLIC.equals(list.getItems(0).getString().getSval())
        || !list.getItemsList().stream().allMatch(Node::hasString)) {
      return false;
    }
    list.setItems(0, Nodes.name(CatalogNames.MAIN));
    return true;
  }

  /**
   * {@code names} (schema, object) as DuckDB finds the object, or null when it needs no change:
   * only names of exactly {@code size} parts are qualified ones.
   */
  private static List<Node> qualified(List<Node> names, int size) {
    if (names.size() != size || !names.get(0).hasString() || !names.get(1).hasString()) {
      return null;
    }
    String schema = names.get(0).getString().getSval();
    String object = names.get(1).getString().getSval();
    if (schema.equals(PG_CATALOG)) {
      return CatalogNames.inPgCatalog(object)
          ? List.of(Nodes.name(PgCatalog.CATALOG), Nodes.name(CatalogNames.MAIN), names.get(1))
          : List.of(names.get(1));
    }
    if (schema.equals(INFORMATION_SCHEMA) && CatalogNames.inInformationSchema(object)) {
      return List.of(Nodes.name(PgCatalog.CATALOG), Nodes.name(CatalogNames.INFO), names.get(1));
    }
    if (schema.equals(PUBLIC)) {
      return List.of(Nodes.name(CatalogNames.MAIN), names.get(1));
    }
    return null;
  }
}
