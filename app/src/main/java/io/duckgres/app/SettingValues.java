package io.duckgres.app;

import io.duckgres.engine.ducklake.MetadataStoreFlavor;
import io.duckgres.engine.extensions.ExtensionLoader;
import io.duckgres.server.ServerConfig.AuthMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converts the text of one setting (from a flag, an environment variable or the YAML file — all
 * arrive as text) into its typed value. Every parser throws {@link IllegalArgumentException}
 * whose message is only the reason, for example {@code must be 1..65535}; the caller adds which
 * option and value were wrong, so the wording is the same whatever the source.
 */
final class SettingValues {
  private static final Pattern DURATION_PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");
  private static final String DURATION_REASON = "expected a duration such as 30s, 5m, 1h30m or 0";

  /** PostgreSQL's convention: kB, MB and GB are powers of 1024. */
  private static final Pattern BYTE_SIZE =
      Pattern.compile("(\\d+)\\s*(b|kb|kib|mb|mib|gb|gib)?", Pattern.CASE_INSENSITIVE);

  private static final long KIBIBYTE = 1024;
  private static final long MEBIBYTE = 1024 * KIBIBYTE;
  private static final long GIBIBYTE = 1024 * MEBIBYTE;

  /**
   * The units DuckDB's memory_limit accepts. The value is handed to DuckDB inside a SET statement,
   * so anything outside this shape is refused here rather than reaching SQL.
   */
  private static final Pattern MEMORY_LIMIT =
      Pattern.compile(
          "\\d+(\\.\\d+)?\\s*(b|bytes?|k|kb|kib|m|mb|mib|g|gb|gib|t|tb|tib)",
          Pattern.CASE_INSENSITIVE);

  private SettingValues() {}

  static int port(String text) {
    Integer port = integerOrNull(text);
    if (port == null || port < 1 || port > 65535) {
      throw new IllegalArgumentException("must be 1..65535");
    }
    return port;
  }

  static int integerAtLeast(String text, int minimum) {
    Integer value = integerOrNull(text);
    if (value == null || value < minimum) {
      throw new IllegalArgumentException("must be an integer >= " + minimum);
    }
    return value;
  }

