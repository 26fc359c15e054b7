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

  public SessionRegistry(int firstProcessId) {
    this.nextProcessId = new AtomicInteger(firstProcessId);
  }

  public int nextProcessId() {
    return nextProcessId.getAndIncrement() & Integer.MAX_VALUE;
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
