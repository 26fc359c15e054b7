package io.duckgres.pgwire.copy;

import java.util.Arrays;

/** A growable byte buffer for one field, reused across fields so parsing allocates little. */
final class ByteArray {
  byte[] bytes = new byte[256];
  int length;

  void add(byte b) {
    if (length == bytes.length) {
      bytes = Arrays.copyOf(bytes, bytes.length * 2);
    }
    bytes[length++] = b;
  }

  void clear() {
    length = 0;
  }

  boolean equalsAscii(String value) {
    if (length != value.length()) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (bytes[i] != (byte) value.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
