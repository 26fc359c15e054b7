package io.duckgres.warehouse.store;

import java.time.Instant;

/**
 * A tenant: its id (a DNS label, also the SNI prefix) and the database name clients put in their
 * StartupMessage to reach it; both are unique across the store.
 */
public record Org(String id, String databaseName, Instant createdAt, Instant updatedAt) {}
