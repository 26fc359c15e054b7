package io.duckgres.engine.sql.translate;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TranslatorTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      // untouched: other literals, comments, quoted identifiers, dollar quotes, DuckDB syntax
      "select '\\x01'::varchar|select '\\x01'::varchar",
      "select '{1}' -- '{2}'::int[]|select '{1}' -- '{2}'::int[]",
      "select $$'{1}'::int[]$$|select $$'{1}'::int[]$$",
      "from t select [1, 2]|from t select [1, 2]",
  })
  void rewrites(String postgres, String duckdb) {
    assertThat(Translator.translate(postgres)).isEqualTo(duckdb);
  }

  @Test
  void unchangedInputIsTheSameInstance() {
    String sql = "select a, b from t where c = 'x'";
    assertThat(Translator.translate(sql)).isSameAs(sql);
  }

  @Test
  void translatedLiteralsMeanWhatPostgresMeans() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(Translator.translate(
            "select '\\x00ff'::bytea, '{1,NULL,3}'::int[], '{\"x\\\\y\",\"q''t\"}'::text[]"))) {
      rs.next();
      assertThat(rs.getBytes(1)).containsExactly(0, 0xff);
      assertThat((Object[]) rs.getArray(2).getArray()).containsExactly(1, null, 3);
      assertThat((Object[]) rs.getArray(3).getArray()).containsExactly("x\\y", "q't");
    }
  }
}
