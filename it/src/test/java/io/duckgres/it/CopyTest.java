package io.duckgres.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.util.PSQLException;

/** COPY in and out through pgJDBC's CopyManager, in text, CSV and binary. */
class CopyTest {
  @TempDir static Path dataDir;
  static ServerProcess server;

  @BeforeAll
  static void start() throws Exception {
    server = ServerProcess.start(dataDir);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void textInAndOut() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("create table copy_text(id int, name varchar, born date)");
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      long loaded = copy.copyIn("COPY copy_text FROM STDIN",
          new StringReader("1\tAda\t1815-12-10\n2\t\\N\t\\N\n3\ttab\\there\\\\x\t2000-01-01\n"));
      assertThat(loaded).isEqualTo(3);
      assertThat(text(copy, "COPY copy_text TO STDOUT")).isEqualTo(
          "1\tAda\t1815-12-10\n2\t\\N\t\\N\n3\ttab\\there\\\\x\t2000-01-01\n");
      try (ResultSet rs = s.executeQuery("select name from copy_text where id = 3")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("tab\there\\x");
      }
    }
  }

  @Test
  void csvWithOptions() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("create table copy_csv(id int, note varchar)");
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      long loaded = copy.copyIn(
          "COPY copy_csv (id, note) FROM STDIN WITH (FORMAT csv, HEADER true, DELIMITER ';', "
              + "NULL 'NULL')",
          new StringReader("id;note\n1;\"semi;colon\"\n2;NULL\n3;\"\"\n4;\"multi\nline \"\"quoted\"\"\"\n"));
      assertThat(loaded).isEqualTo(4);
      try (ResultSet rs = s.executeQuery(
          "select count(*) filter (where note is null), max(length(note)) from copy_csv")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(1);
      }
      assertThat(text(copy, "COPY (select id, note from copy_csv order by id) TO STDOUT "
          + "WITH (FORMAT csv, HEADER)")).isEqualTo(
          "id,note\n1,semi;colon\n2,\n3,\"\"\n4,\"multi\nline \"\"quoted\"\"\"\n");
    }
  }

  @Test
  void binaryInAndOut() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("create table copy_bin(id bigint, score double, label varchar)");
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.write("PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1));
      out.writeInt(0);
      out.writeInt(0);
      for (int i = 0; i < 1000; i++) {
        out.writeShort(3);
        out.writeInt(8);
        out.writeLong(i);
        out.writeInt(8);
        out.writeDouble(i / 4.0);
        if (i % 10 == 0) {
          out.writeInt(-1);
        } else {
          byte[] label = ("label " + i).getBytes(StandardCharsets.UTF_8);
          out.writeInt(label.length);
          out.write(label);
        }
      }
      out.writeShort(-1);
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      long loaded = copy.copyIn("COPY copy_bin FROM STDIN (FORMAT binary)",
          new ByteArrayInputStream(bytes.toByteArray()));
      assertThat(loaded).isEqualTo(1000);
      try (ResultSet rs = s.executeQuery(
          "select sum(id), sum(score), count(label) from copy_bin")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(499500);
        assertThat(rs.getDouble(2)).isEqualTo(124875.0);
        assertThat(rs.getLong(3)).isEqualTo(900);
      }
      ByteArrayOutputStream copied = new ByteArrayOutputStream();
      long sent = copy.copyOut(
          "COPY (select * from copy_bin order by id) TO STDOUT (FORMAT binary)", copied);
      assertThat(sent).isEqualTo(1000);
      assertThat(copied.toByteArray()).isEqualTo(bytes.toByteArray());
    }
  }

  @Test
  void binaryIntegersAndDoublesKeepEveryBitAtTheirLimits() throws Exception {
    long[] longs = {Long.MIN_VALUE, Long.MAX_VALUE, -1, 0, 1234567890123L};
    int[] ints = {Integer.MIN_VALUE, Integer.MAX_VALUE, -7, 0, 42};
    short[] shorts = {Short.MIN_VALUE, Short.MAX_VALUE, -3, 0, 9};
    double[] doubles = {-0.0, Double.MIN_VALUE, Double.MAX_VALUE, 0.1, Double.NaN,
        Double.NEGATIVE_INFINITY, 1e-7, -123456.789e200};
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("create table copy_limits(id int, l bigint, i integer, h smallint, d double)");
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.write("PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1));
      out.writeInt(0);
      out.writeInt(0);
      for (int row = 0; row < doubles.length; row++) {
        out.writeShort(5);
        out.writeInt(4);
        out.writeInt(row);
        out.writeInt(8);
        out.writeLong(longs[row % longs.length]);
        out.writeInt(4);
        out.writeInt(ints[row % ints.length]);
        out.writeInt(2);
        out.writeShort(shorts[row % shorts.length]);
        out.writeInt(8);
        out.writeDouble(doubles[row]);
      }
      out.writeShort(-1);
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      assertThat(copy.copyIn("COPY copy_limits FROM STDIN (FORMAT binary)",
          new ByteArrayInputStream(bytes.toByteArray()))).isEqualTo(doubles.length);
      ByteArrayOutputStream copied = new ByteArrayOutputStream();
      copy.copyOut("COPY (select * from copy_limits order by id) TO STDOUT (FORMAT binary)",
          copied);
      assertThat(copied.toByteArray()).isEqualTo(bytes.toByteArray());
    }
  }

  @Test
  void badRowNamesTheLineLoadsNothingAndTheSessionGoesOn() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("create table copy_bad(id int, name varchar)");
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      assertThatThrownBy(() -> copy.copyIn("COPY copy_bad FROM STDIN",
          new StringReader("1\tone\n2\ttwo\nthree\t3\n4\tfour\n")))
          .isInstanceOfSatisfying(PSQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo("22P02");
            assertThat(e.getServerErrorMessage().getWhere()).contains("line 3");
          });
      assertThatThrownBy(() -> copy.copyIn("COPY copy_bad FROM STDIN",
          new StringReader("1\tone\n2\n")))
          .isInstanceOfSatisfying(PSQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo("22P04");
            assertThat(e.getMessage()).contains("missing data for column \"name\"");
            assertThat(e.getServerErrorMessage().getWhere()).contains("line 2");
          });
      try (ResultSet rs = s.executeQuery("select count(*) from copy_bad")) {
        rs.next();
        assertThat(rs.getLong(1)).isZero();
      }
    }
  }

  @Test
  void copyFailFromTheClientIsHonoured() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("create table copy_fail(id int)");
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      CopyIn in = copy.copyIn("COPY copy_fail FROM STDIN");
      byte[] rows = "1\n2\n3\n".getBytes(StandardCharsets.UTF_8);
      in.writeToCopy(rows, 0, rows.length);
      // pgJDBC sends CopyFail and consumes the server's expected error (57014) itself.
      in.cancelCopy();
      assertThat(in.isActive()).isFalse();
      try (ResultSet rs = s.executeQuery("select count(*) from copy_fail")) {
        rs.next();
        assertThat(rs.getLong(1)).isZero();
      }
    }
  }

  @Test
  void copyInsideATransactionRollsBackWithIt() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("create table copy_tx(id int)");
      c.setAutoCommit(false);
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      assertThat(copy.copyIn("COPY copy_tx FROM STDIN", new StringReader("1\n2\n"))).isEqualTo(2);
      c.rollback();
      c.setAutoCommit(true);
      try (ResultSet rs = s.executeQuery("select count(*) from copy_tx")) {
        rs.next();
        assertThat(rs.getLong(1)).isZero();
      }
    }
  }

  private static String text(CopyManager copy, String sql) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    copy.copyOut(sql, out);
    return out.toString(StandardCharsets.UTF_8);
  }
}
