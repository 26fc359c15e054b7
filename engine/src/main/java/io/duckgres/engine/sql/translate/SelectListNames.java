package io.duckgres.engine.sql.translate;

import io.duckgres.engine.sql.translate.SqlTokens.Kind;
import io.duckgres.engine.sql.translate.SqlTokens.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The result column names PostgreSQL gives a statement, read from its select list (or RETURNING
 * list, or VALUES) the way PostgreSQL's FigureColname does: an alias as written (unquoted ones in
 * lower case); a column reference its last name; a function call, aggregate or window function
 * its function's name; a cast its operand's name when that is a column or a call, else the type's
 * name ({@code 1::text} is "text", {@code 1::integer} "int4"); ARRAY[...] "array", CASE "case"
 * (or its ELSE column's name), a scalar subquery its own first column's name; anything else
 * "?column?". DuckDB names such columns after the expression's text instead.
 *
 * <p>Returns null when the list cannot be read with confidence (a {@code *}, DuckDB's own syntax,
 * an unbalanced text): the caller then keeps DuckDB's names.
 */
public final class SelectListNames {
  private static final String UNNAMED = "?column?";
  /** Words that end a select list at the top level. */
  private static final Set<String> LIST_END = Set.of("from", "where", "group", "having", "window",
      "order", "limit", "offset", "fetch", "union", "intersect", "except", "into", "for",
      "qualify", "returning", "on");
  /** Keywords that can never be a bare alias (the word before them is no column name either). */
  private static final Set<String> NOT_ALIAS = Set.of("end", "null", "true", "false", "and", "or",
      "not", "is", "in", "between", "like", "ilike", "similar", "escape", "distinct", "else",
      "then", "when", "case", "unknown", "isnull", "notnull", "collate", "zone", "asc", "desc",
      "all", "any", "some", "array", "row", "exists", "select", "as", "over", "filter",
      "precision", "varying", "with", "without", "time");
  /** Keywords that end a value, so a word after them is an alias: {@code true k}, {@code END k}. */
  private static final Set<String> VALUE_END = Set.of("true", "false", "null", "unknown", "end",
      "isnull", "notnull");
  /** PostgreSQL's internal names of the SQL-standard type spellings (the grammar maps them). */
  private static final Map<String, String> TYPE_NAMES = Map.ofEntries(
      Map.entry("int", "int4"), Map.entry("integer", "int4"), Map.entry("smallint", "int2"),
      Map.entry("bigint", "int8"), Map.entry("real", "float4"), Map.entry("float", "float8"),
      Map.entry("double", "float8"), Map.entry("boolean", "bool"), Map.entry("decimal", "numeric"),
      Map.entry("dec", "numeric"), Map.entry("char", "bpchar"), Map.entry("character", "bpchar"),
      Map.entry("nchar", "bpchar"));

  private SelectListNames() {}

  /** The names of {@code sql}'s result columns, or null when they cannot be told from the text. */
  public static List<String> of(String sql) {
    List<Token> tokens = new ArrayList<>();
    for (Token token : SqlTokens.tokenize(sql)) {
      if (token.kind() != Kind.SPACE) {
        tokens.add(token);
      }
    }
    try {
      return new Reader(tokens).statement();
    } catch (RuntimeException unreadable) {
      // Unbalanced or unexpected text: DuckDB's names stay (and DuckDB reports any error).
      return null;
    }
  }

  /** A name and how sure PostgreSQL is of it (FigureColnameInternal's strength: 0, 1 or 2). */
  private record Name(String name, int strength) {
    static final Name NONE = new Name(UNNAMED, 0);
  }

  private static final class Reader {
    private final List<Token> tokens;

    Reader(List<Token> tokens) {
      this.tokens = tokens;
    }

    List<String> statement() {
      int i = 0;
      while (i < tokens.size() && tokens.get(i).is("(")) {
        i++;
      }
      if (i < tokens.size() && tokens.get(i).isWord("with")) {
        i = afterWith(i + 1);
      }
      if (i >= tokens.size()) {
        return null;
      }
      Token first = tokens.get(i);
      if (first.isWord("select")) {
        return selectList(i + 1);
      }
      if (first.isWord("values")) {
        return valuesNames(i + 1);
      }
      if (first.isWord("insert") || first.isWord("update") || first.isWord("delete")) {
        int returning = topLevelWord(i + 1, "returning");
        return returning < 0 ? null : items(returning + 1);
      }
      return null;
    }

    /** Skips WITH's common table expressions: the index of the statement after them. */
    private int afterWith(int i) {
      if (i < tokens.size() && tokens.get(i).isWord("recursive")) {
        i++;
      }
      while (i < tokens.size()) {
        i++; // the name
        if (i < tokens.size() && tokens.get(i).is("(")) {
          i = close(i) + 1;
        }
        if (i >= tokens.size() || !tokens.get(i).isWord("as")) {
          throw new IllegalStateException("unexpected WITH");
        }
        i++;
        while (i < tokens.size() && (tokens.get(i).isWord("not")
            || tokens.get(i).isWord("materialized"))) {
          i++;
        }
        i = close(i) + 1;
        if (i < tokens.size() && tokens.get(i).is(",")) {
          i++;
        } else {
          return i;
        }
      }
      return i;
    }

    private List<String> selectList(int i) {
      if (i < tokens.size() && tokens.get(i).isWord("distinct")) {
        i++;
        if (i < tokens.size() && tokens.get(i).isWord("on")) {
          i = close(i + 1) + 1;
        }
      } else if (i < tokens.size() && tokens.get(i).isWord("all")) {
        i++;
      }
      return items(i);
    }

    /** VALUES (a, b), ...: PostgreSQL names the columns column1, column2, ... */
    private List<String> valuesNames(int i) {
      if (i >= tokens.size() || !tokens.get(i).is("(")) {
        return null;
      }
      int end = close(i);
      int count = splitTopLevel(i + 1, end).size();
      List<String> names = new ArrayList<>(count);
      for (int c = 1; c <= count; c++) {
        names.add("column" + c);
      }
      return names;
    }

    /** The names of the comma-separated items from {@code i} to the list's end. */
    private List<String> items(int i) {
      int end = i;
      int depth = 0;
      while (end < tokens.size()) {
        Token token = tokens.get(end);
        if (token.is("(") || token.is("[")) {
          depth++;
        } else if (token.is(")") || token.is("]")) {
          if (depth == 0) {
            break;
          }
          depth--;
        } else if (depth == 0 && (token.is(";")
            || (token.kind() == Kind.WORD && LIST_END.contains(token.word())
                && !(token.isWord("group") && tokens.get(end - 1).isWord("within"))))) {
          break;
        }
        end++;
      }
      List<String> names = new ArrayList<>();
      for (int[] item : splitTopLevel(i, end)) {
        String name = item(item[0], item[1]);
        if (name == null) {
          return null;
        }
        names.add(name);
      }
      return names.isEmpty() ? null : names;
    }

    /** One select-list item: its alias, or the name of its expression; null for a star. */
    private String item(int from, int to) {
      if (from >= to) {
        throw new IllegalStateException("empty item");
      }
      Token last = tokens.get(to - 1);
      if (to - from >= 2 && tokens.get(to - 2).isWord("as")) {
        return alias(last);
      }
      if (to - from >= 2 && isBareAlias(tokens.get(to - 2), last)) {
        return alias(last);
      }
      if (last.is("*") || tokens.get(from).is("*") || tokens.get(from).isWord("columns")) {
        return null; // a star (DuckDB's * EXCLUDE, COLUMNS(...)) expands to columns of its own
      }
      return expression(from, to).name();
    }

    private static boolean isBareAlias(Token before, Token last) {
      boolean aliasLike = last.kind() == Kind.QUOTED
          || (last.kind() == Kind.WORD && !NOT_ALIAS.contains(last.word()));
      if (!aliasLike) {
        return false;
      }
      return before.is(")") || before.is("]") || before.kind() == Kind.NUMBER
          || before.kind() == Kind.STRING || before.kind() == Kind.QUOTED
          || before.kind() == Kind.PARAMETER
          || (before.kind() == Kind.WORD && (VALUE_END.contains(before.word())
              || (!NOT_ALIAS.contains(before.word()) && !before.isWord("as"))));
    }

    private static String alias(Token token) {
      return identifier(token);
    }

    private static String identifier(Token token) {
      if (token.kind() == Kind.QUOTED) {
        String text = token.text();
        return text.substring(1, text.length() - 1).replace("\"\"", "\"");
      }
      return token.text().toLowerCase(Locale.ROOT);
    }

    /** FigureColnameInternal over tokens [from, to). */
    private Name expression(int from, int to) {
      // Parentheses that wrap the whole expression make no node of their own.
      while (to - from >= 2 && tokens.get(from).is("(") && close(from) == to - 1) {
        if (from + 1 < to && tokens.get(from + 1).isWord("select")) {
          List<String> inner = new Reader(tokens.subList(from + 1, to - 1)).selectList(1);
          return inner == null || inner.isEmpty() ? Name.NONE : new Name(inner.get(0), 2);
        }
        from++;
        to--;
      }
      if (tokens.get(from).isWord("case") && caseEnd(from) == to - 1) {
        return caseName(from, to);
      }
      // The last top-level "::" casts everything before it (it binds tighter than any operator,
      // so an operator anywhere else at the top level makes the whole an operator expression).
      int cast = -1;
      boolean atTimeZone = false;
      for (int i = from; i < to; i++) {
        Token token = tokens.get(i);
        if (token.is("(") || token.is("[")) {
          i = close(i);
        } else if (token.isWord("case")) {
          i = caseEnd(i);
        } else if (token.kind() == Kind.CAST) {
          cast = i;
        } else if (token.isWord("at") && i + 2 < to && tokens.get(i + 1).isWord("time")
            && tokens.get(i + 2).isWord("zone")) {
          // x AT TIME ZONE z is the function timezone(z, x) in PostgreSQL's grammar.
          atTimeZone = true;
          i += 2;
        } else if (token.isWord("overlaps")) {
          // (a, b) OVERLAPS (c, d) is the function overlaps(a, b, c, d).
          return new Name("overlaps", 2);
        } else if (token.kind() == Kind.OPERATOR
            || (isOperatorWord(token) && !(i + 1 < to && tokens.get(i + 1).is(".")))) {
          // A keyword before "." is a qualifier (pg_dump's alias at in at.attname).
          return Name.NONE;
        }
      }
      if (atTimeZone) {
        return new Name("timezone", 2);
      }
      if (cast >= 0) {
        return castName(expression(from, cast), cast + 1, to);
      }
      return primary(from, to);
    }

    private static boolean isOperatorWord(Token token) {
      if (token.kind() != Kind.WORD) {
        return false;
      }
      return switch (token.word()) {
        case "and", "or", "not", "is", "in", "between", "like", "ilike", "similar", "isnull",
            "notnull", "at", "collate", "escape", "overlaps", "from" -> true;
        default -> false;
      };
    }

    private Name castName(Name operand, int typeFrom, int typeTo) {
      if (operand.strength() > 1) {
        return operand;
      }
      return new Name(typeName(typeFrom, typeTo), 1);
    }

    /** The last name of a type as PostgreSQL's grammar stores it (int → int4). */
    private String typeName(int from, int to) {
      int end = from;
      while (end < to && (tokens.get(end).kind() == Kind.WORD
          || tokens.get(end).kind() == Kind.QUOTED || tokens.get(end).is("."))) {
        end++;
      }
      if (end == from) {
        throw new IllegalStateException("no type name");
      }
      Token first = tokens.get(from);
      String word = first.word();
      if (word != null && end - from >= 2) {
        String second = tokens.get(from + 1).word();
        if (word.equals("double") && "precision".equals(second)) {
          return "float8";
        }
        if ((word.equals("character") || word.equals("char")) && "varying".equals(second)) {
          return "varchar";
        }
        if (word.equals("timestamp") || word.equals("time")) {
          boolean withZone = end - from >= 3 && "with".equals(second);
          return withZone ? word + "tz" : word;
        }
      }
      if (word != null && word.equals("float") && from + 2 < to && tokens.get(from + 1).is("(")
          && tokens.get(from + 2).kind() == Kind.NUMBER) {
        return Integer.parseInt(tokens.get(from + 2).text()) <= 24 ? "float4" : "float8";
      }
      Token lastName = tokens.get(end - 1);
      String name = identifier(lastName);
      if (end - from == 1 && lastName.kind() == Kind.WORD) {
        return TYPE_NAMES.getOrDefault(name, name);
      }
      return name;
    }

    /** A column reference, function call, constant or special form, with no operator. */
    private Name primary(int from, int to) {
      Token first = tokens.get(from);
      // Subscripts and field selection: x[1] is named after x, (x).f after f.
      Token last = tokens.get(to - 1);
      if (last.is("]")) {
        int open = opening(to - 1);
        if (open > from) {
          return expression(from, open);
        }
      }
      if (first.kind() == Kind.STRING || first.kind() == Kind.NUMBER
          || first.kind() == Kind.PARAMETER) {
        return Name.NONE;
      }
      if (first.kind() == Kind.WORD && to - from == 2 && tokens.get(from + 1).kind() == Kind.STRING
          && !first.isWord("u")) {
        // A typed constant: date '2020-01-01', interval '1 day'.
        return new Name(typeName(from, from + 1), 1);
      }
      String word = first.word();
      if (word != null && to - from == 1) {
        switch (word) {
          case "true", "false":
            return new Name("bool", 1);
          case "null":
            return Name.NONE;
          default:
            // A column, or CURRENT_DATE and the other value functions: named by the word.
            return new Name(word, 2);
        }
      }
      if (first.kind() == Kind.QUOTED && to - from == 1) {
        return new Name(identifier(first), 2);
      }
      if (word != null && word.equals("case")) {
        return caseName(from, to);
      }
      if (word != null && word.equals("array")) {
        return new Name("array", 2);
      }
      if (word != null && word.equals("exists")) {
        return new Name("exists", 2);
      }
      if (word != null && word.equals("row") && from + 1 < to && tokens.get(from + 1).is("(")) {
        return new Name("row", 2);
      }
      // name(.name)* followed by (...) [WITHIN GROUP (...)] [FILTER (...)] [OVER ...]
      int i = from;
      String name = null;
      while (i < to && (tokens.get(i).kind() == Kind.WORD || tokens.get(i).kind() == Kind.QUOTED)) {
        name = identifier(tokens.get(i));
        if (i + 1 < to && tokens.get(i + 1).is(".")) {
          i += 2;
        } else {
          i++;
          break;
        }
      }
      if (name == null) {
        return Name.NONE;
      }
      if (i == to) {
        return new Name(name, 2); // a qualified column: t.c
      }
      if (!tokens.get(i).is("(")) {
        return Name.NONE;
      }
      int close = close(i);
      if (name.equals("cast") && tokens.get(from).kind() == Kind.WORD && close == to - 1) {
        int as = topLevelWord(i + 1, "as");
        if (as < 0 || as > close) {
          return Name.NONE;
        }
        return castName(expression(i + 1, as), as + 1, close);
      }
      if (name.equals("trim") && tokens.get(from).kind() == Kind.WORD) {
        Token mode = i + 1 < close ? tokens.get(i + 1) : null;
        name = mode != null && mode.isWord("leading") ? "ltrim"
            : mode != null && mode.isWord("trailing") ? "rtrim" : "btrim";
      }
      int j = close + 1;
      while (j < to) {
        Token clause = tokens.get(j);
        if ((clause.isWord("filter") || clause.isWord("over")) && j + 1 < to
            && tokens.get(j + 1).is("(")) {
          j = close(j + 1) + 1;
        } else if (clause.isWord("over") && j + 1 < to) {
          j += 2;
        } else if (clause.isWord("within") && j + 2 < to && tokens.get(j + 2).is("(")) {
          j = close(j + 2) + 1;
        } else {
          return Name.NONE;
        }
      }
      return new Name(name, 2);
    }

    /** The index of the END that closes the CASE at {@code at}. */
    private int caseEnd(int at) {
      int depth = 0;
      for (int i = at; i < tokens.size(); i++) {
        Token token = tokens.get(i);
        if (token.is("(") || token.is("[")) {
          i = close(i);
        } else if (token.isWord("case")) {
          depth++;
        } else if (token.isWord("end")) {
          depth--;
          if (depth == 0) {
            return i;
          }
        }
      }
      throw new IllegalStateException("unbalanced CASE");
    }

    /** CASE: named after its ELSE result when that has a strong name, else "case". */
    private Name caseName(int from, int to) {
      if (!tokens.get(to - 1).isWord("end")) {
        return Name.NONE;
      }
      int depth = 0;
      int elseAt = -1;
      for (int i = from + 1; i < to - 1; i++) {
        Token token = tokens.get(i);
        if (token.is("(") || token.is("[")) {
          i = close(i);
        } else if (token.isWord("case")) {
          depth++;
        } else if (token.isWord("end")) {
          depth--;
        } else if (depth == 0 && token.isWord("else")) {
          elseAt = i;
        }
      }
      if (elseAt >= 0) {
        Name otherwise = expression(elseAt + 1, to - 1);
        if (otherwise.strength() > 1) {
          return otherwise;
        }
      }
      return new Name("case", 1);
    }

    private List<int[]> splitTopLevel(int from, int to) {
      List<int[]> parts = new ArrayList<>();
      int start = from;
      for (int i = from; i < to; i++) {
        Token token = tokens.get(i);
        if (token.is("(") || token.is("[")) {
          i = close(i);
        } else if (token.is(",")) {
          parts.add(new int[] {start, i});
          start = i + 1;
        }
      }
      if (start < to) {
        parts.add(new int[] {start, to});
      }
      return parts;
    }

    /** The first top-level occurrence of {@code word} from {@code i}, or -1. */
    private int topLevelWord(int i, String word) {
      for (; i < tokens.size(); i++) {
        Token token = tokens.get(i);
        if (token.is("(") || token.is("[")) {
          i = close(i);
        } else if (token.is(")")) {
          return -1;
        } else if (token.isWord(word)) {
          return i;
        }
      }
      return -1;
    }

    /** The index of the bracket closing the one at {@code open}. */
    private int close(int open) {
      int depth = 0;
      for (int i = open; i < tokens.size(); i++) {
        Token token = tokens.get(i);
        if (token.is("(") || token.is("[")) {
          depth++;
        } else if (token.is(")") || token.is("]")) {
          depth--;
          if (depth == 0) {
            return i;
          }
        }
      }
      throw new IllegalStateException("unbalanced");
    }

    /** The index of the bracket opening the one that closes at {@code closeAt}. */
    private int opening(int closeAt) {
      int depth = 0;
      for (int i = closeAt; i >= 0; i--) {
        Token token = tokens.get(i);
        if (token.is(")") || token.is("]")) {
          depth++;
        } else if (token.is("(") || token.is("[")) {
          depth--;
          if (depth == 0) {
            return i;
          }
        }
      }
      throw new IllegalStateException("unbalanced");
    }
  }
}
