package io.duckgres.controlplane.pool;

import io.duckgres.controlplane.proto.LiveSession;
import io.duckgres.controlplane.proto.RateWindow;
import io.duckgres.server.operations.StatementRate;
import io.duckgres.warehouse.console.ConsoleSource;
import io.duckgres.warehouse.console.RateSample;
import io.duckgres.warehouse.console.SessionRow;
import io.duckgres.warehouse.console.WorkerRow;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin console's view of a control plane: the pool's workers as the control plane knows
 * them, and the sessions and statement rate each worker reports over its control socket. A worker
 * that does not answer in time is left out of that answer (its row in the worker list remains).
 * The workers' rate windows are merged by adding their histograms, so the p95 is the pool's.
 */
final class PoolConsole implements ConsoleSource {
  private static final Logger LOG = LoggerFactory.getLogger(PoolConsole.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(3);

  private final PoolMembers members;

  PoolConsole(PoolMembers members) {
    this.members = members;
  }

  @Override
  public boolean hasWorkers() {
    return true;
  }

  @Override
  public List<WorkerRow> workers() {
    List<WorkerRow> rows = new ArrayList<>();
    long now = System.currentTimeMillis();
    for (Worker worker : members.all()) {
      long started = worker.process.info().startInstant().map(Instant::toEpochMilli)
          .orElse(now - Duration.ofNanos(System.nanoTime() - worker.startedNanos).toMillis());
      rows.add(new WorkerRow(worker.id, worker.pid, worker.org(),
          worker.flavor() == null ? null : worker.flavor().spelling(), worker.connections(),
          worker.state().name().toLowerCase(Locale.ROOT), Math.max(0, (now - started) / 1000),
          members.restarts(worker.dataSlot)));
    }
    rows.sort(java.util.Comparator.comparingInt(WorkerRow::id));
    return rows;
  }

  @Override
  public List<SessionRow> sessions() {
    List<SessionRow> rows = new ArrayList<>();
    for (Worker worker : answering()) {
      try {
        for (LiveSession session : worker.sessions(TIMEOUT)) {
          rows.add(new SessionRow(session.getProcessId(), session.getUser(),
              session.getOrg().isEmpty() ? null : session.getOrg(), session.getDatabase(),
              session.getState(), session.getQuery(),
              session.getQueryStartMillis() == 0 ? null : session.getQueryStartMillis(),
              session.getBackendStartMillis(),
              session.getClientAddress().isEmpty() ? null : session.getClientAddress(),
              worker.id));
        }
      } catch (StatusRuntimeException unanswered) {
        LOG.debug("{} did not list its sessions: {}", worker, unanswered.getStatus());
      }
    }
    rows.sort(java.util.Comparator.comparingInt(SessionRow::processId));
    return rows;
  }

  @Override
  public boolean signal(int processId, boolean terminate) {
    Worker worker = members.ownerOf(processId).orElse(null);
    if (worker == null) {
      return false;
    }
    try {
      return worker.signalSession(processId, terminate, TIMEOUT);
    } catch (StatusRuntimeException unanswered) {
      LOG.warn("{} did not take the operator's {} of session {}: {}", worker,
          terminate ? "terminate" : "cancel", processId, unanswered.getStatus());
      return false;
    }
  }

  @Override
  public List<RateSample> statementRate() {
    Map<Long, long[]> merged = new HashMap<>();
    for (Worker worker : answering()) {
      try {
        for (RateWindow window : worker.statementRate(TIMEOUT)) {
          long[] sum = merged.computeIfAbsent(window.getStartMillis(),
              start -> new long[StatementRate.BUCKETS]);
          for (int i = 0; i < Math.min(window.getBucketsCount(), sum.length); i++) {
            sum[i] += window.getBuckets(i);
          }
        }
      } catch (StatusRuntimeException unanswered) {
        LOG.debug("{} did not report its statement rate: {}", worker, unanswered.getStatus());
      }
    }
    long now = System.currentTimeMillis();
    long newest = now - Math.floorMod(now, StatementRate.WINDOW_MILLIS);
    List<RateSample> samples = new ArrayList<>(StatementRate.WINDOWS);
    for (int i = StatementRate.WINDOWS - 1; i >= 0; i--) {
      long start = newest - i * StatementRate.WINDOW_MILLIS;
      long[] buckets = merged.get(start);
      long count = 0;
      if (buckets != null) {
        for (long bucket : buckets) {
          count += bucket;
        }
      }
      samples.add(new RateSample(start, count * 1000.0 / StatementRate.WINDOW_MILLIS,
          buckets == null ? 0 : StatementRate.percentile(buckets, 0.95)));
    }
    return samples;
  }

  /** Workers that run sessions: started ones still in the pool. */
  private List<Worker> answering() {
    return members.all().stream()
        .filter(w -> w.state() == Worker.State.ACTIVE || w.state() == Worker.State.DRAINING)
        .toList();
  }
}
