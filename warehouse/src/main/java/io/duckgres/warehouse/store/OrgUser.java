package io.duckgres.warehouse.store;

import io.duckgres.pgwire.auth.ScramCredential;
import java.time.Instant;

/**
 * A user of an org, with PostgreSQL's SCRAM-SHA-256 verifier text instead of a password. The
 * verifier allows an offline dictionary attack, so {@link #toString()} leaves it out.
 *
 * @param admin the org's admin: a superuser of the org's warehouse (within the org's walls)
 */
public record OrgUser(String orgId, String name, String scramVerifier, boolean admin,
    Instant createdAt, Instant updatedAt) {

  /** The verifier as the SCRAM exchange uses it. */
  public ScramCredential credential() {
    return ScramCredential.parsePostgresSecret(scramVerifier);
  }

  @Override
  public String toString() {
    return "OrgUser[orgId=" + orgId + ", name=" + name + ", scramVerifier=***, admin=" + admin
        + ", createdAt="
        + createdAt + ", updatedAt=" + updatedAt + "]";
  }
}
