package io.duckgres.engine.sql.transform;

import java.lang.ref.WeakReference;

/**
 * The characters a parse-tree location points at. Locations are byte offsets into the UTF-8
 * text; Java strings count UTF-16 units, so an offset is turned into an index by counting the
 * encoded width of the characters before it. Nodes are mostly visited in the order of the text,
 * so each thread keeps its place in the last statement and walks on from there: a statement's
 * locations cost one pass over its text, not one per location.
 */
final class SourceText {
  private static final ThreadLocal<Place> PLACE = ThreadLocal.withInitial(Place::new);

  private SourceText() {}

  /** Whether {@code sql} at byte offset {@code location} starts with {@code prefix} (any case). */
  static boolean startsWithAt(String sql, int location, String prefix) {
    int index = index(sql, location);
    return index >= 0 && sql.regionMatches(true, index, prefix, 0, prefix.length());
  }

  /** The index in {@code sql} of byte offset {@code location}; -1 when it is outside the text. */
  static int index(String sql, int location) {
    if (location < 0) {
      return -1;
    }
    Place place = PLACE.get();
    if (place.sql.get() != sql || place.bytes > location) {
      place.sql = new WeakReference<>(sql);
      place.bytes = 0;
      place.index = 0;
    }
    int bytes = place.bytes;
    int index = place.index;
    while (bytes < location && index < sql.length()) {
      char c = sql.charAt(index);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c) && index + 1 < sql.length()
          && Character.isLowSurrogate(sql.charAt(index + 1))) {
        bytes += 4;
        index++;
      } else {
        bytes += 3;
      }
      index++;
    }
    place.bytes = bytes;
    place.index = index;
    return bytes == location && index < sql.length() ? index : -1;
  }

  /** Where the last look at a statement ended (byte offset and the index it corresponds to). */
  private static final class Place {
    /** Weak, so that a thread does not keep a large statement alive after it was translated. */
    WeakReference<String> sql = new WeakReference<>(null);
    int bytes;
    int index;
  }
}
