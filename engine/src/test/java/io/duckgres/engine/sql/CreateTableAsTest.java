package io.duckgres.engine.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CreateTableAsTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "create table t as select 1|\"t\"",
      "CREATE TEMP TABLE s.t AS SELECT 1|\"s\".\"t\"",
      "create table \"My T\" (a) as select 1|\"My T\"",
      "create table public.x as select 1|\"main\".\"x\"",
      "/* made by a tool */ create table db.public.x as select 1|\"db\".\"main\".\"x\"",
      "create or replace table db . s . t as select 1|db.s.t",
  })
  void findsTheTableCreated(String sql, String table) {
    assertThat(CreateTableAs.targetTable(sql)).isEqualTo(table);
  }

  @Test
  void ifNotExistsMayNameAnOlderTableSoIsNotCounted() {
    assertThat(CreateTableAs.targetTable("create table if not exists t as select 1")).isNull();
  }

  @Test
  void otherStatementsAreNotCounted() {
    assertThat(CreateTableAs.targetTable("create table t (a int)")).isNull();
    assertThat(CreateTableAs.targetTable("create materialized view m as select 1")).isNull();
  }

  @Test
  void countsTheRowsOfTheNewTable() throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      String sql = "create table ctas_five as select * from range(5)";
      statement.execute(sql);
      assertThat(CreateTableAs.rowCount(connection, sql)).isEqualTo(5);
      String empty = "create table ctas_none as select * from range(5) where false";
      statement.execute(empty);
      assertThat(CreateTableAs.rowCount(connection, empty)).isZero();
    }
  }
}
