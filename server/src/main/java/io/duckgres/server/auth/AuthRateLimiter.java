package io.duckgres.server.auth;

import io.duckgres.server.ServerConfig.RateLimit;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brute-force protection per client address. The session asks {@link #isBanned} before it starts
 * authentication (banned: FATAL and close), and reports every outcome with {@link #recordFailure}
 * or {@link #recordSuccess}. {@code maxFailures} failures inside a sliding {@code window} ban the
 * address for {@code banDuration}; the ban is logged once at WARN.
 *
 * <p>Memory stays bounded whatever an attacker does: an address keeps at most {@code maxFailures}
 * timestamps, idle entries are swept once per window, and past {@code maxAddresses} entries the
 * least recently active are evicted, unbanned ones first, so a flood of fresh addresses cannot
 * push out the bans it is trying to escape before it pushes out its own entries. Worst case is
 * about {@code maxAddresses * maxFailures * 8} bytes of timestamps (4 MB with the defaults).
 *
 * <p>Thread-safe: every change to an address goes through {@link ConcurrentHashMap#compute} on an
 * immutable {@link Entry}, so concurrent sessions from one address never lose a failure. Time is
 * a monotonic nanosecond clock (injectable for tests), immune to wall-clock jumps. A limit with
 * {@code maxFailures < 1} or a non-positive window or ban duration disables the limiter.
 */
public final class AuthRateLimiter {
  private static final Logger LOG = LoggerFactory.getLogger(AuthRateLimiter.class);
  public static final int DEFAULT_MAX_ADDRESSES = 100_000;

  /** Failure times in ascending order, all inside the window; a ban ends at bannedUntil. */
  private record Entry(long[] failures, boolean banned, long bannedUntil, long lastActivity) {}

  private final RateLimit limit;
  private final boolean enabled;
  private final long windowNanos;
  private final long banNanos;
  private final int maxAddresses;
  private final LongSupplier nanoClock;
  private final Map<InetAddress, Entry> entries = new ConcurrentHashMap<>();
  private final Object sweepLock = new Object();
  private volatile long lastSweep;

  public AuthRateLimiter(RateLimit limit) {
    this(limit, DEFAULT_MAX_ADDRESSES, System::nanoTime);
  }

  public AuthRateLimiter(RateLimit limit, int maxAddresses, LongSupplier nanoClock) {
    if (maxAddresses < 1) {
      throw new IllegalArgumentException("maxAddresses must be positive: " + maxAddresses);
    }
    this.limit = limit;
    this.windowNanos = limit.window().toNanos();
    this.banNanos = limit.banDuration().toNanos();
    this.enabled = limit.maxFailures() >= 1 && windowNanos > 0 && banNanos > 0;
    this.maxAddresses = maxAddresses;
    this.nanoClock = nanoClock;
    this.lastSweep = nanoClock.getAsLong();
  }

  /** Whether the address is currently refused. An expired ban is forgotten here. */
  public boolean isBanned(InetAddress address) {
    Entry entry = entries.get(address);
    if (entry == null || !entry.banned()) {
      return false;
    }
    long now = nanoClock.getAsLong();
    if (entry.bannedUntil() - now > 0) {
      return true;
    }
    entries.computeIfPresent(address, (a, e) -> isExpired(e, now) ? null : e);
    return false;
  }

  /**
   * Counts one failed authentication.
   *
   * @return true when this failure started a ban (the caller may mention it in its own log)
   */
  public boolean recordFailure(InetAddress address) {
    if (!enabled) {
      return false;
    }
    long now = nanoClock.getAsLong();
    boolean[] startedBan = {false};
    entries.compute(address, (a, e) -> {
      if (e != null && e.banned() && e.bannedUntil() - now > 0) {
        return e; // already banned: a straggling session failing changes nothing
      }
      long[] recent = e == null ? new long[0] : inWindow(e.failures(), now);
      long[] failures = Arrays.copyOf(recent, recent.length + 1);
      failures[recent.length] = now;
      if (failures.length >= limit.maxFailures()) {
        startedBan[0] = true;
        return new Entry(new long[0], true, now + banNanos, now);
      }
      return new Entry(failures, false, 0, now);
    });
    if (startedBan[0]) {
      LOG.warn("banning client {} for {} after {} failed authentication attempts within {}",
          address.getHostAddress(), limit.banDuration(), limit.maxFailures(), limit.window());
    }
    maintain(now);
    return startedBan[0];
  }

  /** A successful login clears the address's failures; a running ban stays in force. */
  public void recordSuccess(InetAddress address) {
    long now = nanoClock.getAsLong();
    // A banned entry holds no failures (they are cleared when the ban starts), so keep it as is.
    entries.computeIfPresent(address, (a, e) -> e.banned() && e.bannedUntil() - now > 0 ? e : null);
  }

  /** Number of addresses currently tracked; for tests and metrics. */
  public int trackedAddresses() {
    return entries.size();
  }

  private long[] inWindow(long[] failures, long now) {
    int first = 0;
    while (first < failures.length && now - failures[first] >= windowNanos) {
      first++;
    }
    return first == 0 ? failures : Arrays.copyOfRange(failures, first, failures.length);
  }

  /** Nothing left to remember: no running ban and no failure inside the window. */
  private boolean isExpired(Entry e, long now) {
    if (e.banned() && e.bannedUntil() - now > 0) {
      return false;
    }
    long[] f = e.failures();
    return f.length == 0 || now - f[f.length - 1] >= windowNanos;
  }

  /** Sweeps idle entries once per window, and enforces the cap when the table is over it. */
  private void maintain(long now) {
    boolean sweepDue = now - lastSweep >= windowNanos;
    if (!sweepDue && entries.size() <= maxAddresses) {
      return;
    }
    synchronized (sweepLock) {
      if (now - lastSweep >= windowNanos) {
        lastSweep = now;
        // removeIf on a ConcurrentHashMap view removes only if the value is still the one tested.
        entries.entrySet().removeIf(x -> isExpired(x.getValue(), now));
      }
      if (entries.size() > maxAddresses) {
        evictOldest(now);
      }
    }
  }

  /**
   * Brings the table down to 90% of the cap so eviction runs once per many inserts, not on each.
   * Unbanned entries go first, then the least recently active.
   */
  private void evictOldest(long now) {
    entries.entrySet().removeIf(x -> isExpired(x.getValue(), now));
    int excess = entries.size() - (maxAddresses - maxAddresses / 10);
    if (excess <= 0) {
      return;
    }
    List<Map.Entry<InetAddress, Entry>> snapshot = new ArrayList<>(entries.entrySet());
    snapshot.sort(Comparator
        .comparing((Map.Entry<InetAddress, Entry> x) -> x.getValue().banned())
        .thenComparingLong(x -> x.getValue().lastActivity() - now));
    for (int i = 0; i < excess && i < snapshot.size(); i++) {
      Map.Entry<InetAddress, Entry> victim = snapshot.get(i);
      entries.remove(victim.getKey(), victim.getValue());
    }
  }
}
