package io.duckgres.engine.ducklake;

import java.util.Locale;

/**
 * Which PostgreSQL-protocol server holds a DuckLake catalog. postgres_scanner reads the catalog
 * with binary COPY and parallel {@code ctid} range scans; CockroachDB implements neither, so that
 * flavor switches postgres_scanner to the text protocol and plain scans before ATTACH.
 */
public enum MetadataStoreFlavor {
  POSTGRES("postgres"),
  COCKROACHDB("cockroachdb");

  private final String spelling;

  MetadataStoreFlavor(String spelling) {
    this.spelling = spelling;
  }

  /** The configuration spelling: {@code postgres} or {@code cockroachdb}. */
  public String spelling() {
    return spelling;
  }

  /**
   * Parses {@code metadata_store_flavor}. Empty or absent means PostgreSQL, so configurations
   * written before the setting existed keep their behaviour. Anything unknown is refused rather
   * than read as PostgreSQL: a typo would otherwise surface only as a failed ATTACH much later.
   *
   * @throws IllegalArgumentException naming the allowed values
   */
  public static MetadataStoreFlavor parse(String value) {
    if (value == null || value.isBlank()) {
      return POSTGRES;
    }
    String wanted = value.strip().toLowerCase(Locale.ROOT);
    for (MetadataStoreFlavor flavor : values()) {
      if (flavor.spelling.equals(wanted)) {
        return flavor;
      }
    }
    throw new IllegalArgumentException(
        "unknown metadata store flavor '" + value.strip() + "' (allowed: postgres, cockroachdb)");
  }

  @Override
  public String toString() {
    return spelling;
  }
}
