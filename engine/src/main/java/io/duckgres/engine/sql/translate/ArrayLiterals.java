package io.duckgres.engine.sql.translate;

import io.duckgres.engine.copy.DuckDbLiterals;
import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.types.PgArrayType;
import io.duckgres.pgwire.types.TextType;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code '{1,2,NULL}'::int[]} is PostgreSQL's array literal (what drivers inline for arrays);
 * DuckDB's cast from text to a list reads {@code [1, 2, NULL]}. The literal is re-spelled in
 * DuckDB's list syntax and keeps its cast.
 */
final class ArrayLiterals implements Rewrite {
  private static final PgArrayType TEXT_ARRAY = new PgArrayType(TextType.TEXT);

  @Override
  public String apply(String sql) {
    if (sql.indexOf("'{") < 0) {
      return sql;
    }
    return Literals.rewrite(sql, literal -> {
      if (!literal.type().endsWith("[]") || !literal.value().startsWith("{")) {
        return null;
      }
      byte[] bytes = literal.value().getBytes(StandardCharsets.UTF_8);
      List<?> items;
      try {
        items = TEXT_ARRAY.readText(Unpooled.wrappedBuffer(bytes), bytes.length);
      } catch (PgException malformed) {
        return null;
      }
      return Literals.quote(DuckDbLiterals.list(items)) + "::" + literal.type();
    });
  }
}
