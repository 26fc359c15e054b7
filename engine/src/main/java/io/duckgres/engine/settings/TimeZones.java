package io.duckgres.engine.settings;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * TimeZone names in the time zone database's own spelling. PostgreSQL finds a zone whatever case
 * it is written in and shows the database's spelling: its grammar lower-cases an unquoted
 * {@code SET TimeZone = UTC}, and SHOW answers "UTC".
 */
final class TimeZones {
  private static final Map<String, String> NAMES = new HashMap<>();

  static {
    for (String id : ZoneId.getAvailableZoneIds()) {
      NAMES.put(id.toLowerCase(Locale.ROOT), id);
    }
    NAMES.put("utc", "UTC");
  }

  private TimeZones() {}

  /** The database's spelling of {@code zone}; other values (offsets, POSIX specs) as given. */
  static String canonical(String zone) {
    return NAMES.getOrDefault(zone.toLowerCase(Locale.ROOT), zone);
  }
}
