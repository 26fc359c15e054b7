package io.duckgres.pgwire;

import java.util.List;
import java.util.Map;

/**
 * Messages a client sends, decoded into small immutable values. Names follow the PostgreSQL
 * documentation, "Message Formats" (protocol-message-formats.html). Byte payloads that outlive the
 * frame (Bind parameters, CopyData) are copied out so no value holds a Netty buffer.
 */
public sealed interface FrontendMessage {

  /** Protocol version 3.0 as sent in StartupMessage. */
  int PROTOCOL_3_0 = 196608;

  int SSL_REQUEST_CODE = 80877103;
  int GSSENC_REQUEST_CODE = 80877104;
  int CANCEL_REQUEST_CODE = 80877102;

  /** {@code int32 len | int32 protocol | (cstring name, cstring value)* | 0}. */
  record StartupMessage(int protocolVersion, Map<String, String> parameters)
      implements FrontendMessage {
    public int majorVersion() {
      return protocolVersion >>> 16;
    }

    public int minorVersion() {
      return protocolVersion & 0xFFFF;
    }
  }

  /** {@code int32 8 | int32 80877103}. */
  record SslRequest() implements FrontendMessage {}

  /** {@code int32 8 | int32 80877104}. */
  record GssEncRequest() implements FrontendMessage {}

  /** {@code int32 16 | int32 80877102 | int32 pid | int32 secret}. */
  record CancelRequest(int processId, int secretKey) implements FrontendMessage {}

  /** {@code 'Q' | int32 len | cstring query}. */
  record Query(String sql) implements FrontendMessage {}

  /** {@code 'P' | int32 len | cstring name | cstring query | int16 n | int32 oid * n}. */
  record Parse(String name, String sql, int[] parameterTypes) implements FrontendMessage {}

  /**
   * {@code 'B' | int32 len | cstring portal | cstring statement | int16 nf | int16 fmt * nf | int16
   * np | (int32 len | byte * len) * np | int16 nr | int16 fmt * nr}. A null entry in {@code
   * parameters} is SQL NULL (length -1).
   */
  record Bind(
      String portal,
      String statement,
      short[] parameterFormats,
      List<byte[]> parameters,
      short[] resultFormats)
      implements FrontendMessage {}

  /** {@code 'D' | int32 len | byte 'S'|'P' | cstring name}. */
  record Describe(char kind, String name) implements FrontendMessage {}

  /** {@code 'E' | int32 len | cstring portal | int32 maxRows}. */
  record Execute(String portal, int maxRows) implements FrontendMessage {}

  /** {@code 'C' | int32 len | byte 'S'|'P' | cstring name}. */
  record Close(char kind, String name) implements FrontendMessage {}

  /** {@code 'S' | int32 4}. */
  record Sync() implements FrontendMessage {}

  /** {@code 'H' | int32 4}. */
  record Flush() implements FrontendMessage {}

  /** {@code 'X' | int32 4}. */
  record Terminate() implements FrontendMessage {}

  /**
   * {@code 'p' | int32 len | bytes}. PasswordMessage, SASLInitialResponse and SASLResponse share
   * the type byte; only the authentication state tells them apart, so the payload stays raw.
   */
  record AuthenticationResponse(byte[] payload) implements FrontendMessage {}

  /** {@code 'd' | int32 len | bytes}. */
  record CopyData(byte[] data) implements FrontendMessage {}

  /** {@code 'c' | int32 4}. */
  record CopyDone() implements FrontendMessage {}

  /** {@code 'f' | int32 len | cstring message}. */
  record CopyFail(String message) implements FrontendMessage {}

  /** {@code 'F' | ...}: the legacy fast-path function call; decoded only to be refused. */
  record FunctionCall() implements FrontendMessage {}

  /**
   * A well-framed message of {@code type} whose text could not be accepted (invalid UTF-8): the
   * session answers {@code error} where the message would have been handled, and goes on.
   */
  record Undecodable(byte type, PgException error) implements FrontendMessage {}
}
