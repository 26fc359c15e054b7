package io.duckgres.engine.numeric;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * PostgreSQL's {@code to_char(number, template)} for templates of digit positions ({@code 9}:
 * blank when a leading zero, {@code 0}: always a digit), the decimal point ({@code .} or
 * {@code D}), group separators ({@code ,} or {@code G}), a sign ({@code S}) and fill mode
 * ({@code FM}: no padding, no trailing zeros at {@code 9} positions). Without {@code S} the text
 * has one position more, for the sign: blank, or a minus before the first digit. A value with
 * more integer digits than the template has positions is written as {@code #}s.
 */
public final class NumberFormat {
  private NumberFormat() {}

  /** True when {@code template} uses only what {@link #format} understands. */
  public static boolean understands(String template) {
    String body = stripFillMode(template);
    if (body.startsWith("S") || body.startsWith("s")) {
      body = body.substring(1);
    }
    boolean digit = false;
    int points = 0;
    for (char c : body.toCharArray()) {
      if (c == '9' || c == '0') {
        digit = true;
      } else if (c == '.' || c == 'D' || c == 'd') {
        points++;
      } else if (c != ',' && c != 'G' && c != 'g') {
        return false;
      }
    }
    return digit && points <= 1;
  }

  /** {@code value} (a number's text) written by {@code template}. */
  public static String format(String value, String template) {
    if (!understands(template)) {
      throw new IllegalArgumentException("unsupported to_char template \"" + template + "\"");
    }
    boolean fillMode = !stripFillMode(template).equals(template);
    String body = stripFillMode(template);
    boolean explicitSign = body.startsWith("S") || body.startsWith("s");
    if (explicitSign) {
      body = body.substring(1);
    }
    String normalized = body.replace('D', '.').replace('d', '.').replace('G', ',')
        .replace('g', ',');
    int point = normalized.indexOf('.');
    String integerPart = point < 0 ? normalized : normalized.substring(0, point);
    String fractionPart = point < 0 ? "" : normalized.substring(point + 1).replace(",", "");
    BigDecimal number = new BigDecimal(value.strip()).setScale(fractionPart.length(),
        RoundingMode.HALF_UP);
    boolean negative = number.signum() < 0;
    String plain = number.abs().toPlainString();
    int dot = plain.indexOf('.');
    String digits = dot < 0 ? plain : plain.substring(0, dot);
    String fraction = dot < 0 ? "" : plain.substring(dot + 1);
    if (digits.equals("0") && (!fractionPart.isEmpty() || integerPart.isEmpty())) {
      digits = "";
    }
    int positions = integerPart.replace(",", "").length();
    StringBuilder out = new StringBuilder();
    if (digits.length() > positions) {
      for (char c : integerPart.toCharArray()) {
        out.append(c == ',' ? ',' : '#');
      }
      out.insert(0, ' ');
      if (point >= 0) {
        out.append('.').append("#".repeat(fractionPart.length()));
      }
      return fillMode ? out.toString().strip() : out.toString();
    }
    // The integer positions, right-aligned; a leading 0 position starts the digits early.
    int leading = positions - digits.length();
    int position = 0;
    int firstDigit = -1;
    boolean started = false;
    for (char c : integerPart.toCharArray()) {
      if (c == ',') {
        out.append(started ? ',' : ' ');
        continue;
      }
      if (position < leading) {
        started |= c == '0';
        out.append(started ? '0' : ' ');
      } else {
        started = true;
        out.append(digits.charAt(position - leading));
      }
      if (started && firstDigit < 0) {
        firstDigit = out.length() - 1;
      }
      position++;
    }
    if (digits.isEmpty() && !started && point < 0 && out.length() > 0) {
      out.setCharAt(out.length() - 1, '0');
      firstDigit = out.length() - 1;
    }
    if (firstDigit < 0) {
      firstDigit = out.length();
    }
    out.insert(0, ' ');
    firstDigit++;
    char sign = negative ? '-' : explicitSign ? '+' : ' ';
    out.setCharAt(firstDigit - 1, sign);
    if (point >= 0) {
      StringBuilder tail = new StringBuilder(fraction);
      if (fillMode) {
        int keep = fractionPart.lastIndexOf('0') + 1;
        while (tail.length() > keep && tail.charAt(tail.length() - 1) == '0') {
          tail.setLength(tail.length() - 1);
        }
      }
      out.append('.').append(tail);
    }
    String text = out.toString();
    return fillMode ? text.strip() : text;
  }

  private static String stripFillMode(String template) {
    return template.regionMatches(true, 0, "FM", 0, 2) ? template.substring(2) : template;
  }
}
