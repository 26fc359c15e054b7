package io.duckgres.engine.sql.transform;

import io.duckgres.engine.sql.parse.ParsedText;
import io.duckgres.engine.sql.parse.tree.PgQuery.AlterTableCmd;
import io.duckgres.engine.sql.parse.tree.PgQuery.AlterTableStmt;
import io.duckgres.engine.sql.parse.tree.PgQuery.AlterTableType;
import io.duckgres.engine.sql.parse.tree.PgQuery.ColumnDef;
import io.duckgres.engine.sql.parse.tree.PgQuery.CommentStmt;
import io.duckgres.engine.sql.parse.tree.PgQuery.ConstrType;
import io.duckgres.engine.sql.parse.tree.PgQuery.Constraint;
import io.duckgres.engine.sql.parse.tree.PgQuery.CreateSeqStmt;
import io.duckgres.engine.sql.parse.tree.PgQuery.CreateStmt;
import io.duckgres.engine.sql.parse.tree.PgQuery.DefElem;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import io.duckgres.engine.sql.parse.tree.PgQuery.ObjectType;
import io.duckgres.engine.sql.parse.tree.PgQuery.RangeVar;
import io.duckgres.engine.sql.parse.tree.PgQuery.RawStmt;
import io.duckgres.engine.sql.parse.tree.PgQuery.TypeName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SERIAL columns and identity columns, which DuckDB has neither of, made of what it does have:
 * a sequence and a column default. As PostgreSQL does (documentation section 8.1.4, "Serial
 * Types"), {@code CREATE TABLE t (id serial)} becomes
 *
 * <pre>
 * CREATE SEQUENCE t_id_seq MAXVALUE 2147483647;
 * COMMENT ON SEQUENCE t_id_seq IS 'duckgres: owned by t.id';
 * CREATE TABLE t (id int DEFAULT nextval('t_id_seq') NOT NULL)
 * </pre>
 *
 * <p>The sequence lives in the table's schema and is named {@code <table>_<column>_seq}.
 * {@code GENERATED {ALWAYS | BY DEFAULT} AS IDENTITY [(sequence options)]} becomes the same
 * default on the column's own type; its options go to CREATE SEQUENCE. ALWAYS is not enforced:
 * an explicit value is accepted where PostgreSQL answers 428C9. {@code ALTER TABLE t ADD
 * [COLUMN] c serial} (one action) creates the sequence first and adds the column with the
 * default but nullable: DuckDB takes no NOT NULL in ADD COLUMN, and a SET NOT NULL in the same
 * transaction fails ("Cannot create index with outstanding updates"). Existing rows draw their
 * values from the sequence, as in PostgreSQL.
 *
 * <p>DuckDB has no OWNED BY, so the comment records the ownership: after DROP TABLE the session
 * drops every sequence carrying it that no column default uses any more (see
 * io.duckgres.engine.sql.OwnedSequences). The result is several statements: the session runs them
 * in one transaction, never through a prepared statement (DuckDB's driver would run all but the
 * last statement at prepare time).
 */
public final class SerialColumns {
  /** How the sequence's comment begins; the rest names the owning column. */
  public static final String OWNED_MARK = "duckgres: owned by ";

  /** serial type → the integer type of the column. */
  private static final Map<String, String> SERIAL_TYPES = Map.of("serial", "int4",
      "serial4", "int4", "bigserial", "int8", "serial8", "int8", "smallserial", "int2",
      "serial2", "int2");

  /** Integer types whose sequence stops where the type does, as PostgreSQL's does. */
  private static final Map<String, Long> TYPE_MAXIMUM = Map.of("int4", 2147483647L,
      "int", 2147483647L, "integer", 2147483647L, "int2", 32767L, "smallint", 32767L);

  private SerialColumns() {}

  /**
   * Whether {@code sql} is a CREATE TABLE or ALTER TABLE … ADD COLUMN this changes: the session
   * then runs it (and its sequences) as one transaction instead of preparing it.
   */
  public static boolean appliesTo(String sql) {
    RawStmt statement = ParsedText.of(sql).single();
    return statement != null && split(statement).size() > 1;
  }

  /** The statements {@code statement} becomes: the sequences and comments first, then itself. */
  static List<RawStmt> split(RawStmt statement) {
    Node node = statement.getStmt();
    List<Node> created = new ArrayList<>();
    Node changed;
    if (node.hasCreateStmt()) {
      CreateStmt.Builder create = node.getCreateStmt().toBuilder();
      boolean temporary = create.getRelation().getRelpersistence().equals("t");
      for (Node.Builder element : create.getTableEltsBuilderList()) {
        if (element.hasColumnDef()) {
          column(element.getColumnDefBuilder(), create.getRelation(), temporary,
              create.getIfNotExists(), true, created);
        }
      }
      changed = Node.newBuilder().setCreateStmt(create).build();
    } else if (node.hasAlterTableStmt() && node.getAlterTableStmt().getCmdsCount() == 1) {
      AlterTableStmt.Builder alter = node.getAlterTableStmt().toBuilder();
      AlterTableCmd.Builder command = alter.getCmdsBuilder(0).getAlterTableCmdBuilder();
      if (command.getSubtype() != AlterTableType.AT_AddColumn || command.getMissingOk()
          || !command.getDef().hasColumnDef()) {
        return List.of(statement);
      }
      column(command.getDefBuilder().getColumnDefBuilder(), alter.getRelation(), false, false,
          false, created);
      changed = Node.newBuilder().setAlterTableStmt(alter).build();
    } else {
      return List.of(statement);
    }
    if (created.isEmpty()) {
      return List.of(statement);
    }
    List<RawStmt> statements = new ArrayList<>();
    for (Node sequenceStatement : created) {
      statements.add(RawStmt.newBuilder().setStmt(sequenceStatement).build());
    }
    statements.add(statement.toBuilder().setStmt(changed).build());
    return statements;
  }

  /**
   * Rewrites one column when it is a serial or identity column, adding the statements that
   * create its sequence to {@code created}. {@code notNull}: the column gets its NOT NULL here
   * (CREATE TABLE), not in ADD COLUMN.
   */
  private static void column(ColumnDef.Builder column, RangeVar table, boolean temporary,
      boolean ifNotExists, boolean notNull, List<Node> created) {
    TypeName type = column.getTypeName();
    if (type.getNamesCount() == 0 || !type.getNames(type.getNamesCount() - 1).hasString()) {
      return;
    }
    String typeName = type.getNames(type.getNamesCount() - 1).getString().getSval();
    String serial = type.getNamesCount() == 1 && type.getArrayBoundsCount() == 0
        ? SERIAL_TYPES.get(typeName) : null;
    List<Node> options = new ArrayList<>();
    int identity = -1;
    if (serial != null) {
      column.setTypeName(TypeName.newBuilder().addNames(Nodes.name("pg_catalog"))
          .addNames(Nodes.name(serial)).setTypemod(-1).setLocation(type.getLocation()));
      Long maximum = TYPE_MAXIMUM.get(serial);
      if (maximum != null) {
        options.add(maxValue(maximum));
      }
    } else {
      for (int i = 0; i < column.getConstraintsCount(); i++) {
        Node constraint = column.getConstraints(i);
        if (constraint.hasConstraint()
            && constraint.getConstraint().getContype() == ConstrType.CONSTR_IDENTITY) {
          identity = i;
        }
      }
      if (identity < 0) {
        return;
      }
      options.addAll(column.getConstraints(identity).getConstraint().getOptionsList());
      Long maximum = TYPE_MAXIMUM.get(typeName);
      if (maximum != null && options.stream().noneMatch(
          option -> option.hasDefElem() && option.getDefElem().getDefname().equals("maxvalue"))) {
        options.add(maxValue(maximum));
      }
      column.removeConstraints(identity);
    }
    RangeVar sequence = RangeVar.newBuilder().setCatalogname(table.getCatalogname())
        .setSchemaname(table.getSchemaname())
        .setRelname(table.getRelname() + "_" + column.getColname() + "_seq")
        .setInh(true).setRelpersistence(temporary ? "t" : "p").build();
    created.add(Node.newBuilder().setCreateSeqStmt(CreateSeqStmt.newBuilder()
        .setSequence(sequence).addAllOptions(options).setIfNotExists(ifNotExists)).build());
    io.duckgres.engine.sql.parse.tree.PgQuery.List.Builder name =
        io.duckgres.engine.sql.parse.tree.PgQuery.List.newBuilder();
    if (!sequence.getSchemaname().isEmpty()) {
      name.addItems(Nodes.name(sequence.getSchemaname()));
    }
    name.addItems(Nodes.name(sequence.getRelname()));
    created.add(Node.newBuilder().setCommentStmt(CommentStmt.newBuilder()
        .setObjtype(ObjectType.OBJECT_SEQUENCE).setObject(Node.newBuilder().setList(name))
        .setComment(OWNED_MARK + table.getRelname() + "." + column.getColname())).build());
    int at = identity < 0 ? 0 : identity;
    Node nextval = Nodes.call("nextval", Nodes.string(qualifiedName(sequence)));
    column.addConstraints(at, Node.newBuilder().setConstraint(Constraint.newBuilder()
        .setContype(ConstrType.CONSTR_DEFAULT).setRawExpr(nextval)));
    if (notNull) {
      column.addConstraints(at + 1, Node.newBuilder().setConstraint(Constraint.newBuilder()
          .setContype(ConstrType.CONSTR_NOTNULL)));
    }
  }

  private static Node maxValue(long maximum) {
    return Node.newBuilder().setDefElem(DefElem.newBuilder().setDefname("maxvalue")
        .setArg(Node.newBuilder().setInteger(
            io.duckgres.engine.sql.parse.tree.PgQuery.Integer.newBuilder()
                .setIval((int) maximum)))).build();
  }

  /** The sequence's name as nextval reads it: each part quoted when it needs to be. */
  private static String qualifiedName(RangeVar sequence) {
    String schema = sequence.getSchemaname();
    String name = quoteIfNeeded(sequence.getRelname());
    if (schema.isEmpty()) {
      return name;
    }
    String prefix = sequence.getCatalogname().isEmpty() ? ""
        : quoteIfNeeded(sequence.getCatalogname()) + ".";
    return prefix + quoteIfNeeded(schema.equals("public") ? "main" : schema) + "." + name;
  }

  private static String quoteIfNeeded(String name) {
    return name.matches("[a-z_][a-z0-9_$]*") ? name : "\"" + name.replace("\"", "\"\"") + "\"";
  }
}
