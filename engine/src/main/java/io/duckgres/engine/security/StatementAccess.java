package io.duckgres.engine.security;

import com.google.protobuf.Descriptors;
import com.google.protobuf.Message;
import io.duckgres.engine.sql.parse.ParsedText;
import io.duckgres.engine.sql.parse.SqlScanner;
import io.duckgres.engine.sql.parse.tree.PgQuery.A_Const;
import io.duckgres.engine.sql.parse.tree.PgQuery.FuncCall;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import io.duckgres.engine.sql.parse.tree.PgQuery.ObjectType;
import io.duckgres.engine.sql.parse.tree.PgQuery.RawStmt;
import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The statements a session may not run, checked before DuckDB sees them. What an ordinary user
 * may touch is enforced by DuckDB itself (see {@link DatabaseAccess}: no external access outside
 * the server's own directories, a locked configuration with an allowlist of session settings);
 * this check only adds what DuckDB cannot tell apart:
 *
 * <ul>
 *   <li>{@code SET GLOBAL} / {@code RESET GLOBAL} by an ordinary user: DuckDB would accept it for
 *       an allowed setting and change the default of every session of the database, where
 *       PostgreSQL keeps SET session-local (42501);
 *   <li>{@code ALTER USER|ROLE ... PASSWORD}, for everyone: passwords live in the server's
 *       configuration file, not in the database (0A000, saying where they live);
 *   <li>in a database closed to the server's files (every user's but an unconfined superuser's):
 *       calls of the postgres extension's functions that open or use connections to database
 *       servers (postgres_scan, postgres_query, postgres_execute, ...), which DuckDB's external
 *       access switch does not cover, and which would reach the config store's server or the
 *       lake's catalog connection; the functions that run a statement given as text (query,
 *       query_table), which would hide such a call; and any mention of the lake's catalog
 *       database ({@code __ducklake_metadata_*}), which PostgreSQL would keep as a system
 *       catalog (42501).
 * </ul>
 *
 * <p>What a statement names and calls is read from PostgreSQL's parse tree (cached per text):
 * the function of every call, wherever it stands (FROM, select list, CALL, a qualified name's
 * last part), and every identifier of the tree (relations, columns, qualified names, options) —
 * string constants are values, not names, except the values of a SET, which may name a schema.
 * Texts PostgreSQL's grammar rejects are DuckDB's own statements (ATTACH, USE, PRAGMA, CREATE
 * MACRO, FROM-first queries, SET GLOBAL) and are read conservatively from the tokens of
 * PostgreSQL's scanner: every name outside string constants and comments counts, and a name
 * followed by an opening parenthesis is a call.
 */
public final class StatementAccess {
  /**
   * A cheap look before the tree: could the text name a refused function or database at all?
   * (Names are substrings of the text, except a U&amp;"..." identifier, whose escapes the
   * scanner decodes: such a text always gets the full look.)
   */
  private static final Pattern MAY_NAME_REFUSED = Pattern.compile(
      "postgres_|query|__ducklake_metadata_|&\"", Pattern.CASE_INSENSITIVE);
  private static final Set<String> CONNECTION_FUNCTIONS = Set.of(
      "postgres_scan", "postgres_scan_pushdown", "postgres_query", "postgres_execute",
      "postgres_attach", "postgres_clear_cache", "postgres_configure_pool");
  private static final Set<String> TEXT_STATEMENT_FUNCTIONS = Set.of("query", "query_table");
  private static final String LAKE_CATALOG_PREFIX = "__ducklake_metadata_";
  private StatementAccess() {}

  /**
   * As {@link #check(String, boolean, boolean)}; a superuser's database is unconfined, everyone
   * else's confined.
   */
  public static void check(String sql, boolean superuser) {
    check(sql, superuser, !superuser);
  }

