package io.duckgres.controlplane.worker;

import io.duckgres.controlplane.proto.ListSessionsResponse;
import io.duckgres.controlplane.proto.LiveSession;
import io.duckgres.controlplane.proto.RateWindow;
import io.duckgres.controlplane.proto.StatementRateResponse;
import io.duckgres.server.operations.Operations;
import io.duckgres.server.operations.StatementRate;
import java.time.OffsetDateTime;

/**
 * The answers of the admin console's worker calls (ListSessions, StatementRate), read from this
 * process's operational record.
 */
final class WorkerActivity {
  private WorkerActivity() {}

  static ListSessionsResponse sessions() {
    ListSessionsResponse.Builder answer = ListSessionsResponse.newBuilder();
    for (io.duckgres.server.operations.LiveSession session
        : Operations.process().liveSessions()) {
      answer.addSessions(LiveSession.newBuilder()
          .setProcessId(session.processId())
          .setUser(session.user())
          .setOrg(session.org() == null ? "" : session.org())
          .setDatabase(session.database())
          .setState(session.state())
          .setQuery(session.query() == null ? "" : session.query())
          .setQueryStartMillis(millis(session.queryStart()))
          .setBackendStartMillis(millis(session.backendStart()))
          .setClientAddress(session.clientAddress() == null ? "" : session.clientAddress()));
    }
    return answer.build();
  }

  static StatementRateResponse statementRate() {
    StatementRateResponse.Builder answer = StatementRateResponse.newBuilder();
    for (StatementRate.Sample sample : Operations.process().statementRate().lastHour()) {
      if (sample.statements() == 0) {
        continue;
      }
      RateWindow.Builder window = RateWindow.newBuilder()
          .setStartMillis(sample.startMillis())
          .setStatements(sample.statements());
      for (long count : sample.buckets()) {
        window.addBuckets(count);
      }
      answer.addWindows(window);
    }
    return answer.build();
  }

  private static long millis(OffsetDateTime time) {
    return time == null ? 0 : time.toInstant().toEpochMilli();
  }
}
