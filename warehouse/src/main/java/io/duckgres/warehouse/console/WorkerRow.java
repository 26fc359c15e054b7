package io.duckgres.warehouse.console;

/**
 * One worker process of a control plane.
 *
 * @param id the worker's number in its pool
 * @param pid the operating system's process id
 * @param org the org it serves, or null while neutral (or without tenants)
 * @param flavor the metadata-store flavor it is pinned to, or null
 * @param connections client connections it holds
 * @param state {@code starting}, {@code active}, {@code draining} or {@code stopped}
 * @param uptimeSeconds since the control plane started (or adopted) it
 * @param restarts how many workers before it in the same data slot died or hung and were replaced
 */
public record WorkerRow(int id, long pid, String org, String flavor, int connections,
    String state, long uptimeSeconds, int restarts) {}
