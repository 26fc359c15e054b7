package io.duckgres.engine.sql.translate;

import io.duckgres.engine.sql.translate.SqlTokens.Kind;
import io.duckgres.engine.sql.translate.SqlTokens.Token;
import java.util.List;

/**
 * DuckDB has one JSON type, {@code json}; PostgreSQL also has {@code jsonb}, its parsed form,
 * which clients use as much as json. The type name jsonb is rewritten to json where it names a
 * type: after {@code ::}, after AS in {@code CAST(x AS jsonb)}, after a column name in a column
 * definition and after TYPE in {@code ALTER COLUMN c TYPE jsonb}. jsonb's own text form (keys
 * sorted, duplicates dropped, one space after : and ,) is given before, by the tree transform
 * JsonTextForms, to values that pass through {@code ::jsonb} or a jsonb function; a value stored
 * into a jsonb column without one keeps its text. PostgreSQL documentation: section 8.14, "JSON
 * Types".
 */
final class JsonbTypes implements Rewrite {
  @Override
  public String apply(String sql) {
    if (!SqlTokens.mentions(sql, "jsonb")) {
      return sql;
    }
    List<Token> tokens = SqlTokens.tokenize(sql);
    StringBuilder out = null;
    int copied = 0;
    for (int i = 0; i < tokens.size(); i++) {
      if (!tokens.get(i).isWord("jsonb") || !namesType(tokens, i)) {
        continue;
      }
      if (out == null) {
        out = new StringBuilder(sql.length());
      }
      out.append(sql, copied, tokens.get(i).start()).append("json");
      copied = tokens.get(i).end();
    }
    if (out == null) {
      return sql;
    }
    return out.append(sql, copied, sql.length()).toString();
  }

  private static boolean namesType(List<Token> tokens, int i) {
    int before = SqlTokens.previous(tokens, i);
    int after = SqlTokens.next(tokens, i);
    if (before < 0) {
      return false;
    }
    Token previous = tokens.get(before);
    Token next = after < tokens.size() ? tokens.get(after) : null;
    if (next != null && (next.is("(") || next.is("."))) {
      return false; // a function such as jsonb(…) or a qualifier jsonb.x
    }
    if (previous.kind() == Kind.CAST || previous.isWord("type")) {
      return true;
    }
    if (previous.isWord("as")) {
      // CAST(x AS jsonb), not the alias in SELECT x AS jsonb.
      return next != null && (next.is(")") || next.is("["));
    }
    // A column definition: "name jsonb" followed by the end of the definition or a constraint.
    if (previous.kind() != Kind.WORD && previous.kind() != Kind.QUOTED) {
      return false;
    }
    int beforeName = SqlTokens.previous(tokens, before);
    if (beforeName < 0 || !(tokens.get(beforeName).is("(") || tokens.get(beforeName).is(",")
        || tokens.get(beforeName).isWord("column") || tokens.get(beforeName).isWord("add"))) {
      return false;
    }
    return next == null || next.is(",") || next.is(")") || next.is("[") || next.is(";")
        || next.isWord("not") || next.isWord("null") || next.isWord("default")
        || next.isWord("primary") || next.isWord("unique") || next.isWord("check")
        || next.isWord("references") || next.isWord("constraint") || next.isWord("collate")
        || next.isWord("generated");
  }
}
