package io.duckgres.engine.error;

import static org.assertj.core.api.Assertions.assertThat;

import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Messages DuckDB produces that an in-memory database can't easily be made to produce (division
 * by zero yields NULL in DuckDB; disk-full, internal errors), messages from outside DuckDB, and
 * the text parsing on its own.
 */
class ErrorClassifierMessageTest {

  @ParameterizedTest(name = "{1} {0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      Divide by Zero Error: Integer division by zero                       | 22012 | division by zero
      Invalid Input Error: Division by zero!                               | 22012 | division by zero
      TransactionContext Error: Failed to commit: could not serialize      | 40001 | Failed to commit: could not serialize
      TransactionContext Error: Catalog write-write conflict on create     | 40001 | Catalog write-write conflict on create
      Out of Memory Error: could not allocate block of size 256.0 KiB      | 53200 | could not allocate block of size 256.0 KiB
      IO Error: Could not write file "x": No space left on device          | 53100 | Could not write file "x": No space left on device
      IO Error: Cannot open file "/sys/x.csv": Permission denied           | 42501 | Cannot open file "/sys/x.csv": Permission denied
      IO Error: Could not read from file "x": Input/output error           | 58030 | Could not read from file "x": Input/output error
      HTTP Error: Unable to connect to URL "https://x": 500                | 58030 | Unable to connect to URL "https://x": 500
      Permission Error: Cannot access file "x"                             | 42501 | Cannot access file "x"
      Dependency Error: Cannot alter entry "t" because there are entries   | 2BP01 | Cannot alter entry "t" because there are entries
      Not implemented Error: ALTER TABLE option not supported              | 0A000 | ALTER TABLE option not supported
      Missing Extension Error: Extension "spatial" is not loaded           | 0A000 | Extension "spatial" is not loaded
      Parameter Not Resolved Error: Could not determine type of parameters | 42P18 | Could not determine type of parameters
      Sequence Error: nextval: reached minimum value of sequence "s" (1)   | 2200H | nextval: reached minimum value of sequence "s" (1)
      Constraint Error: something new                                      | 23000 | something new
      Invalid Input Error: Parameter count mismatch                        | 08P01 | Parameter count mismatch
      Invalid Input Error: CSV Error on Line: 3                            | 22P04 | CSV Error on Line: 3
      TransactionContext Error: cannot rollback - no transaction is active | 25P01 | cannot rollback - no transaction is active
      INTERNAL Error: Attempted to access index 3 within vector of size 3  | XX000 | Attempted to access index 3 within vector of size 3
      FATAL Error: Failed: database has been invalidated                   | XX000 | Failed: database has been invalidated
      Serialization Error: Failed to deserialize: field id mismatch        | XX000 | Failed to deserialize: field id mismatch
      Frobnicate Error: a kind of error DuckDB doesn't have yet            | XX000 | a kind of error DuckDB doesn't have yet
      Statement was closed                                                 | XX000 | Statement was closed
      """)
  void classifiesMessages(String raw, String sqlState, String message) {
    PgException error = ErrorClassifier.classify(new SQLException(raw), "select 1");

    assertThat(error.sqlState().code()).isEqualTo(sqlState);
    assertThat(error.getMessage()).isEqualTo(message);
    assertThat(error.position()).isZero();
  }

  @Test
  void unwrapsPendingResultErrorsAndCauses() {
    String raw = "Invalid Input Error: Attempting to execute an unsuccessful or closed pending "
        + "query result\nError: Catalog Error: Table with name foo does not exist!\n"
        + "Did you mean \"t\"?\n\nLINE 1: select * from foo\n                      ^";
    SQLException duckdb = new SQLException(raw);

    PgException error =
        ErrorClassifier.classify(new CompletionException(duckdb), "select * from foo");

    assertThat(error.sqlState()).isEqualTo(SqlState.UNDEFINED_TABLE);
    assertThat(error.getMessage()).isEqualTo("relation \"foo\" does not exist");
    assertThat(error.hint()).isEqualTo("Did you mean \"t\"?");
    assertThat(error.detail()).isNull();
    assertThat(error.position()).isEqualTo(15);
  }

  @Test
  void passesPgExceptionsThrough() {
    PgException ours = new PgException(SqlState.FEATURE_NOT_SUPPORTED, "not here");

    assertThat(ErrorClassifier.classify(ours, "select 1")).isSameAs(ours);
    assertThat(ErrorClassifier.classify(new RuntimeException(ours), "select 1")).isSameAs(ours);
  }

  @Test
  void classifiesThrowablesFromOutsideDuckDb() {
    assertThat(ErrorClassifier.classify(new SQLTimeoutException("timed out"), null).getMessage())
        .isEqualTo("canceling statement due to statement timeout");
    assertThat(ErrorClassifier.classify(new InterruptedException(), null).sqlState())
        .isEqualTo(SqlState.QUERY_CANCELED);
    assertThat(ErrorClassifier.classify(new OutOfMemoryError("Java heap space"), null).sqlState())
        .isEqualTo(SqlState.OUT_OF_MEMORY);

    PgException unknown = ErrorClassifier.classify(new IllegalStateException(), null);
    assertThat(unknown.sqlState()).isEqualTo(SqlState.INTERNAL_ERROR);
    assertThat(unknown.getMessage()).isEqualTo("IllegalStateException");
  }

  @Test
  void fallsBackToTheNamedTokenWhenTheCaretLineDoesNotMatchTheStatement() {
    // The statement DuckDB ran was rewritten; its caret line is not in the client's text.
    String raw = "Binder Error: Referenced column \"zz\" not found in FROM clause!\n\n"
        + "LINE 1: SELECT zz FROM rewritten_name\n               ^";

    PgException error = ErrorClassifier.classify(new SQLException(raw), "select  zz from t");

    assertThat(error.position()).isEqualTo(9);
  }

  @Test
  void positionIsZeroWithoutContextOrStatement() {
    String raw = "Binder Error: Referenced column \"zz\" not found in FROM clause!\n\n"
        + "LINE 1: select zz from t\n               ^";

    assertThat(ErrorClassifier.classify(new SQLException(raw), null).position()).isZero();
    assertThat(ErrorClassifier.classify(new SQLException(raw), "select 1").position()).isZero();
    assertThat(ErrorClassifier.classify(
        new SQLException("Catalog Error: Table with name foo does not exist!"),
        "drop table foo").position()).isZero();
  }

  @Test
  void parsesTheParts() {
    DuckDbError error = DuckDbError.parse("Binder Error: Table \"t\" does not have a column "
        + "named \"zz\"\n\nCandidate bindings: : \"c\"\n\nLINE 12: select t.zz from t\n"
        + "                ^");

    assertThat(error.type()).isEqualTo("Binder");
    assertThat(error.message()).isEqualTo("Table \"t\" does not have a column named \"zz\"");
    assertThat(error.extraLines()).containsExactly("Candidate bindings: : \"c\"");
    assertThat(error.context()).isEqualTo(
        new DuckDbError.SourceContext(12, "select t.zz from t", 7));
    assertThat(DuckDbError.parse("no type prefix here")).isNull();
    assertThat(DuckDbError.parse(null)).isNull();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      INTEGER                  | integer
      INTEGER_LITERAL          | integer
      STRING_LITERAL           | unknown
      VARCHAR                  | text
      VARCHAR[]                | text[]
      DECIMAL(18,3)            | numeric
      DOUBLE                   | double precision
      TIMESTAMP WITH TIME ZONE | timestamp with time zone
      STRUCT(a INTEGER)        | struct(a integer)
      """)
  void namesDuckDbTypesAsPostgreSqlDoes(String duckType, String pgType) {
    assertThat(NameErrors.pgTypeName(duckType)).isEqualTo(pgType);
  }

  @Test
  void splitsSignaturesAtTopLevelCommas() {
    assertThat(NameErrors.pgArgumentTypes("DECIMAL(18,3), STRUCT(a INTEGER, b VARCHAR), BIGINT"))
        .isEqualTo("numeric, struct(a integer, b varchar), bigint");
    assertThat(NameErrors.pgArgumentTypes("")).isEmpty();
  }

  @Test
  void measuresDisplayCellsAsDuckDbDoes() {
    assertThat(ErrorPosition.displayWidth('a')).isEqualTo(1);
    assertThat(ErrorPosition.displayWidth('\t')).isZero();
    assertThat(ErrorPosition.displayWidth('é')).isEqualTo(1);
    assertThat(ErrorPosition.displayWidth('中')).isEqualTo(2);
    assertThat(ErrorPosition.indexAtCell("中文', zz", 7)).isEqualTo(5);
    assertThat(ErrorPosition.indexAtCell("abc", 3)).isEqualTo(3);
    assertThat(ErrorPosition.indexAtCell("abc", 4)).isEqualTo(-1);
    assertThat(ErrorPosition.indexAtCell("select\tzz", 6)).isEqualTo(7);
  }
}
