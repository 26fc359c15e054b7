package io.duckgres.engine.sql.transform;

import io.duckgres.engine.sql.parse.SqlParser;
import io.duckgres.engine.sql.parse.TreeWalk;
import io.duckgres.engine.sql.parse.tree.PgQuery.ParseResult;
import io.duckgres.engine.sql.parse.tree.PgQuery.RawStmt;
import java.util.List;

/** The tree transforms, in order, and their application to one statement. */
public final class TreeTransforms {
  private static final List<TreeTransform> TRANSFORMS = List.of(
      // U&'…' constants, which the grammar decodes, must be printed from the tree.
      new UnicodeEscapeStrings(),
      new NumericTypes(),
      new DivisionByZero(),
      new JsonbOperators(),
      new JsonTextForms(),
      // After JsonTextForms, which wraps a jsonb cast (duckgres_jsonb) and so must see it first.
      new JsonbTypes(),
      new FunctionEquivalents(),
      new JsonArrayElements(),
      new ArrayFunctions(),
      new TypedConstants(),
      new ByteaLiterals(),
      new BitwiseXor(),
      new PostgresFunctions(),
      // Before LikeEscapeCalls, which turns the ESCAPE it adds into DuckDB's call.
      new LikeEscapes(),
      new LikeEscapeCalls(),
      new SimilarToPatterns(),
      new DateTimeResults(),
      new MakeInterval(),
      new NumericToChar(),
      // After NumericToChar, which takes to_char's numeric templates.
      new DateTimeFormats(),
      new SubstringBounds(),
      new ConstantArguments(),
      new SetReturningFunctions(),
      new RowNullTests(),
      new FormatSpecifiers(),
      new RegexpMatches(),
      new ArrayText(),
      new PrepareParameterTypes(),
      new ArrayLiteralOperands(),
      new ArrayParameterOperands(),
      new RegTypeArrays(),
      // After RegTypeArrays, which leaves a constant '{…}'::regtype[] to this one.
      new ArrayLiterals(),
      new RegCasts(),
      new RegTypeComparisons(),
      new RowIdentifiers(),
      new TemporaryTablesOnCommit(),
      new SystemSchemaNames(),
      new CatalogQualifiers(),
      new SessionValues(),
      new PartialMatchRegex(),
      new ClientCatalogQueries(),
      // Names the items whose value a transform above replaced (seen after their values).
      new ItemNames(),
      new DuckDbReservedNames());

  private static final TreeTransform NAMES = new SubqueryColumnNames();

  private TreeTransforms() {}

  /**
   * The statement for DuckDB: {@code sql} itself when no transform applies (the text the client
   * wrote reaches DuckDB unchanged), else the transformed tree printed by PostgreSQL's deparser.
   */
  public static String apply(List<RawStmt> statements, String sql) {
    ParseResult.Builder tree = ParseResult.newBuilder();
    Changes changes = new Changes(sql);
    for (RawStmt written : statements) {
      // Serial columns: the sequences' statements first, each transformed like the table's.
      List<RawStmt> serial = SerialColumns.split(written);
      changes.any |= serial.size() > 1;
      for (RawStmt statement : serial) {
        RawStmt.Builder builder = statement.toBuilder();
        // Subquery columns are named from the statement as written, before any transform.
        TreeWalk.walk(builder, node -> changes.any |= NAMES.apply(node, sql));
        TreeWalk.walk(builder, changes);
        List<RawStmt> split = DropLists.split(builder.build());
        changes.any |= split.size() > 1;
        tree.addAllStmts(split);
      }
    }
    return changes.any ? SqlParser.deparse(tree.build()) : sql;
  }

  /** Runs every transform on each node and remembers whether one changed something. */
  private static final class Changes implements TreeWalk.Visitor {
    private final String sql;
    private boolean any;

    Changes(String sql) {
      this.sql = sql;
    }

    @Override
    public void visit(io.duckgres.engine.sql.parse.tree.PgQuery.Node.Builder node) {
      for (TreeTransform transform : TRANSFORMS) {
        any |= transform.apply(node, sql);
      }
    }
  }
}
