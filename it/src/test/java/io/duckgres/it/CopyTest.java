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
  void schemaQualifiedWithPublicAndQuoted() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("create table copy_public(id int, name varchar)");
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      assertThat(copy.copyIn("COPY public.copy_public (id, name) FROM STDIN",
          new StringReader("1\tone\n"))).isEqualTo(1);
      assertThat(copy.copyIn("COPY \"public\".\"copy_public\" FROM STDIN (FORMAT csv)",
          new StringReader("2,two\n"))).isEqualTo(1);
      assertThat(text(copy, "COPY public.copy_public TO STDOUT")).isEqualTo("1\tone\n2\ttwo\n");
      assertThatThrownBy(() -> copy.copyIn("COPY public.copy_missing FROM STDIN",
          new StringReader("1\n")))
          .isInstanceOfSatisfying(PSQLException.class,
              e -> assertThat(e.getSQLState()).isEqualTo("42P01"));
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

  /** One binary COPY of a single text column with these values (null for SQL NULL). */
  private static byte[] binaryTexts(byte[]... values) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.write("PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1));
    out.writeInt(0);
    out.writeInt(0);
    for (byte[] value : values) {
      out.writeShort(1);
      if (value == null) {
        out.writeInt(-1);
      } else {
        out.writeInt(value.length);
        out.write(value);
      }
    }
    out.writeShort(-1);
    return bytes.toByteArray();
  }

  @Test
  void binaryTextKeepsQuotesSeparatorsAndUnicodeAndRefusesNul() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("create table copy_bin_text(t varchar)");
      String[] texts = {"", "a,b", "say \"hi\"", "two\nlines", "\\N", "ünïcødé ✓", "x"};
      byte[][] values = new byte[texts.length + 1][];
      for (int i = 0; i < texts.length; i++) {
        values[i] = texts[i].getBytes(StandardCharsets.UTF_8);
      }
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      assertThat(copy.copyIn("COPY copy_bin_text FROM STDIN (FORMAT binary)",
          new ByteArrayInputStream(binaryTexts(values)))).isEqualTo(texts.length + 1);
      try (ResultSet rs = s.executeQuery("select t from copy_bin_text")) {
        java.util.List<String> loaded = new java.util.ArrayList<>();
        while (rs.next()) {
          loaded.add(rs.getString(1));
        }
        java.util.List<String> expected = new java.util.ArrayList<>(java.util.Arrays.asList(texts));
        expected.add(null);
        assertThat(loaded).containsExactlyInAnyOrderElementsOf(expected);
      }
      assertThatThrownBy(() -> copy.copyIn("COPY copy_bin_text FROM STDIN (FORMAT binary)",
          new ByteArrayInputStream(binaryTexts("ok".getBytes(StandardCharsets.UTF_8),
              new byte[] {'a', 0, 'b'}))))
          .isInstanceOfSatisfying(PSQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo("22021");
            assertThat(e.getServerErrorMessage().getWhere()).contains("line 2");
          });
      assertThat(count(s, "copy_bin_text")).isEqualTo(texts.length + 1);
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

  /**
   * Rows of about 200 bytes: 400,000 of them (80 MB) spool to two of the server's 64 MB
   * segments; the first (lines 1 to about 330,000) loads while the rest still arrives.
   * {@code badLine} (1-based, 0 for none) gets a bad id.
   */
  private static byte[] wideCsv(int rows, int badLine) {
    ByteArrayOutputStream csv = new ByteArrayOutputStream(rows * 205);
    byte[] padding = (",\"" + "p".repeat(190) + "\"\n").getBytes(StandardCharsets.US_ASCII);
    for (int i = 1; i <= rows; i++) {
      csv.writeBytes((i == badLine ? "x" : Integer.toString(i)).getBytes(StandardCharsets.US_ASCII));
      csv.writeBytes(padding);
    }
    return csv.toByteArray();
  }


  private static long count(Statement s, String table) throws SQLException {
    try (ResultSet rs = s.executeQuery("select count(*) from " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void aBadRowAfterSegmentsWereLoadedLoadsNothingAndNamesItsLine() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement();
        Connection other = server.connect(); Statement seen = other.createStatement()) {
      s.execute("create table copy_big_bad(id int8, note varchar)");
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      assertThatThrownBy(() -> copy.copyIn("COPY copy_big_bad FROM STDIN (FORMAT csv)",
          new ByteArrayInputStream(wideCsv(400_000, 20_001))))
          .isInstanceOfSatisfying(PSQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo("22P02");
            assertThat(e.getServerErrorMessage().getWhere()).contains("line 20001");
          });
      assertThat(count(s, "copy_big_bad")).isZero();
      assertThat(count(seen, "copy_big_bad")).isZero();
      // The session is back in autocommit: a good COPY of the same size commits at once.
      assertThat(copy.copyIn("COPY copy_big_bad FROM STDIN (FORMAT csv)",
          new ByteArrayInputStream(wideCsv(400_000, 0)))).isEqualTo(400_000);
      assertThat(count(seen, "copy_big_bad")).isEqualTo(400_000);
      s.execute("insert into copy_big_bad values (0, 'after')");
      assertThat(count(seen, "copy_big_bad")).isEqualTo(400_001);
    }
  }

  @Test
  void aLargeCopyInsideATransactionFailsItAndRollsBackWithIt() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("create table copy_big_tx(id int8, note varchar)");
      s.execute("insert into copy_big_tx values (-1, 'before')");
      c.setAutoCommit(false);
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      assertThat(copy.copyIn("COPY copy_big_tx FROM STDIN (FORMAT csv)",
          new ByteArrayInputStream(wideCsv(400_000, 0)))).isEqualTo(400_000);
      assertThat(count(s, "copy_big_tx")).isEqualTo(400_001);
      c.rollback();
      assertThat(count(s, "copy_big_tx")).isEqualTo(1);
      assertThatThrownBy(() -> copy.copyIn("COPY copy_big_tx FROM STDIN (FORMAT csv)",
          new ByteArrayInputStream(wideCsv(400_000, 399_999))))
          .isInstanceOfSatisfying(PSQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo("22P02");
            assertThat(e.getServerErrorMessage().getWhere()).contains("line 399999");
          });
      assertThatThrownBy(() -> count(s, "copy_big_tx"))
          .isInstanceOfSatisfying(PSQLException.class,
              e -> assertThat(e.getSQLState()).isEqualTo("25P02"));
      c.rollback();
      c.setAutoCommit(true);
      assertThat(count(s, "copy_big_tx")).isEqualTo(1);
    }
  }

  @Test
  void copyFailAfterSegmentsWereLoadedLeavesTheTableUnchanged() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement();
        Connection other = server.connect(); Statement seen = other.createStatement()) {
      s.execute("create table copy_big_fail(id int8, note varchar)");
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      CopyIn in = copy.copyIn("COPY copy_big_fail FROM STDIN (FORMAT csv)");
      byte[] rows = wideCsv(400_000, 0);
      in.writeToCopy(rows, 0, rows.length);
      in.flushCopy();
      in.cancelCopy();
      assertThat(count(s, "copy_big_fail")).isZero();
      s.execute("insert into copy_big_fail values (1, 'after')");
      assertThat(count(seen, "copy_big_fail")).isEqualTo(1);
    }
  }

  private static String text(CopyManager copy, String sql) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    copy.copyOut(sql, out);
    return out.toString(StandardCharsets.UTF_8);
  }
}
