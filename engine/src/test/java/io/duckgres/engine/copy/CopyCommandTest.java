package io.duckgres.engine.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.duckgres.engine.copy.CopyOptions.Format;
import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import java.util.List;
import org.junit.jupiter.api.Test;

class CopyCommandTest {
  @Test
  void tableColumnsAndDirection() {
    CopyCommand in = CopyCommand.parse("COPY public.Items (id, \"Name\") FROM STDIN;");
    assertThat(in.from()).isTrue();
    assertThat(in.table()).isEqualTo("items");
    assertThat(in.relation()).isEqualTo("\"main\".\"items\"");
    assertThat(in.columns()).containsExactly("\"id\"", "\"Name\"");
    assertThat(in.query()).isNull();
    assertThat(in.context()).isEqualTo("COPY items");
    assertThat(in.options().format()).isEqualTo(Format.TEXT);
    assertThat((char) in.options().delimiter()).isEqualTo('\t');
    assertThat(in.options().nullString()).isEqualTo("\\N");

    CopyCommand out = CopyCommand.parse("copy \"Sales\".t to stdout");
    assertThat(out.from()).isFalse();
    assertThat(out.relation()).isEqualTo("\"Sales\".\"t\"");
    assertThat(out.selectSql()).isEqualTo("SELECT * FROM \"Sales\".\"t\"");
    assertThat(CopyCommand.parse("COPY t (a, b) TO STDOUT").selectSql())
        .isEqualTo("SELECT \"a\", \"b\" FROM \"t\"");
  }

  @Test
  void queryOut() {
    CopyCommand out = CopyCommand.parse(
        "COPY (select id, note from copy_csv /* c */ where note <> ')' order by id) TO STDOUT "
            + "WITH (FORMAT csv, HEADER)");
    assertThat(out.from()).isFalse();
    assertThat(out.table()).isNull();
    assertThat(out.context()).isEqualTo("COPY (query)");
    assertThat(out.selectSql())
        .isEqualTo("SELECT id, note FROM copy_csv WHERE note <> ')' ORDER BY id");
    assertThat(out.options().format()).isEqualTo(Format.CSV);
    assertThat(out.options().header()).isTrue();
  }

  @Test
  void filesProgramsAndOtherStatementsAreNotStreamed() {
    assertThat(CopyCommand.parse("COPY t TO '/tmp/x.csv'")).isNull();
    assertThat(CopyCommand.parse("COPY t FROM '/tmp/x.csv' (FORMAT csv)")).isNull();
    assertThat(CopyCommand.parse("COPY (select 1) TO '/tmp/x.parquet' (FORMAT parquet)")).isNull();
    assertThat(CopyCommand.parse("COPY t FROM PROGRAM 'cat x'")).isNull();
    assertThat(CopyCommand.parse("COPY FROM DATABASE a TO b")).isNull();
    assertThat(CopyCommand.parse("SELECT 1")).isNull();
  }

  @Test
  void parenthesizedOptions() {
    CopyOptions options = CopyCommand.parse("COPY t (id, note) FROM STDIN WITH (FORMAT csv, "
        + "HEADER true, DELIMITER ';', NULL 'n/a', QUOTE '''', ESCAPE '\\', "
        + "FORCE_NOT_NULL (note), FORCE_NULL (\"Id\"), ENCODING 'UTF-8', FREEZE false)").options();
    assertThat(options.format()).isEqualTo(Format.CSV);
    assertThat(options.header()).isTrue();
    assertThat((char) options.delimiter()).isEqualTo(';');
    assertThat(options.nullString()).isEqualTo("n/a");
    assertThat((char) options.quote()).isEqualTo('\'');
    assertThat((char) options.escape()).isEqualTo('\\');
    assertThat(options.dataFormat().forceNotNull()).containsExactly("note");
    assertThat(options.dataFormat().forceNull()).containsExactly("Id");

    CopyOptions csv = CopyCommand.parse("COPY t FROM STDIN (FORMAT CSV, HEADER off)").options();
    assertThat((char) csv.delimiter()).isEqualTo(',');
    assertThat(csv.nullString()).isEmpty();
    assertThat(csv.header()).isFalse();
    assertThat((char) csv.escape()).isEqualTo('"');
    assertThat(CopyCommand.parse("COPY t FROM STDIN (FORMAT binary)").options().format())
        .isEqualTo(Format.BINARY);
    assertThat(CopyCommand.parse("COPY t FROM STDIN (HEADER match, FORMAT csv)").options()
        .header()).isTrue();

    CopyOptions quoted = CopyCommand.parse(
        "COPY t TO STDOUT (FORMAT csv, FORCE_QUOTE (a, \"B\"))").options();
    assertThat(quoted.forceQuote("a")).isTrue();
    assertThat(quoted.forceQuote("B")).isTrue();
    assertThat(quoted.forceQuote("c")).isFalse();
    assertThat(CopyCommand.parse("COPY t TO STDOUT (FORMAT csv, FORCE_QUOTE *)").options()
        .forceQuote("c")).isTrue();
  }

