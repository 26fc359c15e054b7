package io.duckgres.engine.sql.transform;

import io.duckgres.engine.sql.parse.tree.PgQuery.FuncCall;
import io.duckgres.engine.sql.parse.tree.PgQuery.FuncCallOrBuilder;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import io.duckgres.engine.sql.transform.DateTimeTemplate.Piece;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * PostgreSQL's date/time formatting functions with a constant template (documentation section
 * 9.8, "Data Type Formatting Functions"), rewritten to DuckDB's strftime/strptime:
 *
 * <ul>
 *   <li>{@code to_char(timestamp, 'YYYY-MM-DD HH24:MI:SS')} → {@code strftime(timestamp,
 *       '%Y-%m-%d %H:%M:%S')}. Template patterns strftime has no code for (Q, D, WW, J, and the
 *       blank-padded Month/Day names) become expressions over the same value, joined with ||.
 *   <li>{@code to_date(text, template)} → {@code CAST(strptime(text, format) AS date)}.
 *   <li>{@code to_timestamp(text, template)} → {@code CAST(strptime(text, format) AS
 *       timestamptz)}, read in the session's time zone as PostgreSQL does.
 * </ul>
 *
 * <p>A template holding a pattern {@link DateTimeTemplate} does not know (ordinal suffixes, time
 * zones, Roman numerals …) is left alone, so the call fails as before instead of formatting
 * wrongly. Numeric templates ({@code '9,999.99'}) are {@link NumericToChar}'s, which runs first.
 * An unaliased item keeps PostgreSQL's name, the function's ({@link ItemNames}).
 */
public final class DateTimeFormats implements TreeTransform {
  private static final Set<String> NAMES = Set.of("to_char", "to_date", "to_timestamp");

  @Override
  public boolean apply(Node.Builder node, String sql) {
    if (!node.hasFuncCall()) {
      return false;
    }
    FuncCallOrBuilder candidate = node.getFuncCallOrBuilder();
    int names = candidate.getFuncnameCount();
    String name = names == 0 ? null : candidate.getFuncname(names - 1).getString().getSval();
    if (name == null || !NAMES.contains(name) || candidate.getArgsCount() != 2) {
      return false;
    }
    FuncCall call = node.getFuncCall();
    if (call.getAggStar() || call.getAggOrderCount() > 0 || call.hasOver()
        || call.hasAggFilter()) {
      return false;
    }
    String template = Nodes.stringConstant(call.getArgs(1));
    List<Piece> pieces = template == null ? null : DateTimeTemplate.parse(template);
    if (pieces == null) {
      return false;
    }
    Node value = call.getArgs(0);
    Node replacement = name.equals("to_char") ? format(value, pieces)
        : parse(value, pieces, name.equals("to_date") ? "date" : "timestamptz");
    if (replacement == null) {
      return false;
    }
    node.clear().mergeFrom(replacement);
    ItemNames.mark(node, name);
    return true;
  }

  /** {@code CAST(strptime(value, format) AS type)}, or null when a piece cannot be read back. */
  private static Node parse(Node value, List<Piece> pieces, String type) {
    StringBuilder format = new StringBuilder();
    for (Piece piece : pieces) {
      if (piece.parseCode() == null) {
        return null;
      }
      format.append(piece.parseCode());
    }
    return Nodes.cast(Nodes.call("strptime", value, Nodes.string(format.toString())), type);
  }

  /** strftime of runs of codes, and the expressions between them, joined with ||. */
  private static Node format(Node value, List<Piece> pieces) {
    List<Node> parts = new ArrayList<>();
    StringBuilder codes = new StringBuilder();
    for (Piece piece : pieces) {
      if (piece.code() != null) {
        codes.append(piece.code());
        continue;
      }
      if (codes.length() > 0) {
        parts.add(DateTimeTemplate.strftime(value, codes.toString()));
        codes.setLength(0);
      }
      parts.add(piece.expression().apply(value));
    }
    if (codes.length() > 0 || parts.isEmpty()) {
      parts.add(DateTimeTemplate.strftime(value, codes.toString()));
    }
    Node joined = parts.get(0);
    for (int i = 1; i < parts.size(); i++) {
      joined = DateTimeTemplate.operator("||", joined, parts.get(i));
    }
    return joined;
  }
}
