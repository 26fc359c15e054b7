package io.duckgres.pgwire.types;

import java.time.Duration;

/**
 * A PostgreSQL {@code interval}: months, days and microseconds kept apart, because a month and a
 * day have no fixed length (a day across a daylight-saving change, a month of 28 to 31 days).
 * The fields carry their own signs, like PostgreSQL's ({@code 1 mon -1 days} is valid).
 */
public record PgInterval(int months, int days, long microseconds) {
  public static final PgInterval ZERO = new PgInterval(0, 0, 0);

  /** An interval of whole months and days and a time part given as a Duration. */
  public static PgInterval of(int months, int days, Duration time) {
    return new PgInterval(months, days, Math.addExact(
        Math.multiplyExact(time.getSeconds(), 1_000_000L), time.getNano() / 1000));
  }

  /** The time part (hours, minutes, seconds) as a Duration. */
  public Duration time() {
    return Duration.ofSeconds(Math.floorDiv(microseconds, 1_000_000L),
        Math.floorMod(microseconds, 1_000_000L) * 1000);
  }
}