  @Test
  void olderKeywordOptions() {
    CopyOptions options = CopyCommand.parse(
        "COPY t FROM STDIN WITH CSV HEADER DELIMITER AS '|' NULL AS 'x' QUOTE AS '\"' "
            + "ESCAPE AS E'\\\\' FORCE NOT NULL a, b").options();
    assertThat(options.format()).isEqualTo(Format.CSV);
    assertThat(options.header()).isTrue();
    assertThat((char) options.delimiter()).isEqualTo('|');
    assertThat(options.nullString()).isEqualTo("x");
    assertThat((char) options.escape()).isEqualTo('\\');
    assertThat(options.dataFormat().forceNotNull()).containsExactlyInAnyOrder("a", "b");
    assertThat(CopyCommand.parse("COPY t TO STDOUT WITH CSV FORCE QUOTE *").options()
        .forceQuote("z")).isTrue();
    assertThat(CopyCommand.parse("COPY BINARY t FROM STDIN").options().format())
        .isEqualTo(Format.BINARY);
    assertThat(CopyCommand.parse("COPY t FROM STDIN WITH BINARY").options().format())
        .isEqualTo(Format.BINARY);
    assertThat((char) CopyCommand.parse("COPY t FROM STDIN USING DELIMITERS ','").options()
        .delimiter()).isEqualTo(',');
  }

  @Test
  void postgresErrorsForOptions() {
    for (var c : List.of(
        new Case("COPY t FROM STDIN (FORMAT xml)", SqlState.INVALID_PARAMETER_VALUE,
            "COPY format \"xml\" not recognized"),
        new Case("COPY t FROM STDIN (FORMAT 'CSV')", SqlState.INVALID_PARAMETER_VALUE,
            "COPY format \"CSV\" not recognized"),
        new Case("COPY t FROM STDIN (BOGUS 1)", SqlState.SYNTAX_ERROR,
            "option \"bogus\" not recognized"),
        new Case("COPY t FROM STDIN (FORMAT csv, FORMAT text)", SqlState.SYNTAX_ERROR,
            "conflicting or redundant options"),
        new Case("COPY t FROM STDIN (HEADER maybe)", SqlState.SYNTAX_ERROR,
            "header requires a Boolean value or \"match\""),
        new Case("COPY t TO STDOUT (FORMAT csv, HEADER match)", SqlState.FEATURE_NOT_SUPPORTED,
            "cannot use \"match\" with HEADER in COPY TO"),
        new Case("COPY t FROM STDIN (FREEZE 2)", SqlState.SYNTAX_ERROR,
            "freeze requires a Boolean value"),
        new Case("COPY t FROM STDIN (DELIMITER '||')", SqlState.FEATURE_NOT_SUPPORTED,
            "COPY delimiter must be a single one-byte character"),
        new Case("COPY t FROM STDIN (DELIMITER 'a')", SqlState.INVALID_PARAMETER_VALUE,
            "COPY delimiter cannot be \"a\""),
        new Case("COPY t FROM STDIN (FORMAT csv, DELIMITER '\"')",
            SqlState.INVALID_PARAMETER_VALUE, "COPY delimiter and quote must be different"),
        new Case("COPY t FROM STDIN (FORMAT binary, DELIMITER ',')", SqlState.SYNTAX_ERROR,
            "cannot specify DELIMITER in BINARY mode"),
        new Case("COPY t FROM STDIN (FORMAT binary, HEADER)", SqlState.SYNTAX_ERROR,
            "cannot specify HEADER in BINARY mode"),
        new Case("COPY t FROM STDIN (QUOTE '''')", SqlState.FEATURE_NOT_SUPPORTED,
            "COPY quote available only in CSV mode"),
        new Case("COPY t FROM STDIN (ESCAPE '\\')", SqlState.FEATURE_NOT_SUPPORTED,
            "COPY escape available only in CSV mode"),
        new Case("COPY t FROM STDIN (FORMAT csv, FORCE_QUOTE *)", SqlState.FEATURE_NOT_SUPPORTED,
            "COPY force quote only available using COPY TO"),
        new Case("COPY t TO STDOUT (FORMAT csv, FORCE_NOT_NULL (a))",
            SqlState.FEATURE_NOT_SUPPORTED, "COPY force not null only available using COPY FROM"),
        new Case("COPY t FROM STDIN (FORCE_NULL (a))", SqlState.FEATURE_NOT_SUPPORTED,
            "COPY force null available only in CSV mode"),
        new Case("COPY t FROM STDIN (FORMAT csv, FORCE_NOT_NULL 'a')", SqlState.SYNTAX_ERROR,
            "argument to option \"force_not_null\" must be a list of column names"),
        new Case("COPY t FROM STDIN (NULL 'a,b', FORMAT csv)", SqlState.FEATURE_NOT_SUPPORTED,
            "COPY delimiter must not appear in the NULL specification"),
        new Case("COPY t FROM STDIN (ENCODING 'LATIN1')", SqlState.FEATURE_NOT_SUPPORTED,
            "COPY encoding \"LATIN1\" is not supported (UTF8 only)"),
        new Case("COPY t FROM STDIN WHERE id > 1", SqlState.FEATURE_NOT_SUPPORTED,
            "COPY FROM ... WHERE is not supported"))) {
      PgException error = catchThrowableOfType(PgException.class,
          () -> CopyCommand.parse(c.sql()));
      assertThat((Object) error).as(c.sql()).isNotNull();
      assertThat(error.sqlState()).as(c.sql()).isEqualTo(c.state());
      assertThat(error.getMessage()).as(c.sql()).isEqualTo(c.message());
    }
  }

  private record Case(String sql, SqlState state, String message) {}
}
