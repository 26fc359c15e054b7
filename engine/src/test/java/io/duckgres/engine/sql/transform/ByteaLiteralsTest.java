package io.duckgres.engine.sql.transform;

import static io.duckgres.engine.sql.transform.TransformAssert.transformed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duckgres.engine.sql.translate.Translator;
import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ByteaLiteralsTest {
  private final ByteaLiterals bytea = new ByteaLiterals();

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "select '\\x0102ff'::bytea|SELECT from_hex('0102ff')",
      "insert into t values ('\\xDEAD'::pg_catalog.BYTEA)|INSERT INTO t VALUES (from_hex('DEAD'))",
      "select bytea '\\x00', E'\\\\x01'::bytea|SELECT from_hex('00'), from_hex('01')",
      "select '\\x01 0A\t ff'::bytea, '\\x'::bytea|SELECT from_hex('010Aff'), from_hex('')",
      // kept: other types, the escape format
      "select '\\x01'::varchar, 'abc'::bytea, '\\001'::bytea"
          + "|SELECT E'\\\\x01'::varchar, 'abc'::bytea, E'\\\\001'::bytea",
  })
  void hexLiteralsBecomeFromHex(String postgres, String duckdb) {
    assertThat(transformed(bytea, postgres)).isEqualTo(duckdb);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "select '\\x123'::bytea|invalid hexadecimal data: odd number of digits",
      "select '\\x1z'::bytea|invalid hexadecimal digit: \"z\"",
      "select '\\x1 2'::bytea|invalid hexadecimal digit: \" \"",
  })
  void malformedHexFailsAsInPostgres(String sql, String message) {
    assertThatThrownBy(() -> transformed(bytea, sql)).isInstanceOfSatisfying(PgException.class,
        e -> {
          assertThat(e.sqlState()).isEqualTo(SqlState.INVALID_PARAMETER_VALUE);
          assertThat(e.getMessage()).isEqualTo(message);
        });
  }

  @Test
  void duckDbGetsPostgresBytes() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(Translator.translate(
            "select '\\x00ff'::bytea, E'\\\\xDEAD'::bytea, 'abc'::bytea"))) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getBytes(1)).containsExactly(0, 0xff);
      assertThat(rows.getBytes(2)).containsExactly(0xde, 0xad);
      assertThat(rows.getBytes(3)).containsExactly('a', 'b', 'c');
    }
  }
}
