package io.duckgres.engine.catalog;

import io.duckgres.engine.catalog.SqlTokens.Token;
import io.duckgres.engine.sql.translate.SqlTokens.Kind;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the PostgreSQL that catalog queries use and DuckDB does not take, token by token:
 *
 * <ul>
 *   <li>{@code pg_catalog.X}: to this catalog's X when it defines one, else to plain X (DuckDB
 *       keeps its built-ins in no schema of that name); {@code information_schema.X} likewise;
 *   <li>{@code public.X} (a schema qualifier): DuckDB's {@code main.X};
 *   <li>{@code OPERATOR(pg_catalog.~)}: the operator; {@code COLLATE pg_catalog.default}: gone;
 *   <li>{@code ~ 'pattern'}: DuckDB's {@code ~} must match the whole string, PostgreSQL's any
 *       part, so the pattern becomes {@code (?s).*(?:pattern).*}; {@code ~*} adds {@code (?i)};
 *   <li>{@code 'name'::regclass} (a constant or parameter): the object's OID; any other
 *       {@code x::regclass}: the name; the same for regtype, regproc, regnamespace, regrole;
 *   <li>{@code current_user}, {@code session_user}, {@code user}, {@code current_role},
 *       {@code current_schema}, {@code current_catalog}: the session's values;
 *   <li>{@code ::name}, {@code ::"char"}: DuckDB's VARCHAR.
 * </ul>
 *
 * <p>It runs first among the translator's rewrites, so that {@code '{a}'::pg_catalog.text[]}
 * reaches the array-literal rewrite as {@code '{a}'::text[]}.
 *
 * <p>Statements that contain none of these come back unchanged without being tokenized.
 */
public final class CatalogSql extends TokenEditor {
  private static final String MAIN = PgCatalog.CATALOG + ".main.";
  private static final String INFO = PgCatalog.CATALOG + ".info_schema.";
  /** Longer statements are data, not catalog queries: they are left alone. */
  private static final int MAX_LENGTH = 1 << 20;
  private static final Pattern TRIGGER = Pattern.compile("pg_catalog|information_schema|public"
      + "|::|operator|collate|~|user|current_|session_|cast|string_to_array",
      Pattern.CASE_INSENSITIVE);
  private static final Set<String> TEXT_TYPES = Set.of("text", "varchar", "name");
  private static final Set<String> REG_TYPES = Set.of("regclass", "regtype", "regproc",
      "regprocedure", "regnamespace", "regrole");
  private static final Map<String, String> SESSION_KEYWORDS = Map.of(
      "current_user", "pg_session_user()", "session_user", "pg_session_user()",
      "user", "pg_session_user()", "current_role", "pg_session_user()",
      "current_schema", "current_schema()", "current_catalog", "current_database()");
  /** Functions DuckDB's parser handles itself, so the catalog's must be named in full. */
  private static final Set<String> QUALIFIED_FUNCTIONS = Set.of("current_setting", "set_config",
      "current_schema", "current_schemas", "current_database");
  private static final Set<String> KEYWORDS_BEFORE_PARENTHESIS = Set.of("select", "where", "and",
      "or", "on", "when", "then", "else", "in", "by", "as", "from", "join", "not", "case", "is",
      "like", "between", "having", "set", "values", "return", "using", "with");
  private static final Set<String> COLLATIONS = Set.of("default", "c", "posix", "ucs_basic");
  /**
   * Fragments of known client queries that DuckDB cannot bind, with an equivalent it can. psql
   * 15's \\d (describe.c, describeOneTableDetails) unnests correlated arrays in subqueries and
   * compares an array with the literal '{0}'; pgJDBC 42.7 indexes into int2vector indoption.
   */
  private static final Map<String, String> FRAGMENTS = Map.of(
      "array(select 'toast.' || x from pg_catalog.unnest(tc.reloptions) x)",
      "list_transform(tc.reloptions, x -> 'toast.' || x)",
      "pol.polroles = '{0}'", "pol.polroles = [0]",
      "where oid = any (pol.polroles)", "where list_contains(pol.polroles, oid)",
      // pgJDBC's getIndexInfo reads the sort flag from indoption, which is text here (ASC only).
      "CASE tmp.I_INDOPTION[tmp.ORDINAL_POSITION - 1] & 1::smallint", "CASE 0");

