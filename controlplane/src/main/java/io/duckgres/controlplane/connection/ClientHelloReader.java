package io.duckgres.controlplane.connection;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads the server name (SNI) out of a TLS ClientHello without consuming it, so the bytes can go
 * on unchanged to whoever does the handshake (RFC 8446 section 4.1.2; RFC 6066 section 3 for the
 * server_name extension).
 *
 * <pre>
 * record:     int8 type (22 = handshake) | int16 version | int16 length | fragment
 * handshake:  int8 type (1 = ClientHello) | int24 length | body     (may span several records)
 * body:       int16 version | 32 random | int8-prefixed session id | int16-prefixed suites
 *             | int8-prefixed compression | int16-prefixed extensions
 * extension:  int16 type (0 = server_name) | int16 length | data
 * server_name: int16 list length | (int8 type (0 = host_name) | int16 length | name)*
 * </pre>
 *
 * Bounded: a ClientHello longer than {@link #MAX_CLIENT_HELLO} bytes, or records that are not a
 * handshake, are refused. Works on whatever part has arrived: {@link #read} answers "need more"
 * until the whole handshake message is in, however the TCP segments cut it.
 */
public final class ClientHelloReader {
  /** Far above what clients send (a few hundred bytes; a few KiB with post-quantum key shares). */
  public static final int MAX_CLIENT_HELLO = 64 * 1024;
  private static final int RECORD_HEADER = 5;
  private static final int MAX_RECORD_FRAGMENT = 16 * 1024;
  private static final byte HANDSHAKE = 22;
  private static final byte CLIENT_HELLO = 1;
  private static final int SERVER_NAME_EXTENSION = 0;

  private ClientHelloReader() {}

  /** What {@link #read} found. */
  public sealed interface Result permits NeedMore, Hello, NotAClientHello {}

  /** Not all of the ClientHello has arrived yet. */
  public record NeedMore() implements Result {}

  /**
   * A whole ClientHello.
   *
   * @param serverName the host name the client asked for, lower case, or null when it sent none
   * @param length bytes from the first record header to the end of the record holding the
   *     message's last byte
   */
  public record Hello(String serverName, int length) implements Result {}

  /** What arrived is not a TLS ClientHello (or is larger than allowed). */
  public record NotAClientHello(String why) implements Result {}

  /** Looks at the readable bytes of {@code in} (not moving its reader index). */
  public static Result read(ByteBuf in) {
    int start = in.readerIndex();
    int end = in.writerIndex();
    // The handshake message, gathered from the fragments of one or more records.
    byte[] message = null;
    int gathered = 0;
    int position = start;
    while (true) {
      if (end - position < RECORD_HEADER) {
        return new NeedMore();
      }
      if (in.getByte(position) != HANDSHAKE) {
        return new NotAClientHello("the first TLS record is not a handshake");
      }
      if (in.getByte(position + 1) != 3) {
        return new NotAClientHello("not a TLS record");
      }
      int fragment = in.getUnsignedShort(position + 3);
      if (fragment == 0 || fragment > MAX_RECORD_FRAGMENT) {
        return new NotAClientHello("TLS record length " + fragment + " out of range");
      }
      if (position + RECORD_HEADER + fragment - start > MAX_CLIENT_HELLO) {
        return new NotAClientHello("ClientHello longer than " + MAX_CLIENT_HELLO + " bytes");
      }
      int body = position + RECORD_HEADER;
      if (message == null) {
        if (fragment < 4) {
          return new NotAClientHello("handshake header split across records");
        }
        if (end - body < 4) {
          return new NeedMore();
        }
        if (in.getByte(body) != CLIENT_HELLO) {
          return new NotAClientHello("the first handshake message is not a ClientHello");
        }
        int length = in.getUnsignedMedium(body + 1);
        if (length + 4 > MAX_CLIENT_HELLO) {
          return new NotAClientHello("ClientHello longer than " + MAX_CLIENT_HELLO + " bytes");
        }
        message = new byte[length + 4];
      }
      if (end - position < RECORD_HEADER + fragment) {
        return new NeedMore();
      }
      int take = Math.min(fragment, message.length - gathered);
      in.getBytes(body, message, gathered, take);
      gathered += take;
      position = body + fragment;
      if (gathered == message.length) {
        return parse(message, position - start);
      }
    }
  }

  private static Result parse(byte[] message, int length) {
    try {
      Cursor cursor = new Cursor(message, 4);
      cursor.skip(2 + 32);
      cursor.skip(cursor.u8());
      cursor.skip(cursor.u16());
      cursor.skip(cursor.u8());
      if (!cursor.hasMore()) {
        return new Hello(null, length); // No extensions at all.
      }
      int extensionsLength = cursor.u16();
      int extensionsEnd = cursor.position + extensionsLength;
      cursor.limit(extensionsEnd);
      while (cursor.position < extensionsEnd) {
        int type = cursor.u16();
        int size = cursor.u16();
        if (type != SERVER_NAME_EXTENSION) {
          cursor.skip(size);
          continue;
        }
        int listLength = cursor.u16();
        int listEnd = cursor.position + listLength;
        cursor.limit(listEnd);
        while (cursor.position < listEnd) {
          int nameType = cursor.u8();
          int nameLength = cursor.u16();
          if (nameType == 0) {
            String name = cursor.ascii(nameLength);
            return new Hello(name.toLowerCase(Locale.ROOT), length);
          }
          cursor.skip(nameLength);
        }
        return new Hello(null, length);
      }
      return new Hello(null, length);
    } catch (IndexOutOfBoundsException truncated) {
      return new NotAClientHello("malformed ClientHello");
    }
  }

  /** Reads big-endian fields of the gathered message, checking every length against its end. */
  private static final class Cursor {
    private final byte[] bytes;
    private int position;
    private int limit;

    Cursor(byte[] bytes, int position) {
      this.bytes = bytes;
      this.position = position;
      this.limit = bytes.length;
    }

    boolean hasMore() {
      return position < limit;
    }

    void limit(int newLimit) {
      if (newLimit > limit) {
        throw new IndexOutOfBoundsException("length beyond its container");
      }
      limit = newLimit;
    }

    void skip(int count) {
      if (count < 0 || position + count > limit) {
        throw new IndexOutOfBoundsException("truncated");
      }
      position += count;
    }

    int u8() {
      skip(1);
      return bytes[position - 1] & 0xFF;
    }

    int u16() {
      skip(2);
      return ((bytes[position - 2] & 0xFF) << 8) | (bytes[position - 1] & 0xFF);
    }

    String ascii(int count) {
      skip(count);
      return new String(bytes, position - count, count, StandardCharsets.US_ASCII);
    }
  }
}
