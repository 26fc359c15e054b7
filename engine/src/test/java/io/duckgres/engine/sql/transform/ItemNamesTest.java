package io.duckgres.engine.sql.transform;

import static org.assertj.core.api.Assertions.assertThat;

import io.duckgres.engine.sql.translate.Translator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class ItemNamesTest {
  @Test
  void tablesMadeFromRewrittenItemsHavePostgresColumnNames() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      s.execute("create table t (d date, s varchar)");
      s.execute("insert into t values (DATE '2024-02-09', 'a_c')");
      s.execute(Translator.translate("create table by_like as select s like 'a\\_c' from t"));
      s.execute(Translator.translate("create table by_similar as select s similar to 'a%' from t"));
      s.execute(Translator.translate("create table by_format as select to_char(d, 'YYYY'),"
          + " to_date('2024', 'YYYY'), to_timestamp('2024', 'YYYY'), d from t"));
      try (ResultSet rows = s.executeQuery("select * from by_like, by_similar, by_format")) {
        assertThat(rows.getMetaData().getColumnLabel(1)).isEqualTo("?column?");
        assertThat(rows.getMetaData().getColumnLabel(2)).isEqualTo("?column?");
        assertThat(rows.getMetaData().getColumnLabel(3)).isEqualTo("to_char");
        assertThat(rows.getMetaData().getColumnLabel(4)).isEqualTo("to_date");
        assertThat(rows.getMetaData().getColumnLabel(5)).isEqualTo("to_timestamp");
        assertThat(rows.next()).isTrue();
        assertThat(rows.getBoolean(1)).isTrue();
        assertThat(rows.getBoolean(2)).isTrue();
        assertThat(rows.getString(3)).isEqualTo("2024");
      }
    }
  }
}