  private static final Set<String> CLAUSES_AFTER_FROM = Set.of("where", "group", "having",
      "order", "limit", "offset", "union", "intersect", "except", "window", "select",
      "returning", "on", "using", "set", "values", "qualify");
  private static final Set<String> NOT_ALIASES = Set.of("where", "join", "left", "right",
      "inner", "cross", "full", "on", "group", "order", "limit", "with", "natural", "union",
      "using", "offset", "having", "window", "lateral", "outer");

  private static final Set<String> MAIN_NAMES = new HashSet<>();
  private static final Set<String> INFO_NAMES = new HashSet<>();

  static {
    Pattern created = Pattern.compile(
        "CREATE (?:OR REPLACE )?(?:VIEW|MACRO|TABLE) (info_schema\\.)?(\\w+)", Pattern.CASE_INSENSITIVE);
    for (String script : PgCatalog.scripts()) {
      for (String statement : PgCatalog.statements(script)) {
        Matcher matcher = created.matcher(statement);
        if (matcher.lookingAt()) {
          (matcher.group(1) == null ? MAIN_NAMES : INFO_NAMES)
              .add(matcher.group(2).toLowerCase(Locale.ROOT));
        }
      }
    }
  }

  private CatalogSql(List<Token> tokens) {
    super(tokens);
  }

  /** The statement DuckDB should run for {@code sql}. */
  public static String rewrite(String sql) {
    if (sql.length() > MAX_LENGTH || !TRIGGER.matcher(sql).find()) {
      return sql;
    }
    String known = sql;
    for (Map.Entry<String, String> fragment : FRAGMENTS.entrySet()) {
      known = known.replace(fragment.getKey(), fragment.getValue());
    }
    CatalogSql rewriter = new CatalogSql(SqlTokens.tokenize(known));
    rewriter.run();
    String rewritten = rewriter.result();
    return rewritten.equals(sql) ? sql : rewritten;
  }

  private void run() {
    for (int i = 0; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      if (token.kind() == Kind.SPACE || done[i]) {
        continue;
      }
      if (token.kind() == Kind.CAST) {
        cast(i);
      } else if (token.is("operator")) {
        operator(i);
      } else if (token.is("collate")) {
        collate(i);
      } else if (token.kind() == Kind.OPERATOR) {
        regex(i);
      } else if (token.is("cast")) {
        castFunction(i);
      } else {
        name(i);
      }
    }
    setReturningAliases();
  }

  /**
   * {@code FROM string_to_array('a,b', ',') s} (Grafana's search-path query): a scalar function in
   * FROM is a one-row table in PostgreSQL, whose column is named by the alias. DuckDB takes
   * {@code unnest([string_to_array(...)]) s(s)}. generate_series and unnest in FROM are the
   * translator's SetReturningFunctions rewrite.
   */
  private void setReturningAliases() {
    boolean[] inFrom = fromClauses();
    for (int f = 0; f < tokens.size(); f++) {
      String name = tokens.get(f).identifier();
      if (!inFrom[f] || !"string_to_array".equals(name)
          || tokens.get(f).kind() != Kind.WORD || next(f) < 0 || !tokens.get(next(f)).is("(")) {
        continue;
      }
      int close = matching(next(f), "(", ")", 1);
      int alias = close < 0 ? -1 : next(close);
      if (alias >= 0 && tokens.get(alias).is("as")) {
        alias = next(alias);
      }
      String aliasName = alias < 0 ? null : tokens.get(alias).identifier();
      if (aliasName == null || NOT_ALIASES.contains(aliasName)
          || (next(alias) >= 0 && tokens.get(next(alias)).is("("))) {
        continue;
      }
      text[alias] = text[alias] + "(" + text[alias] + ")";
      text[f] = "unnest([" + text[f];
      text[close] = text[close] + "])";
    }
  }

