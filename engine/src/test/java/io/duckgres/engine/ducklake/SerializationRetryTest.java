package io.duckgres.engine.ducklake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SerializationRetryTest {
  /** DuckDB's text for a DuckLake commit the metadata store refused (CockroachDB-like proxy). */
  static final String DUCKLAKE_COMMIT_FAILED = "TransactionContext Error: Failed to commit:"
      + " Failed to commit DuckLake transaction.\nFailed to commit: Failed to execute query"
      + " \"COMMIT\": ERROR:  restart transaction: TransactionRetryWithProtoRefreshError:"
      + " TransactionRetryError: retry txn (RETRY_SERIALIZABLE - failed preemptive refresh)";

  private final List<Long> waits = new ArrayList<>();
  private final SerializationRetry retry = new SerializationRetry(
      4, Duration.ofMillis(10), Duration.ofMillis(25), waits::add);

  @Test
  void aFailedMetadataCommitIsRunAgainUntilItSucceeds() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    String result = retry.call(() -> {
      if (attempts.incrementAndGet() < 3) {
        throw new SQLException(DUCKLAKE_COMMIT_FAILED);
      }
      return "INSERT 0 1";
    });
    assertThat(result).isEqualTo("INSERT 0 1");
    assertThat(attempts).hasValue(3);
    assertThat(waits).hasSize(2);
  }

  @Test
  void waitsAreJitteredBelowAGrowingCeiling() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    assertThatThrownBy(() -> retry.call(() -> {
      attempts.incrementAndGet();
      throw new SQLException(DUCKLAKE_COMMIT_FAILED);
    })).isInstanceOf(SQLException.class).hasMessage(DUCKLAKE_COMMIT_FAILED);
    assertThat(attempts).as("bounded").hasValue(4);
    assertThat(waits).hasSize(3);
    // Ceilings: 10ms, 20ms, then capped at 25ms.
    assertThat(waits.get(0)).isBetween(0L, 10_000_000L);
    assertThat(waits.get(1)).isBetween(0L, 20_000_000L);
    assertThat(waits.get(2)).isBetween(0L, 25_000_000L);
  }

  @Test
  void otherErrorsAreNotRetried() {
    AtomicInteger attempts = new AtomicInteger();
    assertThatThrownBy(() -> retry.call(() -> {
      attempts.incrementAndGet();
      throw new SQLException("Constraint Error: Duplicate key \"id: 1\"");
    })).hasMessageContaining("Duplicate key");
    assertThat(attempts).hasValue(1);
    assertThat(waits).isEmpty();
  }

  @Test
  void recognisesTheStoresWordingsWhereverTheyAreInTheCauseChain() {
    assertThat(SerializationRetry.isSerializationFailure(new SQLException(DUCKLAKE_COMMIT_FAILED)))
        .isTrue();
    assertThat(SerializationRetry.isSerializationFailure(new SQLException(
        "Failed to execute query: ERROR:  could not serialize access due to concurrent update")))
        .isTrue();
    assertThat(SerializationRetry.isSerializationFailure(new SQLException("x", "40001"))).isTrue();
    // EngineSession's classified error keeps DuckDB's exception as its cause.
    PgException classified = new PgException(PgException.Severity.ERROR,
        SqlState.INVALID_TRANSACTION_STATE, "Failed to commit: Failed to commit DuckLake transaction.",
        null, null, 0, new SQLException(DUCKLAKE_COMMIT_FAILED));
    assertThat(SerializationRetry.isSerializationFailure(classified)).isTrue();
    assertThat(SerializationRetry.isSerializationFailure(
        new SQLException("TransactionContext Error: Conflict on update!"))).isFalse();
    assertThat(SerializationRetry.isSerializationFailure(new RuntimeException((String) null)))
        .isFalse();
    assertThat(SerializationRetry.mentionsSerializationFailure(null)).isFalse();
    assertThat(SerializationRetry.mentionsSerializationFailure("pq: SQLSTATE 40001")).isTrue();
    assertThat(SerializationRetry.mentionsSerializationFailure("Failed to commit DuckLake"
        + " transaction.\nExceeded the maximum retry count of 10 set by the"
        + " ducklake_max_retry_count setting.")).isTrue();
  }

  @Test
  void uncheckedFailuresFromTheSessionAreRetriedToo() {
    AtomicInteger attempts = new AtomicInteger();
    String result = SerializationRetry.autocommit(() -> {
      if (attempts.incrementAndGet() == 1) {
        throw new PgException(SqlState.SERIALIZATION_FAILURE, "restart transaction");
      }
      return "ok";
    });
    assertThat(result).isEqualTo("ok");
    assertThat(attempts).hasValue(2);
  }
}
