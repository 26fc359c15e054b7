package io.duckgres.warehouse.console;

/**
 * One live client session.
 *
 * @param processId the backend PID, which cancel and terminate name
 * @param user the user it logged in as
 * @param org the org (tenant mode), or null
 * @param database the database it is connected to
 * @param state {@code active}, {@code idle} or {@code idle in transaction}
 * @param query the running statement, or the last one when idle
 * @param queryStartMillis when that statement started (epoch milliseconds), or null
 * @param backendStartMillis when the session started (epoch milliseconds)
 * @param clientAddress the client's address, or null
 * @param worker the id of the worker running it, or null in standalone mode
 */
public record SessionRow(int processId, String user, String org, String database, String state,
    String query, Long queryStartMillis, long backendStartMillis, String clientAddress,
    Integer worker) {}
