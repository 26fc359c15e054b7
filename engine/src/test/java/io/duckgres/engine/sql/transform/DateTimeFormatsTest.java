package io.duckgres.engine.sql.transform;

import static io.duckgres.engine.sql.transform.TransformAssert.transformed;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DateTimeFormatsTest {
  private final DateTimeFormats formats = new DateTimeFormats();

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "select to_char(ts, 'YYYY-MM-DD HH24:MI:SS')|SELECT strftime(ts, '%Y-%m-%d %H:%M:%S')",
      "select to_char(d, 'FMDD.FMMM.yy \"at 100%\"')|SELECT strftime(d, '%-d.%-m.%y at 100%%')",
      "select to_char(d, 'Q')|SELECT quarter(d)::\"varchar\"",
      "`select to_char(d, 'YYYY\"Q\"Q')`|`SELECT strftime(d, '%YQ') || quarter(d)::\"varchar\"`",
      "select to_char(d, 'FMMonth')|SELECT strftime(d, '%B')",
      "select to_char(d, 'Month')|SELECT rpad(strftime(d, '%B'), 9, ' ')",
      "select to_date(s, 'DD/MM/YYYY')|SELECT strptime(s, '%d/%m/%Y')::date",
      "select pg_catalog.to_timestamp(s, 'YYYY-MM-DD HH24:MI:SS')"
          + "|SELECT strptime(s, '%Y-%m-%d %H:%M:%S')::timestamptz",
      // kept: unknown patterns, templates that are not constants, one argument
      "select to_char(d, 'DDTH')|SELECT to_char(d, 'DDTH')",
      "select to_char(d, 'SSSS')|SELECT to_char(d, 'SSSS')",
      "select to_char(d, fmt)|SELECT to_char(d, fmt)",
      "select to_timestamp(0)|SELECT to_timestamp(0)",
      "select to_date(s, 'Q YYYY')|SELECT to_date(s, 'Q YYYY')",
  })
  void rewrites(String postgres, String duckdb) {
    assertThat(transformed(formats, postgres)).isEqualTo(duckdb);
  }

  @Test
  void anItemWithoutAliasKeepsTheFunctionsName() {
    String sql = "select to_char(d, 'YYYY'), to_date(s, 'YYYY') as y, to_timestamp(s, 'YYYY'),"
        + " to_char(d, 'Q') || '!' from t";
    assertThat(TreeTransforms.apply(
        io.duckgres.engine.sql.parse.SqlParser.parse(sql).getStmtsList(), sql))
        .isEqualTo("SELECT strftime(d, '%Y') AS to_char, strptime(s, '%Y')::date AS y,"
            + " strptime(s, '%Y')::timestamptz AS to_timestamp,"
            + " quarter(d)::\"varchar\" || '!' FROM t");
  }

  @Test
  void numericTemplatesAreLeftToNumericToChar() {
    String sql = "select to_char(1234.5, '9,999.99')";
    assertThat(TreeTransforms.apply(
        io.duckgres.engine.sql.parse.SqlParser.parse(sql).getStmtsList(), sql))
        .startsWith("SELECT duckgres_to_char_number(");
  }

  /** Expected values are what PostgreSQL prints for the same calls. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "YYYY-MM-DD HH24:MI:SS|2024-02-09 13:05:07",
      "DD/MM/YYYY HH12:MI AM|09/02/2024 01:05 PM",
      "hh12 pm|01 pm",
      "Mon DD, YYYY|Feb 09, 2024",
      "`Month|Day|`|`February |Friday   |`",
      "`MONTH|month|FMDay`|`FEBRUARY |february |Friday`",
      "FMMonth FMDD|February 9",
      "DY dy Dy MON mon|FRI fri Fri FEB feb",
      "HH24:MI:SS.MS|13:05:07.123",
      "US|123456",
      "YYYY\"Q\"Q WW IW D DDD|2024Q1 06 06 6 040",
      "FMWW|6",
      "YY-MM J|24-02 2460350",
      "IYYY-IW-ID|2024-06-5",
  })
  void formatsAsPostgres(String template, String expected) throws Exception {
    assertThat(DuckDbValue.of("select to_char(TIMESTAMP '2024-02-09 13:05:07.123456', '"
        + template.replace("'", "''") + "')")).isEqualTo(expected);
  }

  @Test
  void parsesAsPostgres() throws Exception {
    assertThat(DuckDbValue.of("select to_date('09/02/2024', 'DD/MM/YYYY')"))
        .isEqualTo("2024-02-09");
    assertThat(DuckDbValue.of("select to_date('Feb 9 2024', 'Mon DD YYYY')"))
        .isEqualTo("2024-02-09");
    assertThat(DuckDbValue.of(
        "select to_timestamp('2024-02-09 13:05:07', 'YYYY-MM-DD HH24:MI:SS')"))
        .contains("2024-02-09", "13:05:07");
  }
}
