package io.duckgres.engine.sql.transform;

import static io.duckgres.engine.sql.transform.TransformAssert.transformed;
import static org.assertj.core.api.Assertions.assertThat;

import io.duckgres.engine.sql.translate.Translator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArrayLiteralsTest {
  private final ArrayLiterals arrays = new ArrayLiterals();

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "select '{1,2,NULL}'::int4[]|SELECT ARRAY['1', '2', NULL]::int4[]",
      "select '{\"a b\",\"it''s\", \"NULL\", \"x\\\\y\"}'::text[]"
          + "|SELECT ARRAY['a b', 'it''s', 'NULL', E'x\\\\y']::text[]",
      "select '{}'::integer[], '{{1,2},{3,4}}'::int[][]"
          + "|SELECT ARRAY[]::int[], ARRAY[ARRAY['1', '2'], ARRAY['3', '4']]::int[][]",
      "insert into t values (E'{\"a\\\\\"b\"}'::text[])|INSERT INTO t VALUES (ARRAY['a\"b']::text[])",
      // kept: not an array type, not a literal of braces, a literal PostgreSQL would refuse
      "select '{1}'::text, '[1,2]'::int[], '{1'::int[]|SELECT '{1}'::text, '[1,2]'::int[], '{1'::int[]",
  })
  void literalsBecomeArraysOfStrings(String postgres, String duckdb) {
    assertThat(transformed(arrays, postgres)).isEqualTo(duckdb);
  }

  @Test
  void untypedArrayOperandsOfAnyAreTextArrays() {
    assertThat(transformed(new ArrayLiteralOperands(), "select x = ANY('{r,p,\"\"}') from t"))
        .isEqualTo("SELECT x = ANY(ARRAY['r', 'p', '']::text[]) FROM t");
  }

  @Test
  void duckDbGetsPostgresElements() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(Translator.translate("select '{1,NULL,3}'::int[],"
            + " '{\"x\\\\y\",\"q''t\", \" z \"}'::text[], '{{1,2},{3,4}}'::int[][],"
            + " '{t,f}'::bool[], 'r' = ANY('{r,v}'), '{}'::int[]"))) {
      rs.next();
      assertThat((Object[]) rs.getArray(1).getArray()).containsExactly(1, null, 3);
      assertThat((Object[]) rs.getArray(2).getArray()).containsExactly("x\\y", "q't", " z ");
      assertThat(rs.getString(3)).isEqualTo("[[1, 2], [3, 4]]");
      assertThat((Object[]) rs.getArray(4).getArray()).containsExactly(true, false);
      assertThat(rs.getBoolean(5)).isTrue();
      assertThat((Object[]) rs.getArray(6).getArray()).isEmpty();
    }
  }

  @Test
  void aTypedPathOfJsonbExtractionIsStillAPointer() {
    String sql = "select j #> '{a,2}'::text[], j #>> ARRAY['b', 'c'] from t";
    assertThat(TreeTransforms.apply(io.duckgres.engine.sql.parse.SqlParser.parse(sql)
        .getStmtsList(), sql))
        .contains("json_extract(j, '/a/2')", "json_extract_string(j, '/b/c')");
  }
}