  /**
   * Throws the error PostgreSQL-like clients should see for {@code sql}, or returns.
   *
   * @param superuser whether the session's user is a superuser (configured {@code superuser:
   *     true}, or a tenant's admin), who may change database-wide settings
   * @param confined whether the session's database is closed to the server's files (all but a
   *     configured superuser's own database)
   */
  public static void check(String sql, boolean superuser, boolean confined) {
    ParsedText parsed = ParsedText.of(sql);
    if (parsed.syntaxError() == null) {
      for (RawStmt statement : parsed.statements()) {
        checkStatement(statement.getStmt(), superuser, confined
            && MAY_NAME_REFUSED.matcher(sql).find());
      }
    } else {
      checkDuckDbStatement(sql, superuser, confined);
    }
  }

  private static void checkStatement(Node statement, boolean superuser, boolean checkNames) {
    if (checkNames) {
      checkNames(statement);
    }
    switch (statement.getNodeCase()) {
      case ALTER_ROLE_STMT, ALTER_ROLE_SET_STMT, ALTER_USER_MAPPING_STMT -> throw alterRole();
      case RENAME_STMT -> {
        if (statement.getRenameStmt().getRenameType() == ObjectType.OBJECT_ROLE) {
          throw alterRole();
        }
      }
      case VARIABLE_SET_STMT -> {
        // PostgreSQL's grammar reads "SET global = …" as a parameter named global; DuckDB
        // may read it as its SET GLOBAL.
        if (!superuser && statement.getVariableSetStmt().getName().equalsIgnoreCase("global")) {
          throw globalSetting();
        }
      }
      default -> { }
    }
  }

  /** Calls and names anywhere in one statement's tree. */
  private static void checkNames(Node statement) {
    walk(statement);
    if (statement.hasVariableSetStmt()) {
      for (Node argument : statement.getVariableSetStmt().getArgsList()) {
        if (argument.hasAConst() && argument.getAConst().hasSval()) {
          checkName(argument.getAConst().getSval().getSval());
        }
      }
    }
  }

  private static void walk(Message message) {
    if (message instanceof A_Const) {
      return;
    }
    if (message instanceof FuncCall call && call.getFuncnameCount() > 0) {
      Node last = call.getFuncname(call.getFuncnameCount() - 1);
      if (last.hasString()) {
        checkCall(last.getString().getSval().toLowerCase(Locale.ROOT));
      }
    }
    for (Descriptors.FieldDescriptor field : message.getDescriptorForType().getFields()) {
      switch (field.getJavaType()) {
        case STRING -> {
          if (field.isRepeated()) {
            for (int i = 0; i < message.getRepeatedFieldCount(field); i++) {
              checkName((String) message.getRepeatedField(field, i));
            }
          } else {
            checkName((String) message.getField(field));
          }
        }
        case MESSAGE -> {
          if (field.isRepeated()) {
            for (int i = 0; i < message.getRepeatedFieldCount(field); i++) {
              walk((Message) message.getRepeatedField(field, i));
            }
          } else if (message.hasField(field)) {
            walk((Message) message.getField(field));
          }
        }
        default -> { }
      }
    }
  }

  /**
   * A text PostgreSQL's grammar rejects, read from the scanner's tokens; a text the scanner
   * cannot read either is left to DuckDB, whose scanner is PostgreSQL's and fails on it too.
   */
  private static void checkDuckDbStatement(String sql, boolean superuser, boolean confined) {
    List<SqlScanner.Token> tokens;
    try {
      tokens = SqlScanner.scan(sql);
    } catch (PgException unreadable) {
      return;
    }
    List<SqlScanner.Token> code = tokens.stream().filter(token -> !token.isComment()).toList();
    String first = word(sql, code, 0);
    String second = word(sql, code, 1);
    if (first.equals("alter") && (second.equals("user") || second.equals("role"))) {
      throw alterRole();
    }
    if (!superuser && (first.equals("set") || first.equals("reset")) && second.equals("global")) {
      throw globalSetting();
    }
    if (!confined) {
      return;
    }
    for (int i = 0; i < code.size(); i++) {
      SqlScanner.Token token = code.get(i);
      String name = name(sql, token);
      if (name == null) {
        continue;
      }
      boolean called = i + 1 < code.size()
          && code.get(i + 1).kind() == SqlScanner.OPEN_PARENTHESIS;
      if (called) {
        checkCall(name);
      }
      checkName(name);
    }
  }

