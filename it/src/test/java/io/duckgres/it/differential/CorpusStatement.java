package io.duckgres.it.differential;

/**
 * One statement of the corpus: where it is, its text, whether its rows come in no defined order
 * ({@code -- unordered}: RETURNING of several rows, which ORDER BY cannot sort), and — when our
 * server is known to answer differently from PostgreSQL — the reason, from its {@code -- known:
 * <reason>} marker.
 */
record CorpusStatement(String file, int line, String sql, boolean unordered,
    String knownDifference) {
  boolean isKnownDifference() {
    return knownDifference != null;
  }

  String location() {
    return file + ":" + line;
  }
}
