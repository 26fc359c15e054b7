package io.duckgres.engine.sql.transform;

import static io.duckgres.engine.sql.transform.TransformAssert.transformed;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class LikeEscapeCallsTest {
  private final LikeEscapeCalls escapes = new LikeEscapeCalls();

  @Test
  void escapeClausesBecomeDuckDbCalls() {
    assertThat(transformed(escapes, "select s like 'a!_c' escape '!', s not like 'x' escape '#',"
        + " s ilike 'A!_%' escape '!', s not ilike 'q' escape '!', s like 'plain' from t"))
        .isEqualTo("SELECT like_escape(s, 'a!_c', '!'), not_like_escape(s, 'x', '#'),"
            + " ilike_escape(s, 'A!_%', '!'), not_ilike_escape(s, 'q', '!'), s LIKE 'plain'"
            + " FROM t");
  }

  @Test
  void duckDbAnswersAsPostgresDoes() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(transformed(escapes,
            "select 'a_c' like 'a!_c' escape '!', 'abc' like 'a!_c' escape '!',"
                + " 'ABC' not ilike 'a!_c' escape '!'"))) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getBoolean(1)).isTrue();
      assertThat(rows.getBoolean(2)).isFalse();
      assertThat(rows.getBoolean(3)).isTrue();
    }
  }
}
