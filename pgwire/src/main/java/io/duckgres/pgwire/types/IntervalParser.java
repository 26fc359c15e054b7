package io.duckgres.pgwire.types;

import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Interval text input, after PostgreSQL's DecodeInterval / DecodeISO8601Interval:
 *
 * <ul>
 *   <li>postgres style: {@code [@] 1 year 2 mons -3 days 04:05:06.7 [ago]}, units abbreviated or
 *       attached ({@code 1y 2mon 3d 4h 5m 6s}), each unit at most once;
 *   <li>{@code h:m[:s[.f]]} is a time, {@code y-m} years and months, and a number without a unit
 *       takes the unit of the field after it (seconds when last, days before a time);
 *   <li>ISO 8601: {@code P1Y2M3DT4H5M6S}, {@code P1W}, {@code P0001-02-03T04:05:06}.
 * </ul>
 *
 * Fractions cascade down as in PostgreSQL: {@code 1.5 years} is 1 year 6 mons, {@code 1.5 mons}
 * 1 mon 15 days (30-day months), {@code 1.5 days} 1 day 12:00:00.
 */
final class IntervalParser {
  private static final long MICROS_PER_SECOND = 1_000_000L;
  private static final long MICROS_PER_DAY = 86_400L * MICROS_PER_SECOND;

  // Field bits, for PostgreSQL's "each unit at most once" rule.
  private static final int YEAR = 1;
  private static final int MONTH = 1 << 1;
  private static final int DAY = 1 << 2;
  private static final int HOUR = 1 << 3;
  private static final int MINUTE = 1 << 4;
  private static final int SECOND = 1 << 5;
  private static final int MILLISECOND = 1 << 6;
  private static final int MICROSECOND = 1 << 7;
  private static final int WEEK = 1 << 8;
  private static final int DECADE = 1 << 9;
  private static final int CENTURY = 1 << 10;
  private static final int MILLENNIUM = 1 << 11;

  private final String input;
  private final String s;
  private int pos;
  private int seen;
  private long months;
  private long days;
  private long micros;

  private IntervalParser(String input) {
    this.input = input;
    this.s = TextCodec.trim(input).toLowerCase(Locale.ROOT);
  }

  static PgInterval parse(String input) {
    return new IntervalParser(input).run();
  }

  private PgInterval run() {
    try {
      if (s.startsWith("p")) {
        pos = 1;
        iso();
      } else {
        postgres();
      }
    } catch (ArithmeticException e) {
      throw fieldOverflow();
    }
    if (seen == 0) {
      throw invalid();
    }
    if (months != (int) months || days != (int) days) {
      throw fieldOverflow();
    }
    return new PgInterval((int) months, (int) days, micros);
  }

  /**
   * The postgres style. Like DecodeInterval, fields are taken right to left so that a bare number
   * gets the unit of the field after it: seconds at the end, days before a time ({@code 5 1:00} is
   * 5 days 01:00:00), and a repeated unit — which is invalid — otherwise ({@code 1 2 days}).
   */
  private void postgres() {
    List<String[]> fields = new ArrayList<>(); // {number or time, unit or ""}
    boolean ago = false;
    while (skipSpaces()) {
      char c = s.charAt(pos);
      if (c == '@' && fields.isEmpty()) {
        pos++;
      } else if (Character.isLetter(c)) {
        if (!word().equals("ago")) {
          throw invalid();
        }
        ago = true; // anywhere, and more than once, negating once: as PostgreSQL does
      } else {
        String token = numberToken();
        skipSpaces();
        String unit = pos < s.length() && Character.isLetter(s.charAt(pos)) ? word() : "";
        if (unit.equals("ago")) {
          if (token.indexOf(':') < 0) {
            throw invalid(); // PostgreSQL rejects "10 ago" but takes "2:00 ago"
          }
          ago = true;
          unit = "";
        }
        fields.add(new String[] {token, unit});
      }
    }
    String type = "s";
    for (int i = fields.size() - 1; i >= 0; i--) {
      String token = fields.get(i)[0];
      String unit = fields.get(i)[1];
      if (token.indexOf(':') >= 0 && unit.isEmpty()) {
        time(token);
        type = "d";
      } else if (token.indexOf('-', 1) > 0 && unit.isEmpty()) {
        yearsMonths(token);
      } else {
        type = unit.isEmpty() ? type : unit;
        apply(token, type);
      }
    }
    if (ago) {
      months = -months;
      days = -days;
      micros = -micros;
    }
  }

