package io.duckgres.pgwire.types;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

  /** Offsets are tabulated up to 2200-01-01; later instants ask the ZoneRules. */
  private static final long TABLE_END_EPOCH_SECOND = 7_258_118_400L;

  private final ZoneId timeZone;
  private final ZoneRules rules;
  private final int fixedOffsetSeconds;
  private final boolean fixedOffset;
  // The zone's transitions as plain arrays, so that printing a timestamptz looks its offset up by
  // binary search without the allocations of ZoneRules.getOffset(Instant).
  private final long[] transitionEpochSeconds;
  private final int[] offsetAfterTransition;
  private final int offsetBeforeTransitions;

  private FormatOptions(ZoneId timeZone) {
    this.timeZone = Objects.requireNonNull(timeZone, "timeZone");
    this.rules = timeZone.getRules();
    this.fixedOffset = rules.isFixedOffset();
    this.fixedOffsetSeconds = fixedOffset ? rules.getOffset(Instant.EPOCH).getTotalSeconds() : 0;
    List<ZoneOffsetTransition> transitions = new ArrayList<>();
    ZoneOffsetTransition next = fixedOffset ? null : rules.nextTransition(Instant.MIN);
    while (next != null && next.toEpochSecond() < TABLE_END_EPOCH_SECOND) {
      transitions.add(next);
      next = rules.nextTransition(next.getInstant());
    }
    this.transitionEpochSeconds = new long[transitions.size()];
    this.offsetAfterTransition = new int[transitions.size()];
    for (int i = 0; i < transitions.size(); i++) {
      transitionEpochSeconds[i] = transitions.get(i).toEpochSecond();
      offsetAfterTransition[i] = transitions.get(i).getOffsetAfter().getTotalSeconds();
    }
    this.offsetBeforeTransitions =
        transitions.isEmpty()
            ? fixedOffsetSeconds
            : transitions.get(0).getOffsetBefore().getTotalSeconds();
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
    if (epochSecond >= TABLE_END_EPOCH_SECOND) {
      return rules.getOffset(Instant.ofEpochSecond(epochSecond)).getTotalSeconds();
    }
    int index = Arrays.binarySearch(transitionEpochSeconds, epochSecond);
    if (index < 0) {
      index = -index - 2; // the last transition before the instant
    }
    return index < 0 ? offsetBeforeTransitions : offsetAfterTransition[index];
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
