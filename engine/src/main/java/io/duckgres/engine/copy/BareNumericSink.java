package io.duckgres.engine.copy;

import io.duckgres.pgwire.copy.RowSink;
import io.duckgres.engine.numeric.BareNumeric;
import java.nio.charset.StandardCharsets;

/**
 * Checks the values of {@code numeric} columns without precision before they reach the CSV that
 * DuckDB loads: DuckDB's CSV reader would truncate digits its {@code DECIMAL(38,10)} cannot hold,
 * so such a value fails the COPY with 22003 instead (see {@link BareNumeric}).
 */
final class BareNumericSink implements RowSink {
  private final RowSink next;
  private final boolean[] checked;
  private int column;

  BareNumericSink(RowSink next, boolean[] checked) {
    this.next = next;
    this.checked = checked;
  }

  /** {@code next} itself when no column needs checking. */
  static RowSink wrap(RowSink next, boolean[] checked) {
    for (boolean check : checked) {
      if (check) {
        return new BareNumericSink(next, checked);
      }
    }
    return next;
  }

  private boolean checking() {
    return column < checked.length && checked[column];
  }

  @Override
  public void field(byte[] bytes, int length, boolean isNull) {
    if (!isNull && checking()) {
      BareNumeric.check(new String(bytes, 0, length, StandardCharsets.UTF_8));
    }
    column++;
    next.field(bytes, length, isNull);
  }

  @Override
  public void text(byte[] bytes, int offset, int length) {
    if (checking()) {
      BareNumeric.check(new String(bytes, offset, length, StandardCharsets.UTF_8));
    }
    column++;
    next.text(bytes, offset, length);
  }

  @Override
  public void value(Object value) {
    if (value != null && checking()) {
      BareNumeric.check(value);
    }
    column++;
    next.value(value);
  }

  @Override
  public void integer(long value) {
    if (checking()) {
      BareNumeric.check(java.math.BigDecimal.valueOf(value));
    }
    column++;
    next.integer(value);
  }

  @Override
  public void float8(double value) {
    column++;
    next.float8(value);
  }

  @Override
  public void endRow(long line) {
    column = 0;
    next.endRow(line);
  }
}
