package io.duckgres.engine.ducklake;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Keeps one process on one metadata-store flavor. The CockroachDB flavor works by switching
 * postgres_scanner to its text protocol and off {@code ctid} scans with {@code SET GLOBAL}, and
 * the original system treats those switches as process-wide: a process that attached a PostgreSQL
 * catalog and then a CockroachDB one (or the reverse) would run one of them with the wrong scan
 * path. So the first DuckLake attach claims its flavor for the life of the process and a second
 * attach with the other flavor is refused, as the control plane pins a tenant to workers of one
 * flavor.
 */
public final class FlavorGuard {
  private static final AtomicReference<MetadataStoreFlavor> CLAIMED = new AtomicReference<>();

  private FlavorGuard() {}

  /**
   * Claims {@code flavor} for this process, or confirms it is the one already claimed.
   *
   * @throws IllegalStateException when another flavor was claimed first
   */
  public static void claim(MetadataStoreFlavor flavor) {
    MetadataStoreFlavor previous = CLAIMED.compareAndExchange(null, flavor);
    if (previous != null && previous != flavor) {
      throw new IllegalStateException("this process already attached a DuckLake catalog whose"
          + " metadata store flavor is " + previous + "; it cannot also attach one of flavor "
          + flavor + " (postgres_scanner's pg_use_text_protocol and pg_use_ctid_scan are global)."
          + " Serve " + flavor + " catalogs from a separate duckgres process");
    }
  }

  /** The flavor this process is pinned to, or null before the first attach. */
  public static MetadataStoreFlavor claimed() {
    return CLAIMED.get();
  }

  /** Forgets the claim; only tests, which run many configurations in one JVM, call this. */
  static void resetForTests() {
    CLAIMED.set(null);
  }
}
