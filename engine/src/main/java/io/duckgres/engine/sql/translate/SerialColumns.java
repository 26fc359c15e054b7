package io.duckgres.engine.sql.translate;

import io.duckgres.engine.sql.translate.SqlTokens.Kind;
import io.duckgres.engine.sql.translate.SqlTokens.Token;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SERIAL columns and identity columns, which DuckDB has neither of, made of what it does have:
 * a sequence and a column default. As PostgreSQL does (documentation section 8.1.4, "Serial
 * Types"), {@code CREATE TABLE t (id serial)} becomes
 *
 * <pre>
 * CREATE SEQUENCE t_id_seq MAXVALUE 2147483647;
 * COMMENT ON SEQUENCE t_id_seq IS 'duckgres: owned by t.id';
 * CREATE TABLE t (id integer DEFAULT nextval('t_id_seq') NOT NULL)
 * </pre>
 *
 * <p>The sequence lives in the table's schema and is named {@code <table>_<column>_seq}.
 * {@code GENERATED {ALWAYS | BY DEFAULT} AS IDENTITY [(sequence options)]} becomes the same
 * default on the column's own type; its options go to CREATE SEQUENCE. ALWAYS is not enforced:
 * an explicit value is accepted where PostgreSQL answers 428C9.
 *
 * <p>DuckDB has no OWNED BY, so the comment records the ownership: after DROP TABLE the session
 * drops every sequence carrying it that no column default uses any more (see
 * io.duckgres.engine.sql.OwnedSequences). The result is several statements: the session runs it
 * in one transaction, never through a prepared statement (DuckDB's driver would run all but the
 * last statement at prepare time).
 */
public final class SerialColumns implements Rewrite {
  /** How the sequence's comment begins; the rest names the owning column. */
  public static final String OWNED_MARK = "duckgres: owned by ";

  /** serial type → the integer type of the column, and the maximum of its sequence. */
  private static final Map<String, String[]> SERIAL_TYPES = Map.of(
      "serial", new String[] {"integer", "2147483647"},
      "serial4", new String[] {"integer", "2147483647"},
      "bigserial", new String[] {"bigint", null},
      "serial8", new String[] {"bigint", null},
      "smallserial", new String[] {"smallint", "32767"},
      "serial2", new String[] {"smallint", "32767"});

  /** Integer types whose sequence stops where the type does, as PostgreSQL's does. */
  private static final Map<String, String> TYPE_MAXIMUM = Map.of(
      "integer", "2147483647", "int", "2147483647", "int4", "2147483647",
      "smallint", "32767", "int2", "32767");

  /**
   * Whether {@code sql} is a CREATE TABLE this rewrite changes: the session then runs it (and its
   * sequences) as one transaction instead of preparing it.
   */
  public static boolean appliesTo(String sql) {
    return mayApply(sql) && new SerialColumns().apply(sql) != sql;
  }

  private static boolean mayApply(String sql) {
    return SqlTokens.mentions(sql, "table")
        && (SqlTokens.mentions(sql, "serial") || SqlTokens.mentions(sql, "identity"));
  }

  @Override
  public String apply(String sql) {
    if (!mayApply(sql)) {
      return sql;
    }
    List<Token> tokens = SqlTokens.tokenize(sql);
    int i = SqlTokens.next(tokens, -1);
    if (i < tokens.size() && tokens.get(i).isWord("alter")) {
      return addColumn(sql, tokens, SqlTokens.next(tokens, i));
    }
    if (i >= tokens.size() || !tokens.get(i).isWord("create")) {
      return sql;
    }
    i = SqlTokens.next(tokens, i);
    String temporary = "";
    if (i < tokens.size() && (tokens.get(i).isWord("global") || tokens.get(i).isWord("local"))) {
      i = SqlTokens.next(tokens, i);
    }
    if (i < tokens.size() && (tokens.get(i).isWord("temp") || tokens.get(i).isWord("temporary"))) {
      temporary = "TEMPORARY ";
      i = SqlTokens.next(tokens, i);
    } else if (i < tokens.size() && tokens.get(i).isWord("unlogged")) {
      i = SqlTokens.next(tokens, i);
    }
    if (i >= tokens.size() || !tokens.get(i).isWord("table")) {
      return sql;
    }
    i = SqlTokens.next(tokens, i);
    String ifNotExists = "";
    if (wordsAt(tokens, i, "if", "not", "exists")) {
      ifNotExists = "IF NOT EXISTS ";
      i = skipWords(tokens, i, 3);
    }
    TableName name = TableName.at(tokens, i);
    if (name == null) {
      return sql;
    }
    String schema = name.schema();
    String table = name.table();
    i = name.end();
    if (i >= tokens.size() || !tokens.get(i).is("(")) {
      return sql;
    }
    int close = SqlTokens.closing(tokens, i);
    if (close < 0) {
      return sql;
    }
    Edits edits = new Edits();
    StringBuilder sequences = new StringBuilder();
    int element = SqlTokens.next(tokens, i);
    while (element < close) {
      int end = elementEnd(tokens, element, close);
      String created = column(tokens, element, end, schema, table, temporary,
          ifNotExists, true, edits);
      if (created != null) {
        sequences.append(created);
      }
      element = SqlTokens.next(tokens, end);
    }
    if (sequences.length() == 0) {
      return sql;
    }
    return sequences + edits.apply(sql);
  }

  /**
   * ALTER TABLE name ADD [COLUMN] col serial (one action, the column not yet there): the sequence
   * first, then the column with its default (existing rows draw their values from it). The column
   * stays nullable: DuckDB takes no NOT NULL in ADD COLUMN, and a SET NOT NULL in the same
   * transaction fails ("Cannot create index with outstanding updates").
   */
  private static String addColumn(String sql, List<Token> tokens, int i) {
    if (i >= tokens.size() || !tokens.get(i).isWord("table")) {
      return sql;
    }
    i = SqlTokens.next(tokens, i);
    if (i < tokens.size() && tokens.get(i).isWord("only")) {
      i = SqlTokens.next(tokens, i);
    }
    TableName name = TableName.at(tokens, i);
    if (name == null || name.end() >= tokens.size() || !tokens.get(name.end()).isWord("add")) {
      return sql;
    }
    int element = SqlTokens.next(tokens, name.end());
    if (element < tokens.size() && tokens.get(element).isWord("column")) {
      element = SqlTokens.next(tokens, element);
    }
    int last = SqlTokens.previous(tokens, tokens.size());
    int close = last >= 0 && tokens.get(last).is(";") ? last : tokens.size();
    if (element >= close || wordsAt(tokens, element, "if", "not", "exists")
        || elementEnd(tokens, element, close) != close) {
      return sql;
    }
    Edits edits = new Edits();
    String created = column(tokens, element, close, name.schema(), name.table(), "", "", false,
        edits);
    if (created == null) {
      return sql;
    }
    return created + edits.apply(sql);
  }

  /** [catalog.][schema.]table, each part a word or a quoted identifier; end: the next token. */
  private record TableName(String schema, String table, int end) {
    static TableName at(List<Token> tokens, int start) {
      StringBuilder schema = new StringBuilder();
      int i = start;
      while (i < tokens.size() && isName(tokens.get(i))) {
        int dot = SqlTokens.next(tokens, i);
        if (dot < tokens.size() && tokens.get(dot).is(".")) {
          schema.append(tokens.get(i).text()).append('.');
          i = SqlTokens.next(tokens, dot);
        } else {
          return new TableName(schema.toString(), identifierValue(tokens.get(i)), dot);
        }
      }
      return null;
    }
  }

  /**
   * Rewrites one table element when it is a serial or identity column, and returns the
   * statements that create its sequence; null for any other element. {@code notNull}: the
   * column gets its NOT NULL here (CREATE TABLE) rather than in a statement of its own.
   */
  private static String column(List<Token> tokens, int start, int end, String schema,
      String table, String temporary, String ifNotExists, boolean notNull, Edits edits) {
    Token name = tokens.get(start);
    if (!isName(name) || (name.kind() == Kind.WORD && isConstraintWord(name.word()))) {
      return null;
    }
    int type = SqlTokens.next(tokens, start);
    if (type >= end || tokens.get(type).kind() != Kind.WORD) {
      return null;
    }
    String column = identifierValue(name);
    String sequence = schema + quoteIfNeeded(table + "_" + column + "_seq");
    String[] serial = SERIAL_TYPES.get(tokens.get(type).word());
    String options;
    if (serial != null && !isArray(tokens, type, end)) {
      edits.replace(tokens.get(type).start(), tokens.get(type).end(),
          serial[0] + defaultClause(sequence, notNull));
      options = serial[1] == null ? "" : " MAXVALUE " + serial[1];
    } else {
      int generated = identityClause(tokens, type, end);
      if (generated < 0) {
        return null;
      }
      int identity = SqlTokens.next(tokens, indexOfWord(tokens, generated, end, "as"));
      int after = SqlTokens.next(tokens, identity);
      int clauseEnd = identity;
      options = "";
      if (after < end && tokens.get(after).is("(")) {
        clauseEnd = SqlTokens.closing(tokens, after);
        options = " " + text(tokens, SqlTokens.next(tokens, after),
            SqlTokens.previous(tokens, clauseEnd));
      }
      String maximum = TYPE_MAXIMUM.get(tokens.get(type).word());
      if (maximum != null && !SqlTokens.mentions(options, "maxvalue")) {
        options += " MAXVALUE " + maximum;
      }
      edits.replace(tokens.get(generated).start(), tokens.get(clauseEnd).end(),
          defaultClause(sequence, notNull).substring(1));
    }
    return "CREATE " + temporary + "SEQUENCE " + ifNotExists + sequence + options + ";\n"
        + "COMMENT ON SEQUENCE " + sequence + " IS "
        + Literals.quote(OWNED_MARK + table + "." + column) + ";\n";
  }

  private static String defaultClause(String sequence, boolean notNull) {
    return " DEFAULT nextval(" + Literals.quote(sequence) + ")" + (notNull ? " NOT NULL" : "");
  }

  /** The index of GENERATED in "GENERATED {ALWAYS | BY DEFAULT} AS IDENTITY", or -1. */
  private static int identityClause(List<Token> tokens, int from, int end) {
    for (int j = from; j < end; j = SqlTokens.next(tokens, j)) {
      if (!tokens.get(j).isWord("generated")) {
        continue;
      }
      int k = SqlTokens.next(tokens, j);
      if (k < end && tokens.get(k).isWord("always")) {
        k = SqlTokens.next(tokens, k);
      } else if (wordsAt(tokens, k, "by", "default")) {
        k = skipWords(tokens, k, 2);
      } else {
        continue;
      }
      if (wordsAt(tokens, k, "as", "identity")) {
        return j;
      }
    }
    return -1;
  }

  private static int indexOfWord(List<Token> tokens, int from, int end, String word) {
    for (int j = from; j < end; j++) {
      if (tokens.get(j).isWord(word)) {
        return j;
      }
    }
    return end;
  }

  /** Whether the type at {@code type} is followed by [] (serial[] is no serial column). */
  private static boolean isArray(List<Token> tokens, int type, int end) {
    int next = SqlTokens.next(tokens, type);
    return next < end && (tokens.get(next).is("[") || tokens.get(next).isWord("array"));
  }

  /** The index of the "," or ")" that ends the table element starting at {@code start}. */
  private static int elementEnd(List<Token> tokens, int start, int close) {
    for (int j = start; j < close; j++) {
      Token token = tokens.get(j);
      if (token.is("(") || token.is("[")) {
        j = SqlTokens.closing(tokens, j);
        if (j < 0) {
          return close;
        }
      } else if (token.is(",")) {
        return j;
      }
    }
    return close;
  }

  private static boolean isConstraintWord(String word) {
    return switch (word) {
      case "constraint", "primary", "unique", "check", "foreign", "exclude", "like" -> true;
      default -> false;
    };
  }

  private static boolean isName(Token token) {
    return token.kind() == Kind.WORD || token.kind() == Kind.QUOTED;
  }

  /** An identifier as PostgreSQL stores it: unquoted folded to lower case, quoted as written. */
  private static String identifierValue(Token token) {
    if (token.kind() == Kind.QUOTED) {
      String text = token.text();
      return text.substring(1, text.length() - 1).replace("\"\"", "\"");
    }
    return token.text().toLowerCase(Locale.ROOT);
  }

  private static String quoteIfNeeded(String name) {
    return name.matches("[a-z_][a-z0-9_$]*") ? name : "\"" + name.replace("\"", "\"\"") + "\"";
  }

  private static boolean wordsAt(List<Token> tokens, int i, String... words) {
    int j = i;
    for (String word : words) {
      if (j >= tokens.size() || !tokens.get(j).isWord(word)) {
        return false;
      }
      j = SqlTokens.next(tokens, j);
    }
    return true;
  }

  private static int skipWords(List<Token> tokens, int i, int count) {
    int j = i;
    for (int k = 0; k < count; k++) {
      j = SqlTokens.next(tokens, j);
    }
    return j;
  }

  private static String text(List<Token> tokens, int from, int to) {
    if (to < from) {
      return "";
    }
    return String.join("", tokens.subList(from, to + 1).stream().map(Token::text).toList());
  }
}
