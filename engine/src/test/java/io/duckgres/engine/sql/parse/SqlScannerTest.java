package io.duckgres.engine.sql.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.duckgres.pgwire.PgException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlScannerTest {
  @Test
  void tokensOfATextTheGrammarRejects() {
    String sql = "FROM \"Tbl\" SELECT x -- note\n WHERE y = 'a;b'; use db";
    List<String> texts = SqlScanner.scan(sql).stream().map(token -> token.text(sql)).toList();
    assertThat(texts).containsExactly("FROM", "\"Tbl\"", "SELECT", "x", "-- note", "WHERE", "y",
        "=", "'a;b'", ";", "use", "db");
    SqlScanner.Token quoted = SqlScanner.scan(sql).get(1);
    assertThat(quoted.isWord()).isTrue();
    assertThat(SqlScanner.scan(sql).get(4).isComment()).isTrue();
    assertThat(SqlScanner.scan(sql).get(9).kind()).isEqualTo(SqlScanner.SEMICOLON);
  }

  @Test
  void placesAreCharactersAlsoAfterMultiByteText() {
    String sql = "select 'äö😀', U&\"d\\0061t\" ,$1";
    List<String> texts = SqlScanner.scan(sql).stream().map(token -> token.text(sql)).toList();
    assertThat(texts).containsExactly("select", "'äö😀'", ",", "U&\"d\\0061t\"", ",", "$1");
  }

  @Test
  void anUnterminatedQuoteIsPostgresqlsSyntaxError() {
    PgException error = catchThrowableOfType(PgException.class,
        () -> SqlScanner.scan("select 'abc"));
    assertThat(error.sqlState().code()).isEqualTo("42601");
    assertThat(error.getMessage()).contains("unterminated");
  }

  @Test
  void normalizesAsPgStatStatementsOrSaysItCannot() {
    assertThat(SqlScanner.normalize("select * from t where a = 1 and b = 'x'"))
        .isEqualTo("select * from t where a = $1 and b = $2");
    assertThat(SqlScanner.normalize("from t where a = 1")).isNull();
  }
}