  static boolean bool(String text) {
    switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on", "1":
        return true;
      case "false", "no", "off", "0":
        return false;
      default:
        throw new IllegalArgumentException("must be true or false");
    }
  }

  /** Durations in Go's spelling, since the original duckgres documents them that way. */
  static Duration duration(String text) {
    String trimmed = text.trim();
    if (trimmed.equals("0")) {
      return Duration.ZERO;
    }
    Matcher matcher = DURATION_PART.matcher(trimmed);
    Duration total = Duration.ZERO;
    int position = 0;
    while (position < trimmed.length()) {
      if (!matcher.find(position) || matcher.start() != position) {
        throw new IllegalArgumentException(DURATION_REASON);
      }
      total = total.plus(durationPart(matcher.group(1), matcher.group(2)));
      position = matcher.end();
    }
    if (position == 0) {
      throw new IllegalArgumentException(DURATION_REASON);
    }
    return total;
  }

  static Duration positiveDuration(String text) {
    Duration duration = duration(text);
    if (duration.isZero()) {
      throw new IllegalArgumentException("must be longer than 0");
    }
    return duration;
  }

  private static Duration durationPart(String amountText, String unit) {
    long amount;
    try {
      amount = Long.parseLong(amountText);
    } catch (NumberFormatException tooLarge) {
      throw new IllegalArgumentException(DURATION_REASON);
    }
    try {
      switch (unit) {
        case "ms":
          return Duration.ofMillis(amount);
        case "s":
          return Duration.ofSeconds(amount);
        case "m":
          return Duration.ofMinutes(amount);
        case "h":
          return Duration.ofHours(amount);
        default:
          return Duration.ofDays(amount);
      }
    } catch (ArithmeticException tooLarge) {
      throw new IllegalArgumentException("duration is too long");
    }
  }

  /** The shortest Go-style spelling, used to show defaults in --help. */
  static String formatDuration(Duration duration) {
    if (duration.isZero()) {
      return "0";
    }
    StringBuilder text = new StringBuilder();
    appendPart(text, duration.toHours(), "h");
    appendPart(text, duration.toMinutesPart(), "m");
    appendPart(text, duration.toSecondsPart(), "s");
    appendPart(text, duration.toMillisPart(), "ms");
    return text.toString();
  }

  private static void appendPart(StringBuilder text, long amount, String unit) {
    if (amount != 0) {
      text.append(amount).append(unit);
    }
  }

  /** A message size: plain bytes or with a kB/MB/GB suffix, at least 1kB, below 2GB. */
  static int messageSize(String text) {
    Matcher matcher = BYTE_SIZE.matcher(text.trim());
    String reason = "must be between 1kB and 2GB, e.g. 64MB";
    if (!matcher.matches()) {
      throw new IllegalArgumentException(reason);
    }
    long bytes;
    try {
      bytes = Math.multiplyExact(Long.parseLong(matcher.group(1)), unitBytes(matcher.group(2)));
    } catch (NumberFormatException | ArithmeticException tooLarge) {
      throw new IllegalArgumentException(reason);
    }
    if (bytes < KIBIBYTE || bytes > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(reason);
    }
    return (int) bytes;
  }

  private static long unitBytes(String unit) {
    if (unit == null) {
      return 1;
    }
    switch (unit.toLowerCase(Locale.ROOT)) {
      case "kb", "kib":
        return KIBIBYTE;
      case "mb", "mib":
        return MEBIBYTE;
      case "gb", "gib":
        return GIBIBYTE;
      default:
        return 1;
    }
  }

  static String formatByteSize(long bytes) {
    if (bytes != 0 && bytes % GIBIBYTE == 0) {
      return bytes / GIBIBYTE + "GB";
    }
    if (bytes != 0 && bytes % MEBIBYTE == 0) {
      return bytes / MEBIBYTE + "MB";
    }
    if (bytes != 0 && bytes % KIBIBYTE == 0) {
      return bytes / KIBIBYTE + "kB";
    }
    return String.valueOf(bytes);
  }

  static String memoryLimit(String text) {
    String trimmed = text.trim();
    if (!MEMORY_LIMIT.matcher(trimmed).matches()) {
      throw new IllegalArgumentException("expected a size with a unit, e.g. 512MB or 4GB");
    }
    return trimmed;
  }

  static String mode(String text) {
    // The control-plane and worker modes; RunMode reads the value again as an enum.
    return RunMode.Kind.parse(text).spelling;
  }

  static AuthMethod authMethod(String text) {
    try {
      return AuthMethod.parse(text);
    } catch (IllegalArgumentException unknown) {
      throw new IllegalArgumentException("allowed: scram-sha-256, password");
    }
  }

  /** The configuration spelling of an auth method, the inverse of {@link AuthMethod#parse}. */
  static String spellAuthMethod(AuthMethod method) {
    return method == AuthMethod.SCRAM_SHA_256 ? "scram-sha-256" : "password";
  }

  static String host(String text) {
    String host = text.trim();
    if (host.isEmpty() || host.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("expected a host name or IP address");
    }
    return host;
  }

  /** A comma-separated list of extension names; empty means none. */
  static List<String> extensions(String text) {
    List<String> names = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      if (part.isBlank()) {
        if (text.isBlank()) {
          break;
        }
        throw new IllegalArgumentException("expected names separated by commas, e.g. ducklake,httpfs");
      }
      String name = ExtensionLoader.checkName(part);
      if (!names.contains(name)) {
        names.add(name);
      }
    }
    return List.copyOf(names);
  }

  static MetadataStoreFlavor metadataStoreFlavor(String text) {
    return MetadataStoreFlavor.parse(text);
  }

  private static Integer integerOrNull(String text) {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException notAnInteger) {
      return null;
    }
  }
}
