package io.duckgres.pgwire.types;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.Objects;

/**
 * The session settings that change how values look as text: today the {@code TimeZone} used to
 * print and parse {@code timestamptz} (DateStyle is always ISO, IntervalStyle always postgres,
 * extra_float_digits always positive, i.e. shortest round-trip output — the PostgreSQL 12+
 * default). Immutable; a session swaps in a new instance when {@code SET TimeZone} runs.
 */
public final class FormatOptions {
  /** UTC, the server default. */
  public static final FormatOptions DEFAULT = new FormatOptions(ZoneOffset.UTC);

  private final ZoneId timeZone;
  private final ZoneRules rules;
  private final int fixedOffsetSeconds;
  private final boolean fixedOffset;

  private FormatOptions(ZoneId timeZone) {
    this.timeZone = Objects.requireNonNull(timeZone, "timeZone");
    this.rules = timeZone.getRules();
    this.fixedOffset = rules.isFixedOffset();
    this.fixedOffsetSeconds = fixedOffset ? rules.getOffset(Instant.EPOCH).getTotalSeconds() : 0;
  }

  public static FormatOptions of(ZoneId timeZone) {
    return ZoneOffset.UTC.equals(timeZone) ? DEFAULT : new FormatOptions(timeZone);
  }

  /** The session TimeZone. */
  public ZoneId timeZone() {
    return timeZone;
  }

  /** The UTC offset, in seconds east of Greenwich, in force at an instant. */
  int offsetSecondsAt(long epochSecond) {
    if (fixedOffset) {
      return fixedOffsetSeconds;
    }
    return rules.getOffset(Instant.ofEpochSecond(epochSecond)).getTotalSeconds();
  }

  /** The rules of the session time zone, for local-to-UTC conversion on input. */
  ZoneRules rules() {
    return rules;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FormatOptions o && o.timeZone.equals(timeZone);
  }

  @Override
  public int hashCode() {
    return timeZone.hashCode();
  }

  @Override
  public String toString() {
    return "FormatOptions[timeZone=" + timeZone + "]";
  }
}
