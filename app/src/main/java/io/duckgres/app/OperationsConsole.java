package io.duckgres.app;

import io.duckgres.server.operations.LiveSession;
import io.duckgres.server.operations.Operations;
import io.duckgres.server.operations.StatementRate;
import io.duckgres.warehouse.console.ConsoleSource;
import io.duckgres.warehouse.console.RateSample;
import io.duckgres.warehouse.console.SessionRow;
import io.duckgres.warehouse.console.WorkerRow;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The admin console's source in standalone mode: this process's own sessions and statement rate
 * (its operational record); there are no workers.
 */
final class OperationsConsole implements ConsoleSource {
  private final Operations operations = Operations.process();

  @Override
  public boolean hasWorkers() {
    return false;
  }

  @Override
  public List<WorkerRow> workers() {
    return List.of();
  }

  @Override
  public List<SessionRow> sessions() {
    List<SessionRow> rows = new ArrayList<>();
    for (LiveSession session : operations.liveSessions()) {
      rows.add(new SessionRow(session.processId(), session.user(), session.org(),
          session.database(), session.state(), session.query(), millis(session.queryStart()),
          millis(session.backendStart()), session.clientAddress(), null));
    }
    return rows;
  }

  @Override
  public boolean signal(int processId, boolean terminate) {
    return operations.signalAsOperator(processId, terminate);
  }

  @Override
  public List<RateSample> statementRate() {
    List<RateSample> samples = new ArrayList<>();
    for (StatementRate.Sample sample : operations.statementRate().lastHour()) {
      samples.add(new RateSample(sample.startMillis(), sample.perSecond(), sample.p95Millis()));
    }
    return samples;
  }

  private static Long millis(OffsetDateTime time) {
    return time == null ? null : time.toInstant().toEpochMilli();
  }
}
