package io.duckgres.server.net;

import io.duckgres.server.session.Session;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Live sessions by backend process ID. Hands out the BackendKeyData (a unique PID and a random
 * secret) and resolves a CancelRequest to its session only when both match, so a wrong key changes
 * nothing.
 */
public final class SessionRegistry {
  private final Map<Integer, Session> byProcessId = new ConcurrentHashMap<>();
  private final AtomicInteger nextProcessId;
  private final SecureRandom random = new SecureRandom();
  private final int firstProcessId;
  /** Size of the PID range; 0 = unbounded (standalone). */
  private final int processIdCount;

  public SessionRegistry(int firstProcessId) {
    this(firstProcessId, 0);
  }

  /**
   * Control-plane workers: PIDs wrap around inside {@code [firstProcessId,
   * firstProcessId + processIdCount)}, a range no other live worker uses, so the control plane
   * routes a CancelRequest to the worker owning the PID's range. A PID still in use is skipped.
   */
  public SessionRegistry(int firstProcessId, int processIdCount) {
    if (processIdCount < 0 || (long) firstProcessId + processIdCount > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "bad process id range " + firstProcessId + " + " + processIdCount);
    }
    this.firstProcessId = firstProcessId;
    this.processIdCount = processIdCount;
    this.nextProcessId = new AtomicInteger(processIdCount == 0 ? firstProcessId : 0);
  }

  public int nextProcessId() {
    if (processIdCount == 0) {
      return nextProcessId.getAndIncrement() & Integer.MAX_VALUE;
    }
    int candidate = firstProcessId;
    for (int attempt = 0; attempt < processIdCount; attempt++) {
      candidate = firstProcessId
          + Math.floorMod(nextProcessId.getAndIncrement(), processIdCount);
      if (!byProcessId.containsKey(candidate)) {
        return candidate;
      }
    }
    return candidate;
  }

  public int newSecretKey() {
    return random.nextInt();
  }

  public void add(Session session) {
    byProcessId.put(session.identity().processId(), session);
  }

  public void remove(Session session) {
    byProcessId.remove(session.identity().processId(), session);
  }

  /** The session a CancelRequest names, or null when the PID is unknown or the key is wrong. */
  public Session forCancel(int processId, int secretKey) {
    Session session = byProcessId.get(processId);
    if (session == null || session.identity().secretKey() != secretKey) {
      return null;
    }
    return session;
  }

  public Collection<Session> all() {
    return byProcessId.values();
  }

  public int size() {
    return byProcessId.size();
  }
}
