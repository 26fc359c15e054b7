package io.duckgres.pgwire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PgExceptionTest {

  @Test
  void shortConstructorIsAnErrorWithoutOptionalFields() {
    PgException error = new PgException(SqlState.UNDEFINED_TABLE, "no such table");

    assertThat(error.severity()).isEqualTo(PgException.Severity.ERROR);
    assertThat(error.sqlState()).isEqualTo(SqlState.UNDEFINED_TABLE);
    assertThat(error.getMessage()).isEqualTo("no such table");
    assertThat(error.detail()).isNull();
    assertThat(error.hint()).isNull();
    assertThat(error.position()).isZero();
    assertThat(error.where()).isNull();
    assertThat(error.isFatal()).isFalse();
  }

  @Test
  void fatalAndPanicEndTheSession() {
    assertThat(PgException.fatal(SqlState.PROTOCOL_VIOLATION, "x").severity())
        .isEqualTo(PgException.Severity.FATAL);
    assertThat(PgException.fatal(SqlState.PROTOCOL_VIOLATION, "x").isFatal()).isTrue();
    assertThat(new PgException(PgException.Severity.PANIC, SqlState.INTERNAL_ERROR, "x", null,
        null, 0, null).isFatal()).isTrue();
  }

  @Test
  void withContextSetsWhereAndReturnsTheSameError() {
    PgException error = new PgException(SqlState.BAD_COPY_FILE_FORMAT, "missing data");

    assertThat(error.withContext("COPY t, line 3")).isSameAs(error);
    assertThat(error.where()).isEqualTo("COPY t, line 3");
  }

  @Test
  void withPositionOffsetShiftsAKnownPositionAndKeepsEverythingElse() {
    RuntimeException cause = new RuntimeException("engine");
    PgException error = new PgException(PgException.Severity.ERROR, SqlState.SYNTAX_ERROR,
        "syntax error", "detail", "hint", 3, cause).withContext("context");

    PgException shifted = error.withPositionOffset(10);

    assertThat(shifted.position()).isEqualTo(13);
    assertThat(shifted.severity()).isEqualTo(PgException.Severity.ERROR);
    assertThat(shifted.sqlState()).isEqualTo(SqlState.SYNTAX_ERROR);
    assertThat(shifted.getMessage()).isEqualTo("syntax error");
    assertThat(shifted.detail()).isEqualTo("detail");
    assertThat(shifted.hint()).isEqualTo("hint");
    assertThat(shifted.where()).isEqualTo("context");
    assertThat(shifted.getCause()).isSameAs(error);
    assertThat(error.position()).as("original unchanged").isEqualTo(3);
  }

  @Test
  void withPositionOffsetLeavesUnknownPositionAndZeroOffsetAlone() {
    PgException unknown = new PgException(SqlState.SYNTAX_ERROR, "x");
    PgException known = new PgException(PgException.Severity.ERROR, SqlState.SYNTAX_ERROR, "x",
        null, null, 5, null);

    assertThat(unknown.withPositionOffset(10)).isSameAs(unknown);
    assertThat(known.withPositionOffset(0)).isSameAs(known);
  }

  @Test
  void frameDecoderViolationIsFatalProtocolViolation() {
    PgException violation = new FrameDecoder.ProtocolViolation("bad length");

    assertThat(violation.severity()).isEqualTo(PgException.Severity.FATAL);
    assertThat(violation.sqlState()).isEqualTo(SqlState.PROTOCOL_VIOLATION);
    assertThat(violation.getMessage()).isEqualTo("bad length");
  }
}
