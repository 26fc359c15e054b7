package io.duckgres.engine.sql.transform;

import static io.duckgres.engine.sql.transform.TransformAssert.transformed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class NumericTypesTest {
  private final NumericTypes numeric = new NumericTypes();

  @Test
  void bareColumnsAndCastsOfExpressionsAreDecimal38Scale10() {
    assertThat(transformed(numeric, "create table t (x numeric, y decimal, z numeric(10,2), a numeric[])"))
        .isEqualTo("CREATE TABLE t (x numeric(38, 10), y numeric(38, 10), z numeric(10, 2),"
            + " a numeric(38, 10)[])");
    assertThat(transformed(numeric, "select x::numeric, cast(y as decimal) from t"))
        .isEqualTo("SELECT x::numeric(38, 10), y::numeric(38, 10) FROM t");
    assertThat(transformed(numeric, "alter table t alter column x type numeric"))
        .isEqualTo("ALTER TABLE t ALTER COLUMN x TYPE numeric(38, 10)");
  }

  @Test
  void castsOfConstantsKeepTheConstantsDigits() {
    assertThat(transformed(numeric, "select round(1.2345::numeric, 2), 123::numeric,"
        + " '0.000123'::numeric, 123456789012345678901234::numeric, -2.50::numeric"))
        .isEqualTo("SELECT round((1.2345)::numeric(5, 4), 2), 123::numeric(3, 0),"
            + " '0.000123'::numeric(6, 6), (123456789012345678901234)::numeric(24, 0),"
            + " - (2.50)::numeric(3, 2)");
  }

  @Test
  void otherTypesAreUntouched() {
    String sql = "select 1::int, 'a'::text, 2.5::float8, x::numeric(12,3) from t";
    assertThat(transformed(numeric, sql))
        .isEqualTo("SELECT 1::int, 'a'::text, (2.5)::float8, x::numeric(12, 3) FROM t");
  }

  @Test
  void moreThan38DigitsIsRefusedWith22003() {
    assertThatThrownBy(() -> transformed(numeric, "create table t (x numeric(40, 2))"))
        .isInstanceOfSatisfying(PgException.class, e -> {
          assertThat(e.sqlState()).isEqualTo(SqlState.NUMERIC_VALUE_OUT_OF_RANGE);
          assertThat(e.getMessage()).contains("numeric precision 40", "38");
        });
    assertThatThrownBy(() -> transformed(numeric,
        "select 123456789012345678901234567890123456789.5"))
        .isInstanceOfSatisfying(PgException.class, e -> {
          assertThat(e.sqlState()).isEqualTo(SqlState.NUMERIC_VALUE_OUT_OF_RANGE);
          assertThat(e.position()).isEqualTo(8);
        });
  }

  @Test
  void duckDbComputesPostgresResults() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      s.execute(transformed(numeric, "create table t (x numeric)"));
      s.execute("insert into t values (1.23456789), (0.000123)");
      try (ResultSet rows = s.executeQuery(
          transformed(numeric, "select x, round(1.2345::numeric, 2) from t order by x"))) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getBigDecimal(1)).isEqualByComparingTo("0.000123");
        assertThat(rows.getBigDecimal(2)).isEqualByComparingTo("1.23");
        assertThat(rows.next()).isTrue();
        assertThat(rows.getBigDecimal(1)).isEqualByComparingTo("1.23456789");
      }
    }
  }
}
