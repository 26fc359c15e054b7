package io.duckgres.pgwire.copy;

import java.util.Set;

/**
 * What the COPY data parsers need of a COPY statement's options (PostgreSQL docs, "COPY",
 * Parameters), already resolved to PostgreSQL's defaults for the format.
 *
 * @param kind text, CSV or binary
 * @param delimiter the field separator (tab for text, comma for CSV)
 * @param nullString the text of a NULL ({@code \N} for text, an empty unquoted string for CSV)
 * @param header CSV: the first line is a header and is skipped
 * @param quote CSV quote byte
 * @param escape CSV escape byte
 * @param forceNotNull CSV FORCE_NOT_NULL columns
 * @param forceNull CSV FORCE_NULL columns
 */
public record CopyFormat(Kind kind, byte delimiter, String nullString, boolean header, byte quote,
    byte escape, Set<String> forceNotNull, Set<String> forceNull) {

  /** The three COPY formats. */
  public enum Kind {
    TEXT,
    CSV,
    BINARY
  }

  /** PostgreSQL's text format with its defaults. */
  public static CopyFormat text() {
    return new CopyFormat(Kind.TEXT, (byte) '\t', "\\N", false, (byte) '"', (byte) '"', Set.of(),
        Set.of());
  }

  /** PostgreSQL's CSV format with its defaults, optionally with a header line. */
  public static CopyFormat csv(boolean header) {
    return new CopyFormat(Kind.CSV, (byte) ',', "", header, (byte) '"', (byte) '"', Set.of(),
        Set.of());
  }
}
