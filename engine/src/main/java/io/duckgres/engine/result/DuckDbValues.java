package io.duckgres.engine.result;

import io.duckgres.pgwire.types.PgInterval;
import io.duckgres.pgwire.types.IntervalType;
import io.netty.buffer.Unpooled;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Blob;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads DuckDB values as the Java values the pgwire types expect, including DuckDB's encodings of
 * infinity: the largest and smallest representable date or timestamp.
 */
final class DuckDbValues {
  /** DuckDB's date infinity is day 2^31-1 after the epoch; -infinity is -(2^31-1). */
  private static final long DATE_INFINITY_DAYS = Integer.MAX_VALUE;
  /** DuckDB's timestamp infinity is 2^63-1 microseconds after the epoch; -infinity its negation. */
  private static final long TIMESTAMP_INFINITY_MICROS = Long.MAX_VALUE;
  private static final LocalDateTime EPOCH = LocalDateTime.of(1970, 1, 1, 0, 0);

  private DuckDbValues() {}

  static LocalDate date(LocalDate value) {
    long days = value.toEpochDay();
    if (days >= DATE_INFINITY_DAYS) {
      return LocalDate.MAX;
    }
    if (days <= -DATE_INFINITY_DAYS) {
      return LocalDate.MIN;
    }
    return value;
  }

  /** The driver's DATE value (a LocalDate; java.sql.Date from older drivers) as a LocalDate. */
  static LocalDate localDate(Object value) {
    if (value instanceof LocalDate) {
      return (LocalDate) value;
    }
    if (value instanceof java.sql.Date) {
      return ((java.sql.Date) value).toLocalDate();
    }
    return LocalDate.parse(value.toString());
  }

  static LocalDateTime timestamp(LocalDateTime value) {
    if (value.getYear() > 290000 || value.getYear() < -290000) {
      long micros = ChronoUnit.MICROS.between(EPOCH, value);
      if (micros >= TIMESTAMP_INFINITY_MICROS) {
        return LocalDateTime.MAX;
      }
      if (micros <= -TIMESTAMP_INFINITY_MICROS) {
        return LocalDateTime.MIN;
      }
    }
    return value;
  }

  static OffsetDateTime timestampTz(OffsetDateTime value) {
    LocalDateTime utc = timestamp(value.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
    if (utc == LocalDateTime.MAX) {
      return OffsetDateTime.MAX;
    }
    if (utc == LocalDateTime.MIN) {
      return OffsetDateTime.MIN;
    }
    return value;
  }

  /** DuckDB hands intervals out as text ("1 year 2 months 3 days 04:05:06.789"). */
  static PgInterval interval(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    return IntervalType.INSTANCE.readText(Unpooled.wrappedBuffer(bytes), bytes.length);
  }

  static BigDecimal decimal(Object value) {
    if (value instanceof BigDecimal) {
      return (BigDecimal) value;
    }
    if (value instanceof BigInteger) {
      return new BigDecimal((BigInteger) value);
    }
    return new BigDecimal(value.toString());
  }

  static byte[] bytes(ResultSet row, int index) throws SQLException {
    Object value = row.getObject(index);
    if (value == null) {
      return null;
    }
    if (value instanceof byte[]) {
      return (byte[]) value;
    }
    if (value instanceof Blob) {
      Blob blob = (Blob) value;
      return blob.getBytes(1, (int) blob.length());
    }
    return value.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A LIST value as a Java list, elements converted with {@code element}. */
  static List<Object> list(Array array, java.util.function.Function<Object, Object> element)
      throws SQLException {
    return list(array, 1, element);
  }

  /**
   * A LIST nested {@code depth} deep (1: a plain list) as Java lists of lists, the innermost
   * elements converted with {@code element}.
   */
  static List<Object> list(Array array, int depth,
      java.util.function.Function<Object, Object> element) throws SQLException {
    Object[] items = (Object[]) array.getArray();
    List<Object> converted = new ArrayList<>(items.length);
    for (Object item : items) {
      if (item == null) {
        converted.add(null);
      } else if (depth > 1) {
        converted.add(list((Array) item, depth - 1, element));
      } else {
        converted.add(element.apply(item));
      }
    }
    return converted;
  }
}
