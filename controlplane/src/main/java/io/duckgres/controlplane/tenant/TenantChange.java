package io.duckgres.controlplane.tenant;

/**
 * Something about an org changed in the directory.
 *
 * @param org the org, or null when everything may have changed (the directory lost track)
 * @param kind what changed
 */
public record TenantChange(String org, Kind kind) {
  public enum Kind {
    /** Users were added, removed or got a new password. */
    USERS,
    /** The warehouse changed state (provisioned, failed, being deleted). */
    WAREHOUSE,
    /** The org is gone. */
    DELETED,
    /** Anything may have changed. */
    RESYNC
  }
}