  /** The name a token stands for, in lower case, or null when it is none. */
  private static String name(String sql, SqlScanner.Token token) {
    String text = token.text(sql);
    if (token.kind() == SqlScanner.UIDENT) {
      return unicodeName(text);
    }
    if (!token.isWord()) {
      return null;
    }
    if (text.startsWith("\"")) {
      text = text.substring(1, text.length() - 1).replace("\"\"", "\"");
    }
    return text.toLowerCase(Locale.ROOT);
  }

  /**
   * A U&amp;"..." identifier with its \XXXX and \+XXXXXX escapes decoded; with another escape
   * character (UESCAPE) the lake catalog's prefix, so a confined session is refused.
   */
  private static String unicodeName(String text) {
    String body = text.substring(3, text.length() - 1).replace("\"\"", "\"");
    StringBuilder name = new StringBuilder();
    try {
      for (int i = 0; i < body.length(); i++) {
        char c = body.charAt(i);
        if (c != '\\') {
          name.append(c);
        } else if (body.startsWith("\\", i + 1)) {
          name.append('\\');
          i++;
        } else if (body.charAt(i + 1) == '+') {
          name.appendCodePoint(Integer.parseInt(body.substring(i + 2, i + 8), 16));
          i += 7;
        } else {
          name.appendCodePoint(Integer.parseInt(body.substring(i + 1, i + 5), 16));
          i += 4;
        }
      }
    } catch (RuntimeException unreadable) {
      return LAKE_CATALOG_PREFIX;
    }
    return name.toString().toLowerCase(Locale.ROOT);
  }

  private static String word(String sql, List<SqlScanner.Token> tokens, int index) {
    return index < tokens.size() && tokens.get(index).isWord()
        ? tokens.get(index).text(sql).toLowerCase(Locale.ROOT) : "";
  }

  private static void checkCall(String function) {
    if (CONNECTION_FUNCTIONS.contains(function)) {
      throw new PgException(PgException.Severity.ERROR, SqlState.INSUFFICIENT_PRIVILEGE,
          "permission denied for function " + function, null,
          "Only the server's superusers may open connections to other database servers.", 0,
          null);
    }
    if (TEXT_STATEMENT_FUNCTIONS.contains(function)) {
      throw new PgException(PgException.Severity.ERROR, SqlState.INSUFFICIENT_PRIVILEGE,
          "permission denied for function " + function, null,
          "Run the statement itself instead of passing it as text.", 0, null);
    }
  }

  private static void checkName(String name) {
    if (name.regionMatches(true, 0, LAKE_CATALOG_PREFIX, 0, LAKE_CATALOG_PREFIX.length())) {
      throw new PgException(PgException.Severity.ERROR, SqlState.INSUFFICIENT_PRIVILEGE,
          "permission denied for database " + name.toLowerCase(Locale.ROOT), null,
          "The lake's catalog is kept by the server; use the lake's tables.", 0, null);
    }
  }

  private static PgException alterRole() {
    return new PgException(PgException.Severity.ERROR, SqlState.FEATURE_NOT_SUPPORTED,
        "ALTER USER/ROLE is not supported: users and their passwords are set in the users "
            + "section of the server's configuration file",
        null, "Change the password in the configuration file and restart the server.", 0, null);
  }

  private static PgException globalSetting() {
    return new PgException(PgException.Severity.ERROR, SqlState.INSUFFICIENT_PRIVILEGE,
        "permission denied to change a setting for the whole database",
        null, "Use SET without GLOBAL: it lasts for this session.", 0, null);
  }
}
