package io.duckgres.pgwire.auth;

import java.text.Normalizer;

/**
 * SASLprep (RFC 4013, the stringprep profile of RFC 3454) applied to passwords the way PostgreSQL
 * does it ({@code pg_saslprep} in {@code common/saslprep.c}): if the password survives SASLprep
 * the prepared form is hashed, otherwise the raw password is used as is. pgJDBC's
 * {@code POSTGRESQL_PREPARATION} and libpq do the same on the client side; both sides must agree
 * or a non-ASCII password never matches.
 *
 * <p>Known approximation: "unassigned code point" (RFC 3454 table A.1, Unicode 3.2) is judged by
 * the JDK's newer Unicode tables, so a few code points assigned after Unicode 3.2 pass here where
 * a strict implementation would fall back to the raw password. ASCII is never changed. Where
 * PostgreSQL and RFC 4013 disagree in detail (U+200B, the string the checks run on) we follow
 * PostgreSQL, because libpq uses the same code; pgJDBC's SASLprep follows the RFC there.
 */
public final class SaslPrep {
  private SaslPrep() {}

  /** The password to feed to Hi(): prepared when SASLprep accepts it, raw otherwise. */
  public static String prepareOrRaw(String password) {
    String prepared = prepare(password);
    return prepared != null ? prepared : password;
  }

  /** SASLprep of {@code value}, or null when it contains a prohibited or ill-ordered character. */
  public static String prepare(String value) {
    // Like pg_saslprep: any pure-ASCII string is returned unchanged, control characters included.
    if (value.chars().allMatch(c -> c < 0x80)) {
      return value;
    }
    // Step 1, map: non-ASCII spaces (C.1.2) to SPACE, then "commonly mapped to nothing" (B.1)
    // removed. U+200B is in both tables; PostgreSQL tests C.1.2 first, so it becomes a space.
    StringBuilder mapped = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); ) {
      int cp = value.codePointAt(i);
      i += Character.charCount(cp);
      if (isNonAsciiSpace(cp)) {
        mapped.append(' ');
      } else if (!isMappedToNothing(cp)) {
        mapped.appendCodePoint(cp);
      }
    }
    if (mapped.length() == 0) {
      return null; // PostgreSQL: "don't allow empty password"
    }
    // Steps 3 and 4, prohibited characters and the bidirectional rule (RFC 3454 section 6).
    // pg_saslprep checks the mapped string before normalization; we do the same so both agree.
    boolean hasRandAl = false;
    boolean hasL = false;
    for (int i = 0; i < mapped.length(); ) {
      int cp = mapped.codePointAt(i);
      i += Character.charCount(cp);
      if (isProhibited(cp)) {
        return null;
      }
      byte direction = Character.getDirectionality(cp);
      hasRandAl |= isRandAl(direction);
      hasL |= direction == Character.DIRECTIONALITY_LEFT_TO_RIGHT;
    }
    if (hasRandAl) {
      int first = mapped.codePointAt(0);
      int last = mapped.codePointBefore(mapped.length());
      if (hasL
          || !isRandAl(Character.getDirectionality(first))
          || !isRandAl(Character.getDirectionality(last))) {
        return null;
      }
    }
    // Step 2, normalize with Unicode form KC.
    return Normalizer.normalize(mapped, Normalizer.Form.NFKC);
  }

  private static boolean isRandAl(byte direction) {
    return direction == Character.DIRECTIONALITY_RIGHT_TO_LEFT
        || direction == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC;
  }

  /** RFC 3454 table C.1.2. */
  private static boolean isNonAsciiSpace(int cp) {
    return cp == 0x00A0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B)
        || cp == 0x202F || cp == 0x205F || cp == 0x3000;
  }

  /** RFC 3454 table B.1. */
  private static boolean isMappedToNothing(int cp) {
    return cp == 0x00AD || cp == 0x034F || cp == 0x1806 || (cp >= 0x180B && cp <= 0x180D)
        || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || (cp >= 0xFE00 && cp <= 0xFE0F)
        || cp == 0xFEFF;
  }

  /** RFC 4013 section 2.3: tables C.1.2, C.2.1, C.2.2, C.3 to C.9, plus unassigned (A.1). */
  private static boolean isProhibited(int cp) {
    return isNonAsciiSpace(cp)
        || cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) // C.2.1, C.2.2 (C0, DEL, C1)
        || cp == 0x06DD || cp == 0x070F || cp == 0x180E || cp == 0x200C || cp == 0x200D
        || cp == 0x2028 || cp == 0x2029 || (cp >= 0x2060 && cp <= 0x2063)
        || (cp >= 0x206A && cp <= 0x206F) || cp == 0xFEFF || (cp >= 0xFFF9 && cp <= 0xFFFD)
        || (cp >= 0x1D173 && cp <= 0x1D17A) // C.2.2 and C.6
        || (cp >= 0xE000 && cp <= 0xF8FF) || cp >= 0xF0000 // C.3 private use (planes 15, 16)
        || (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE // C.4 non-characters
        || (cp >= 0xD800 && cp <= 0xDFFF) // C.5 lone surrogates
        || (cp >= 0x2FF0 && cp <= 0x2FFB) // C.7
        || cp == 0x0340 || cp == 0x0341 || cp == 0x200E || cp == 0x200F
        || (cp >= 0x202A && cp <= 0x202E) // C.8
        || cp == 0xE0001 || (cp >= 0xE0020 && cp <= 0xE007F) // C.9
        || Character.getType(cp) == Character.UNASSIGNED;
  }
}
