package io.duckgres.engine.sql.translate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DateTimeFormatsTest {
  private final DateTimeFormats rewrite = new DateTimeFormats();

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "select to_char(ts, 'YYYY-MM-DD HH24:MI:SS')"
          + "|select strftime(ts, '%Y-%m-%d %H:%M:%S') AS \"to_char\"",
      "select to_char(d, 'FMDD.FMMM.yy \"at 100%\"')"
          + "|select strftime(d, '%-d.%-m.%y at 100%%') AS \"to_char\"",
      "select to_char(d, 'Q')|select CAST(quarter(d) AS VARCHAR) AS \"to_char\"",
      "select to_char(d, 'YYYY\"Q\"Q')"
          + "|`select (strftime(d, '%YQ') || CAST(quarter(d) AS VARCHAR)) AS \"to_char\"`",
      "select to_char(d, 'FMMonth')|select strftime(d, '%B') AS \"to_char\"",
      "select to_char(d, 'Month')|select rpad(strftime(d, '%B'), 9, ' ') AS \"to_char\"",
      "select to_date(s, 'DD/MM/YYYY')|select CAST(strptime(s, '%d/%m/%Y') AS DATE) AS \"to_date\"",
      "select to_timestamp(s, 'YYYY-MM-DD HH24:MI:SS')"
          + "|select CAST(strptime(s, '%Y-%m-%d %H:%M:%S') AS TIMESTAMPTZ) AS \"to_timestamp\"",
      // kept: numeric templates, unknown patterns, templates that are not constants, one argument
      "select to_char(1234.5, '9,999.99')|select to_char(1234.5, '9,999.99')",
      "select to_char(d, 'DDTH')|select to_char(d, 'DDTH')",
      "select to_char(d, 'SSSS')|select to_char(d, 'SSSS')",
      "select to_char(d, fmt)|select to_char(d, fmt)",
      "select to_timestamp(0)|select to_timestamp(0)",
      "select to_date(s, 'Q YYYY')|select to_date(s, 'Q YYYY')",
  })
  void rewrites(String postgres, String duckdb) {
    assertThat(rewrite.apply(postgres)).isEqualTo(duckdb);
  }

  /** Expected values are what PostgreSQL 18 prints for the same calls. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "YYYY-MM-DD HH24:MI:SS|2024-02-09 13:05:07",
      "DD/MM/YYYY HH12:MI AM|09/02/2024 01:05 PM",
      "hh12 pm|01 pm",
      "Mon DD, YYYY|Feb 09, 2024",
      "`Month|Day|`|`February |Friday   |`",
      "FMMonth FMDD|February 9",
      "DY dy Dy MON mon|FRI fri Fri FEB feb",
      "HH24:MI:SS.MS|13:05:07.123",
      "US|123456",
      "YYYY\"Q\"Q WW IW D DDD|2024Q1 06 06 6 040",
      "YY-MM J|24-02 2460350",
      "IYYY-IW-ID|2024-06-5",
  })
  void formatsAsPostgres(String template, String expected) throws Exception {
    String sql = "select to_char(TIMESTAMP '2024-02-09 13:05:07.123456', '"
        + template.replace("'", "''") + "')";
    assertThat(DuckDbQuery.value(rewrite.apply(sql))).isEqualTo(expected);
  }

  @Test
  void parsesAsPostgres() throws Exception {
    assertThat(DuckDbQuery.value(rewrite.apply(
        "select to_date('09/02/2024', 'DD/MM/YYYY')"))).isEqualTo("2024-02-09");
    assertThat(DuckDbQuery.value(rewrite.apply(
        "select to_date('Feb 9 2024', 'Mon DD YYYY')"))).isEqualTo("2024-02-09");
    assertThat(DuckDbQuery.value(rewrite.apply(
        "select to_timestamp('2024-02-09 13:05:07', 'YYYY-MM-DD HH24:MI:SS')")))
        .contains("2024-02-09", "13:05:07");
  }
}
