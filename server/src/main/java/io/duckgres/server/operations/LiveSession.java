package io.duckgres.server.operations;

import java.time.OffsetDateTime;

/**
 * One live session as an operator sees it (the admin console's sessions page): who, on which
 * database, in which state, and the statement it runs or ran last.
 *
 * @param processId the backend PID (pg_stat_activity's {@code pid})
 * @param org the org a tenant's worker serves, or null
 * @param state {@code active}, {@code idle} or {@code idle in transaction}
 * @param query the running statement, or the last one when idle ("" before the first)
 * @param queryStart when that statement started, or null before the first
 * @param clientAddress the client's address, or null when unknown
 */
public record LiveSession(int processId, String user, String org, String database, String state,
    String query, OffsetDateTime queryStart, OffsetDateTime backendStart, String clientAddress) {}
