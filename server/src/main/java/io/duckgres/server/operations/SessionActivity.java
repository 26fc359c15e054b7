package io.duckgres.server.operations;

import io.duckgres.engine.catalog.ServerActivity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's side of pg_stat_activity, pg_stat_statements and the signal functions: the live
 * sessions of this process (each one's {@link StatementObserver}) and the statement statistics.
 *
 * <p>Signals follow PostgreSQL: a PID no session has gives false; a user may cancel or terminate
 * their own sessions, a superuser any; anyone else gets 42501.
 */
final class SessionActivity implements ServerActivity {
  private static final Logger LOG = LoggerFactory.getLogger(SessionActivity.class);

  private final Map<Integer, StatementObserver> live = new ConcurrentHashMap<>();
  private final StatementStatistics statistics = new StatementStatistics();
  private volatile Predicate<String> superuser = user -> false;

  void superusers(Predicate<String> isSuperuser) {
    superuser = isSuperuser;
  }

  void started(StatementObserver session) {
    live.put(session.processId(), session);
  }

  void ended(StatementObserver session) {
    live.remove(session.processId(), session);
  }

  StatementStatistics statistics() {
    return statistics;
  }

  @Override
  public List<Backend> backends(String database) {
    List<Backend> rows = new ArrayList<>();
    for (StatementObserver session : live.values()) {
      if (session.database().equals(database)) {
        rows.add(session.backend());
      }
    }
    return rows;
  }

  @Override
  public List<StatementStats> statements() {
    return statistics.snapshot();
  }

  @Override
  public void resetStatements() {
    statistics.reset();
  }

  @Override
  public SignalResult signal(String database, int caller, int target, boolean terminate) {
    StatementObserver victim = live.get(target);
    StatementObserver requester = live.get(caller);
    if (victim == null || requester == null) {
      return SignalResult.NO_SUCH_BACKEND;
    }
    if (!victim.user().equals(requester.user()) && !superuser.test(requester.user())) {
      return SignalResult.NOT_ALLOWED;
    }
    LOG.info("session {} of user {}: {} session {}", caller, requester.user(),
        terminate ? "terminating" : "cancelling the statement of", target);
    if (terminate) {
      victim.terminate(caller == target);
    } else {
      victim.cancel();
    }
    return SignalResult.SENT;
  }
}