  /** A signed number, a time h:m[:s] or years-months y-m. */
  private String numberToken() {
    int start = pos;
    if (s.charAt(pos) == '+' || s.charAt(pos) == '-') {
      pos++;
    }
    while (pos < s.length() && (isDigit(s.charAt(pos)) || s.charAt(pos) == '.'
        || s.charAt(pos) == ':' || (s.charAt(pos) == '-' && pos > start))) {
      pos++;
    }
    return s.substring(start, pos);
  }

  /** SQL-standard {@code [-]y-m}. */
  private void yearsMonths(String token) {
    add(YEAR | MONTH);
    boolean negative = token.charAt(0) == '-';
    int dash = token.indexOf('-', 1);
    long years = Long.parseLong(digits(token.substring(negative ? 1 : 0, dash)));
    long extraMonths = Long.parseLong(digits(token.substring(dash + 1)));
    months = Math.addExact(months, (negative ? -1 : 1) * (years * 12 + extraMonths));
  }

  private void apply(String token, String unit) {
    boolean negative = token.startsWith("-");
    String unsigned = token.startsWith("-") || token.startsWith("+") ? token.substring(1) : token;
    int point = unsigned.indexOf('.');
    String whole = point < 0 ? unsigned : unsigned.substring(0, point);
    String fractionDigits = point < 0 ? "" : unsigned.substring(point + 1);
    if ((whole.isEmpty() && fractionDigits.isEmpty()) || !digitsOnly(whole)
        || !digitsOnly(fractionDigits)) {
      throw invalid();
    }
    long value = whole.isEmpty() ? 0 : Long.parseLong(digits(whole));
    double fraction = fractionDigits.isEmpty() ? 0 : Double.parseDouble("0." + fractionDigits);
    if (negative) {
      value = -value;
      fraction = -fraction;
    }
    String u = unit.length() > 10 ? unit.substring(0, 10) : unit;
    switch (u) {
      case "s", "sec", "secs", "second", "seconds" -> {
        add(SECOND);
        addMicros(value, fraction, MICROS_PER_SECOND);
      }
      case "m", "min", "mins", "minute", "minutes" -> {
        add(MINUTE);
        addMicros(value, fraction, 60 * MICROS_PER_SECOND);
      }
      case "h", "hr", "hrs", "hour", "hours" -> {
        add(HOUR);
        addMicros(value, fraction, 3600 * MICROS_PER_SECOND);
      }
      case "d", "day", "days" -> {
        add(DAY);
        addDays(value, fraction, 1);
      }
      case "w", "week", "weeks" -> {
        add(WEEK);
        addDays(value, fraction, 7);
      }
      case "mon", "mons", "month", "months" -> {
        add(MONTH);
        months = Math.addExact(months, value);
        addDays(0, fraction * 30, 1);
      }
      case "y", "yr", "yrs", "year", "years" -> addYears(YEAR, value, fraction, 1);
      case "dec", "decs", "decade", "decades" -> addYears(DECADE, value, fraction, 10);
      case "c", "cent", "century", "centuries" -> addYears(CENTURY, value, fraction, 100);
      case "mil", "mils", "millennia", "millennium" -> addYears(MILLENNIUM, value, fraction, 1000);
      case "ms", "msec", "msecs", "msecond", "mseconds", "millisecon" -> {
        add(MILLISECOND);
        addMicros(value, fraction, 1000);
      }
      case "us", "usec", "usecs", "usecond", "useconds", "microsecon" -> {
        add(MICROSECOND);
        addMicros(value, fraction, 1);
      }
      default -> throw invalid();
    }
  }

  private void addYears(int field, long value, double fraction, int yearsPerUnit) {
    add(field);
    months = Math.addExact(months, Math.multiplyExact(value, 12L * yearsPerUnit));
    months = Math.addExact(months, (long) Math.rint(fraction * 12 * yearsPerUnit));
  }

  /** Whole days plus a fraction of {@code daysPerUnit} days spilling into the time part. */
  private void addDays(long value, double fraction, int daysPerUnit) {
    days = Math.addExact(days, Math.multiplyExact(value, daysPerUnit));
    double fractionalDays = fraction * daysPerUnit;
    long wholeDays = (long) fractionalDays;
    days = Math.addExact(days, wholeDays);
    micros = Math.addExact(micros, (long) Math.rint((fractionalDays - wholeDays) * MICROS_PER_DAY));
  }

  private void addMicros(long value, double fraction, long microsPerUnit) {
    micros = Math.addExact(micros, Math.multiplyExact(value, microsPerUnit));
    micros = Math.addExact(micros, (long) Math.rint(fraction * microsPerUnit));
  }

