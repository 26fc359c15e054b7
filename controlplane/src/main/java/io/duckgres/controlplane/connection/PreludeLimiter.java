package io.duckgres.controlplane.connection;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The control plane's own connection limit: how many connections one client address may have in
 * the prelude at once (accepted here, not yet handed to a worker). A client that opens
 * connections and sends nothing ties up memory and a timer here; past the limit it is refused at
 * once instead. Authentication-failure bans are the workers' (the standalone limiter, per worker).
 */
public final class PreludeLimiter {
  public static final int MAX_PER_ADDRESS = 64;

  private final Map<InetAddress, Integer> inPrelude = new ConcurrentHashMap<>();
  private final int limit;

  public PreludeLimiter(int limit) {
    this.limit = limit;
  }

  /** Counts a connection in; false (and not counted) when the address is at its limit. */
  boolean enter(InetAddress address) {
    boolean[] admitted = {false};
    inPrelude.compute(address, (a, count) -> {
      int now = count == null ? 0 : count;
      if (now >= limit) {
        return count;
      }
      admitted[0] = true;
      return now + 1;
    });
    return admitted[0];
  }

  void leave(InetAddress address) {
    inPrelude.computeIfPresent(address, (a, count) -> count <= 1 ? null : count - 1);
  }

  int inPrelude(InetAddress address) {
    return inPrelude.getOrDefault(address, 0);
  }
}