  /** For each token: is it in a FROM list (of the query at its parenthesis depth)? */
  private boolean[] fromClauses() {
    boolean[] inFrom = new boolean[tokens.size()];
    java.util.ArrayDeque<Boolean> outer = new java.util.ArrayDeque<>();
    boolean current = false;
    for (int j = 0; j < tokens.size(); j++) {
      Token token = tokens.get(j);
      if (token.is("(")) {
        outer.push(current);
        current = false;
      } else if (token.is(")")) {
        current = !outer.isEmpty() && outer.pop();
      } else if (token.kind() == Kind.WORD) {
        String word = token.identifier();
        if (word.equals("from") || word.equals("join")) {
          current = true;
        } else if (CLAUSES_AFTER_FROM.contains(word)) {
          current = false;
        }
      }
      inFrom[j] = current;
    }
    return inFrom;
  }

  /** Schema-qualified names, public, the session keywords. */
  private void name(int i) {
    String identifier = tokens.get(i).identifier();
    if (identifier == null) {
      return;
    }
    int dot = next(i);
    boolean qualifier = dot >= 0 && tokens.get(dot).is(".");
    int before = previous(i);
    boolean qualified = before >= 0 && tokens.get(before).is(".");
    if (qualifier && next(dot) >= 0) {
      String member = tokens.get(next(dot)).identifier();
      if (identifier.equals("pg_catalog") && member != null) {
        if (MAIN_NAMES.contains(member)) {
          text[i] = MAIN.substring(0, MAIN.length() - 1);
        } else {
          blank(i, dot);
        }
      } else if (identifier.equals("information_schema") && member != null
          && INFO_NAMES.contains(member)) {
        text[i] = INFO.substring(0, INFO.length() - 1);
      } else if (identifier.equals("public") && member != null) {
        text[i] = tokens.get(i).kind() == Kind.QUOTED ? "\"main\"" : "main";
      }
      return;
    }
    if (qualified || tokens.get(i).kind() != Kind.WORD) {
      return;
    }
    boolean call = dot >= 0 && tokens.get(dot).is("(");
    if (!call && SESSION_KEYWORDS.containsKey(identifier)) {
      text[i] = MAIN + SESSION_KEYWORDS.get(identifier);
    } else if (call && QUALIFIED_FUNCTIONS.contains(identifier)) {
      text[i] = MAIN + identifier;
    }
  }

  /** OPERATOR(pg_catalog.~) → ~ */
  private void operator(int i) {
    int open = next(i);
    if (open < 0 || !tokens.get(open).is("(")) {
      return;
    }
    int op = next(open);
    if (op >= 0 && "pg_catalog".equals(tokens.get(op).identifier())
        && next(op) >= 0 && tokens.get(next(op)).is(".")) {
      op = next(next(op));
    }
    int close = op < 0 ? -1 : next(op);
    if (close < 0 || tokens.get(op).kind() != Kind.OPERATOR || !tokens.get(close).is(")")) {
      return;
    }
    String operator = tokens.get(op).text();
    blank(i, close);
    text[i] = " " + operator + " ";
    regex(i, operator, close);
  }

  /** COLLATE "C", COLLATE pg_catalog.default: DuckDB has no such collations; dropped. */
  private void collate(int i) {
    int name = next(i);
    if (name >= 0 && "pg_catalog".equals(tokens.get(name).identifier())
        && next(name) >= 0 && tokens.get(next(name)).is(".")) {
      name = next(next(name));
    }
    String collation = name < 0 ? null : tokens.get(name).identifier();
    if (collation != null && COLLATIONS.contains(collation.toLowerCase(Locale.ROOT))) {
      blank(i, name);
    }
  }

  private void regex(int i) {
    regex(i, tokens.get(i).text(), i);
  }

  /** Partial-match regular expressions: {@code operator} at {@code i}, its pattern after {@code end}. */
  private void regex(int i, String operator, int end) {
    boolean negated = operator.startsWith("!");
    boolean caseless = operator.endsWith("*");
    if (!operator.equals("~") && !operator.equals("!~") && !operator.equals("~*")
        && !operator.equals("!~*")) {
      return;
    }
    int pattern = next(end);
    String flags = caseless ? "(?is)" : "(?s)";
    text[i] = text[i].replace(operator, negated ? "!~" : "~");
    if (pattern >= 0 && tokens.get(pattern).kind() == Kind.STRING
        && tokens.get(pattern).text().startsWith("'")) {
      String body = text[pattern].substring(1, text[pattern].length() - 1);
      text[pattern] = "'" + flags + ".*(?:" + body + ").*'";
    } else if (pattern >= 0 && tokens.get(pattern).kind() == Kind.PARAMETER) {
      text[pattern] = "('" + flags + ".*(?:' || " + text[pattern] + " || ').*')";
    }
  }

