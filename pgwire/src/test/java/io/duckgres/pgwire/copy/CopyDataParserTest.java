package io.duckgres.pgwire.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import io.duckgres.pgwire.types.IntegerType;
import io.duckgres.pgwire.types.PgType;
import io.duckgres.pgwire.types.TextType;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The COPY data parsers against PostgreSQL's text, CSV and binary formats. CopyData messages may
 * split a row, a field, an escape or a UTF-8 character anywhere, so each input is also fed split
 * at every byte, and byte by byte: the rows must be the same as from one chunk.
 */
class CopyDataParserTest {
  private static final String[] COLUMNS = {"id", "name"};
  private static final PgType<?>[] TYPES = {IntegerType.INSTANCE, TextType.TEXT};

  /** Records what the parser delivers, each field as text (null for NULL). */
  private static final class Rows implements RowSink {
    final List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();

    @Override
    public void field(byte[] bytes, int length, boolean isNull) {
      row.add(isNull ? null : new String(bytes, 0, length, StandardCharsets.UTF_8));
    }

    @Override
    public void text(byte[] bytes, int offset, int length) {
      row.add(new String(bytes, offset, length, StandardCharsets.UTF_8));
    }

    @Override
    public void value(Object value) {
      row.add(value == null ? null : value.toString());
    }

    @Override
    public void integer(long value) {
      row.add(Long.toString(value));
    }

    @Override
    public void float8(double value) {
      row.add(Double.toString(value));
    }

    @Override
    public void endRow(long line) {
      rows.add(row);
      row = new ArrayList<>();
    }
  }

  private static List<List<String>> parse(CopyFormat format, byte[] data, int... splits) {
    Rows rows = new Rows();
    CopyDataParser parser = CopyDataParser.create(format, rows, TYPES, COLUMNS, "COPY t");
    int from = 0;
    for (int split : splits) {
      parser.feed(Arrays.copyOfRange(data, from, split));
      from = split;
    }
    parser.feed(Arrays.copyOfRange(data, from, data.length));
    parser.finish();
    assertThat(parser.rows()).isEqualTo(rows.rows.size());
    return rows.rows;
  }

  /** The rows of {@code data} fed whole, then split at every byte, then byte by byte. */
  private static List<List<String>> sameAtEverySplit(CopyFormat format, byte[] data) {
    List<List<String>> whole = parse(format, data);
    for (int split = 1; split < data.length; split++) {
      assertThat(parse(format, data, split)).as("split at byte %d", split).isEqualTo(whole);
    }
    int[] everyByte = new int[data.length - 1];
    for (int i = 0; i < everyByte.length; i++) {
      everyByte[i] = i + 1;
    }
    assertThat(parse(format, data, everyByte)).as("byte by byte").isEqualTo(whole);
    return whole;
  }

  @Test
  void textFormatWithEscapesNullsAndUtf8() {
    byte[] data = ("1\tplain\n2\ttab\\there\n3\t\\N\n4\tnew\\nline \\\\ back\n5\tZoë ✓\n")
        .getBytes(StandardCharsets.UTF_8);
    assertThat(sameAtEverySplit(CopyFormat.text(), data)).containsExactly(
        List.of("1", "plain"), List.of("2", "tab\there"), Arrays.asList("3", null),
        List.of("4", "new\nline \\ back"), List.of("5", "Zoë ✓"));
  }

  @Test
  void textFormatLastLineWithoutNewlineAndEndMarker() {
    assertThat(sameAtEverySplit(CopyFormat.text(), "1\ta\n2\tb".getBytes(StandardCharsets.UTF_8)))
        .containsExactly(List.of("1", "a"), List.of("2", "b"));
    assertThat(sameAtEverySplit(CopyFormat.text(), "1\ta\n\\.\n".getBytes(StandardCharsets.UTF_8)))
        .containsExactly(List.of("1", "a"));
  }

  @Test
  void csvWithHeaderQuotesAndNewlinesInFields() {
    byte[] data = ("id,name\n1,plain\n2,\"with, comma\"\n3,\n4,\"\"\n5,\"two\nlines \"\"q\"\"\"\n"
        + "6,Zoë\n").getBytes(StandardCharsets.UTF_8);
    assertThat(sameAtEverySplit(CopyFormat.csv(true), data)).containsExactly(
        List.of("1", "plain"), List.of("2", "with, comma"), Arrays.asList("3", null),
        List.of("4", ""), List.of("5", "two\nlines \"q\""), List.of("6", "Zoë"));
  }

  @Test
  void binaryFormat() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.write(new byte[] {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0});
    out.writeInt(0);
    out.writeInt(0);
    for (Object[] row : new Object[][] {{1, "one"}, {-7, null}, {42, "Zoë ✓"}}) {
      out.writeShort(2);
      out.writeInt(4);
      out.writeInt((Integer) row[0]);
      if (row[1] == null) {
        out.writeInt(-1);
      } else {
        byte[] text = ((String) row[1]).getBytes(StandardCharsets.UTF_8);
        out.writeInt(text.length);
        out.write(text);
      }
    }
    out.writeShort(-1);
    assertThat(sameAtEverySplit(new CopyFormat(CopyFormat.Kind.BINARY, (byte) 0, null, false,
        (byte) 0, (byte) 0, java.util.Set.of(), java.util.Set.of()), bytes.toByteArray()))
        .containsExactly(List.of("1", "one"), Arrays.asList("-7", null),
            List.of("42", "Zoë ✓"));
  }

  @Test
  void extraAndMissingColumnsNameTheLine() {
    assertThatThrownBy(() -> parse(CopyFormat.text(), "1\ta\tb\n".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(PgException.class, e -> {
          assertThat(e.sqlState()).isEqualTo(SqlState.BAD_COPY_FILE_FORMAT);
          assertThat(e.getMessage()).isEqualTo("extra data after last expected column");
        });
    assertThatThrownBy(() -> parse(CopyFormat.csv(false), "1\n".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(PgException.class,
            e -> assertThat(e.getMessage()).isEqualTo("missing data for column \"name\""));
  }
}
