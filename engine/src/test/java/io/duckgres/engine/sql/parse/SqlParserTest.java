package io.duckgres.engine.sql.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duckgres.engine.sql.parse.tree.PgQuery.ParseResult;
import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import org.junit.jupiter.api.Test;

class SqlParserTest {

  @Test
  void parsesAndPrintsPostgresText() {
    ParseResult tree = SqlParser.parse(
        "select a / b, x::numeric from t where s like 'a%' order by 1 desc nulls last");
    assertThat(tree.getStmtsCount()).isEqualTo(1);
    assertThat(tree.getStmts(0).getStmt().hasSelectStmt()).isTrue();
    assertThat(SqlParser.deparse(tree)).isEqualTo(
        "SELECT a / b, x::numeric FROM t WHERE s LIKE 'a%' ORDER BY 1 DESC NULLS LAST");
  }

  @Test
  void severalStatementsAndNone() {
    assertThat(SqlParser.parse("begin; select 1; commit").getStmtsCount()).isEqualTo(3);
    assertThat(SqlParser.parse("  -- nothing\n").getStmtsCount()).isZero();
  }

  @Test
  void syntaxErrorIsPostgresOwnWithPosition() {
    assertThatThrownBy(() -> SqlParser.parse("select 1 frm t"))
        .isInstanceOfSatisfying(PgException.class, e -> {
          assertThat(e.sqlState()).isEqualTo(SqlState.SYNTAX_ERROR);
          assertThat(e.getMessage()).isEqualTo("syntax error at or near \"t\"");
          assertThat(e.position()).isEqualTo(14);
        });
  }

  @Test
  void positionCountsCharactersNotBytes() {
    assertThatThrownBy(() -> SqlParser.parse("select 'ß€' frm t"))
        .isInstanceOfSatisfying(PgException.class,
            e -> assertThat(e.position()).isEqualTo(17));
  }
}