  /** x::regclass and friends; ::name and ::"char". */
  private void cast(int i) {
    int type = next(i);
    if (type < 0) {
      return;
    }
    int last = type;
    if ("pg_catalog".equals(tokens.get(type).identifier()) && next(type) >= 0
        && tokens.get(next(type)).is(".") && next(next(type)) >= 0) {
      last = next(next(type));
    }
    String typeName = tokens.get(last).identifier();
    if (typeName == null) {
      return;
    }
    int operandEnd = previous(i);
    int operandStart = operandStart(i);
    if (REG_TYPES.contains(typeName) && operandStart >= 0) {
      boolean input = operandStart == operandEnd && (tokens.get(operandEnd).kind() == Kind.STRING
          || tokens.get(operandEnd).kind() == Kind.PARAMETER);
      String function = MAIN + (typeName.equals("regprocedure") ? "regproc" : typeName);
      // 'items'::regclass::text is the name again: in, then out.
      boolean printed = input && next(last) >= 0 && tokens.get(next(last)).kind() == Kind.CAST
          && next(next(last)) >= 0 && TEXT_TYPES.contains(tokens.get(next(next(last))).identifier());
      text[operandStart] = (printed ? function + "_out(" : "") + function
          + (input ? "_in(" : "_out(") + text[operandStart];
      text[i] = printed ? "))" : ")";
      blank(type, last);
    } else if (typeName.equals("name") || typeName.equals("char")) {
      blank(type, last);
      text[type] = "VARCHAR";
    }
  }

  /** CAST(x AS regclass) → regclass_in(x) or regclass_out(x). */
  private void castFunction(int i) {
    int open = next(i);
    if (open < 0 || !tokens.get(open).is("(")) {
      return;
    }
    int close = matching(open, "(", ")", 1);
    int type = close < 0 ? -1 : previous(close);
    String typeName = type < 0 ? null : tokens.get(type).identifier();
    if (typeName == null || !REG_TYPES.contains(typeName)) {
      return;
    }
    int as = previous(type);
    if (tokens.get(as).is(".")) {
      as = previous(previous(as));
    }
    if (as < 0 || !tokens.get(as).is("as")) {
      return;
    }
    int operand = next(open);
    boolean input = previous(as) == operand && (tokens.get(operand).kind() == Kind.STRING
        || tokens.get(operand).kind() == Kind.PARAMETER);
    String function = typeName.equals("regprocedure") ? "regproc" : typeName;
    text[i] = MAIN + function + (input ? "_in" : "_out");
    blank(as, type);
  }

  /** Start of the expression a "::" at {@code cast} applies to ("::" binds tightest). */
  private int operandStart(int cast) {
    int j = previous(cast);
    while (j >= 0) {
      Token token = tokens.get(j);
      int start;
      if (token.is(")")) {
        int open = matching(j, ")", "(", -1);
        if (open < 0) {
          return -1;
        }
        start = open;
        int function = previous(open);
        if (function >= 0 && tokens.get(function).identifier() != null
            && !KEYWORDS_BEFORE_PARENTHESIS.contains(tokens.get(function).identifier())) {
          start = qualifiedStart(function);
        }
      } else if (token.is("]")) {
        int open = matching(j, "]", "[", -1);
        if (open < 0) {
          return -1;
        }
        j = previous(open);
        continue;
      } else if (token.identifier() != null) {
        start = qualifiedStart(j);
      } else if (token.kind() == Kind.STRING || token.kind() == Kind.NUMBER
          || token.kind() == Kind.PARAMETER) {
        start = j;
      } else {
        return -1;
      }
      int before = previous(start);
      if (before >= 0 && tokens.get(before).kind() == Kind.CAST) {
        j = previous(before);
        continue;
      }
      return start;
    }
    return -1;
  }
}
