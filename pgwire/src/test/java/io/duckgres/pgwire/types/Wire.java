package io.duckgres.pgwire.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * Test helpers: run a codec against a fresh buffer and hand back plain bytes, checking on the way
 * that readers consume exactly their value (a sentinel byte follows every input) and that every
 * buffer is released.
 */
final class Wire {
  private static final int SENTINEL = 0xEE;

  private Wire() {}

  /** Bytes from hex, spaces allowed: {@code "0001 ff"}. */
  static byte[] hex(String hex) {
    return ByteBufUtil.decodeHexDump(hex.replace(" ", ""));
  }

  static String hexOf(byte[] bytes) {
    return ByteBufUtil.hexDump(bytes);
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static <T> String text(PgType<T> type, T value) {
    return text(type, value, FormatOptions.DEFAULT);
  }

  static <T> String text(PgType<T> type, T value, FormatOptions options) {
    ByteBuf out = Unpooled.buffer(1);
    try {
      type.writeText(value, out, options);
      return out.toString(StandardCharsets.UTF_8);
    } finally {
      assertThat(out.release()).isTrue();
    }
  }

  static <T> String binaryHex(PgType<T> type, T value) {
    ByteBuf out = Unpooled.buffer(1);
    try {
      type.writeBinary(value, out);
      return ByteBufUtil.hexDump(out);
    } finally {
      assertThat(out.release()).isTrue();
    }
  }

  static <T> T readText(PgType<T> type, String text) {
    return readText(type, text, FormatOptions.DEFAULT);
  }

  static <T> T readText(PgType<T> type, String text, FormatOptions options) {
    return readTextBytes(type, utf8(text), options);
  }

  static <T> T readTextBytes(PgType<T> type, byte[] bytes, FormatOptions options) {
    ByteBuf in = withSentinel(bytes);
    try {
      T value = type.readText(in, bytes.length, options);
      assertThat(in.readerIndex()).as("bytes consumed").isEqualTo(bytes.length);
      return value;
    } finally {
      in.release();
    }
  }

  static <T> T readBinary(PgType<T> type, String hex) {
    byte[] bytes = hex(hex);
    ByteBuf in = withSentinel(bytes);
    try {
      T value = type.readBinary(in, bytes.length);
      assertThat(in.readerIndex()).as("bytes consumed").isEqualTo(bytes.length);
      return value;
    } finally {
      in.release();
    }
  }

  private static ByteBuf withSentinel(byte[] bytes) {
    ByteBuf in = Unpooled.buffer(bytes.length + 1);
    in.writeBytes(bytes);
    in.writeByte(SENTINEL);
    return in;
  }

  /** Asserts a PgException with exactly this SQLSTATE and message. */
  static void assertPgError(ThrowingCallable call, SqlState state, String message) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            PgException.class,
            e -> {
              assertThat(e.getMessage()).isEqualTo(message);
              assertThat(e.sqlState()).isEqualTo(state);
            });
  }

  static void assertPgError(ThrowingCallable call, SqlState state) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(PgException.class, e -> assertThat(e.sqlState()).isEqualTo(state));
  }
}