  /** {@code [-]h:m[:s[.f]]}, or {@code m:s.f} when the second field has a fraction. */
  private void time(String token) {
    add(HOUR | MINUTE | SECOND);
    boolean negative = token.startsWith("-");
    String[] parts = token.substring(token.startsWith("-") || token.startsWith("+") ? 1 : 0)
        .split(":", -1);
    if (parts.length > 3) {
      throw invalid();
    }
    long total;
    if (parts.length == 2 && parts[1].indexOf('.') >= 0) {
      total = field(parts[0], 59) * 60 * MICROS_PER_SECOND + seconds(parts[1]);
    } else {
      total = Math.multiplyExact(Long.parseLong(digits(parts[0])), 3600 * MICROS_PER_SECOND);
      total += field(parts[1], 59) * 60 * MICROS_PER_SECOND;
      total += parts.length == 3 ? seconds(parts[2]) : 0;
    }
    micros = Math.addExact(micros, negative ? -total : total);
  }

  private long seconds(String part) {
    int point = part.indexOf('.');
    long whole = field(point < 0 ? part : part.substring(0, point), 60);
    String fractionDigits = point < 0 ? "" : part.substring(point + 1);
    if (!digitsOnly(fractionDigits)) {
      throw invalid();
    }
    double fraction = fractionDigits.isEmpty() ? 0 : Double.parseDouble("0." + fractionDigits);
    return whole * MICROS_PER_SECOND + (long) Math.rint(fraction * MICROS_PER_SECOND);
  }

  private long field(String digits, int max) {
    long value = Long.parseLong(digits(digits));
    if (value > max) {
      throw TypeErrors.fieldOutOfRange(input);
    }
    return value;
  }

  /** ISO 8601 durations, after the leading P. */
  private void iso() {
    boolean timePart = false;
    if (pos < s.length() && isDigit(s.charAt(pos)) && s.indexOf('-', pos) > 0
        && s.indexOf('y') < 0 && s.indexOf('d') < 0) {
      isoAlternative();
      return;
    }
    while (pos < s.length()) {
      if (s.charAt(pos) == 't' && !timePart) {
        timePart = true;
        pos++;
        continue;
      }
      int start = pos;
      while (pos < s.length() && (isDigit(s.charAt(pos)) || s.charAt(pos) == '.'
          || ((s.charAt(pos) == '-' || s.charAt(pos) == '+') && pos == start))) {
        pos++;
      }
      if (pos == start || pos >= s.length()) {
        throw invalid();
      }
      String number = s.substring(start, pos);
      char designator = s.charAt(pos++);
      String unit = switch (designator) {
        case 'y' -> timePart ? null : "y";
        case 'm' -> timePart ? "m" : "mon";
        case 'w' -> timePart ? null : "w";
        case 'd' -> timePart ? null : "d";
        case 'h' -> timePart ? "h" : null;
        case 's' -> timePart ? "s" : null;
        default -> null;
      };
      if (unit == null) {
        throw invalid();
      }
      apply(number, unit);
    }
  }

  /** {@code PYYYY-MM-DDThh:mm:ss}. */
  private void isoAlternative() {
    String rest = s.substring(pos);
    int t = rest.indexOf('t');
    String[] date = (t < 0 ? rest : rest.substring(0, t)).split("-", -1);
    if (date.length != 3) {
      throw invalid();
    }
    add(YEAR | MONTH | DAY);
    months = Math.addExact(months, Long.parseLong(digits(date[0])) * 12 + field(date[1], 11));
    days = Math.addExact(days, Long.parseLong(digits(date[2])));
    if (t >= 0) {
      time(rest.substring(t + 1));
    }
    pos = s.length();
  }

  private void add(int fields) {
    if ((seen & fields) != 0) {
      throw invalid();
    }
    seen |= fields;
  }

  private String word() {
    int start = pos;
    while (pos < s.length() && Character.isLetter(s.charAt(pos))) {
      pos++;
    }
    return s.substring(start, pos);
  }

  /** Skips whitespace; returns whether anything is left. */
  private boolean skipSpaces() {
    while (pos < s.length() && TextCodec.isSpace(s.charAt(pos))) {
      pos++;
    }
    return pos < s.length();
  }

  private String digits(String text) {
    if (text.isEmpty() || !digitsOnly(text)) {
      throw invalid();
    }
    if (text.length() > 18) {
      throw fieldOverflow();
    }
    return text;
  }

  private static boolean digitsOnly(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (!isDigit(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** PostgreSQL says 22015 (interval_field_overflow), which SqlState lacks; 22008 is nearest. */
  private PgException fieldOverflow() {
    return new PgException(
        SqlState.DATETIME_FIELD_OVERFLOW, "interval field value out of range: \"" + input + "\"");
  }

  private PgException invalid() {
    return TypeErrors.invalidDatetime("interval", input);
  }
}
