package io.duckgres.pgwire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives a {@link Frame} its meaning. Pure: reads the frame body, never retains it. A body that
 * does not match its message's layout (missing terminator, negative count, bytes left over) is a
 * protocol violation (08P01), as PostgreSQL treats it; a string that is not valid UTF-8 is
 * refused as PostgreSQL's pg_verify_mbstr refuses it (22021). During startup either ends the
 * connection. Afterwards a well-framed message with bad content becomes {@link
 * FrontendMessage.Undecodable}, which the session answers with an ERROR like any failed statement
 * (PostgreSQL raises these as ERROR too); only an unknown message type ends the connection.
 */
public final class FrontendMessageDecoder {
  private FrontendMessageDecoder() {}

  public static FrontendMessage decode(Frame frame) {
    ByteBuf body = frame.body();
    if (frame.isStartup()) {
      FrontendMessage message;
      try {
        message = decodeStartup(body);
      } catch (InvalidText e) {
        throw PgException.fatal(SqlState.CHARACTER_NOT_IN_REPERTOIRE, e.getMessage());
      }
      requireEnd(frame, body);
      return message;
    }
    if (!isKnownType(frame.type())) {
      // PostgreSQL ends the connection here: the client and server no longer agree on framing.
      throw violation("invalid frontend message type " + (int) frame.type());
    }
    try {
      FrontendMessage message = decodeTyped(frame.type(), body);
      requireEnd(frame, body);
      return message;
    } catch (PgException e) {
      // A well-framed message whose content is wrong: PostgreSQL answers ERROR and the session
      // goes on (an extended-protocol message then skips to the next Sync).
      body.skipBytes(body.readableBytes());
      return new FrontendMessage.Undecodable(frame.type(), e.isFatal() ? asError(e) : e);
    }
  }

  private static void requireEnd(Frame frame, ByteBuf body) {
    if (body.isReadable()) {
      throw violation(
          "invalid message format: " + body.readableBytes() + " unexpected bytes after message '"
              + FrameDecoder.printable(frame.type()) + "'");
    }
  }

  private static PgException asError(PgException fatal) {
    return new PgException(PgException.Severity.ERROR, fatal.sqlState(), fatal.getMessage(),
        fatal.detail(), fatal.hint(), 0, null);
  }

  private static boolean isKnownType(byte type) {
    switch (type) {
      case 'Q': case 'P': case 'B': case 'D': case 'E': case 'C': case 'S': case 'H': case 'X':
      case 'p': case 'd': case 'c': case 'f': case 'F':
        return true;
      default:
        return false;
    }
  }

  private static FrontendMessage decodeStartup(ByteBuf body) {
    int code = body.readInt();
    switch (code) {
      case FrontendMessage.SSL_REQUEST_CODE:
        return new FrontendMessage.SslRequest();
      case FrontendMessage.GSSENC_REQUEST_CODE:
        return new FrontendMessage.GssEncRequest();
      case FrontendMessage.CANCEL_REQUEST_CODE:
        if (body.readableBytes() < 8) {
          throw violation("invalid length of cancel request");
        }
        // PostgreSQL 18 allows longer keys; BackendKeyData here carries 4-byte keys, so a longer
        // one never matches.
        int pid = body.readInt();
        int key = body.readInt();
        body.skipBytes(body.readableBytes());
        return new FrontendMessage.CancelRequest(pid, key);
      default:
        Map<String, String> parameters = new LinkedHashMap<>();
        if ((code >>> 16) == 3) {
          while (true) {
            String name = readCString(body);
            if (name.isEmpty()) {
              break;
            }
            parameters.put(name, readCString(body));
          }
        } else {
          body.skipBytes(body.readableBytes());
        }
        return new FrontendMessage.StartupMessage(code, Collections.unmodifiableMap(parameters));
    }
  }

  private static FrontendMessage decodeTyped(byte type, ByteBuf body) {
    switch (type) {
      case 'Q':
        return new FrontendMessage.Query(readCString(body));
      case 'P':
        return decodeParse(body);
      case 'B':
        return decodeBind(body);
      case 'D':
        return new FrontendMessage.Describe(readKind(body, "DESCRIBE"), readCString(body));
      case 'E':
        return new FrontendMessage.Execute(readCString(body), readInt(body));
      case 'C':
        return new FrontendMessage.Close(readKind(body, "CLOSE"), readCString(body));
      case 'S':
        return new FrontendMessage.Sync();
      case 'H':
        return new FrontendMessage.Flush();
      case 'X':
        return new FrontendMessage.Terminate();
      case 'p':
        return new FrontendMessage.AuthenticationResponse(readRemaining(body));
      case 'd':
        return new FrontendMessage.CopyData(readRemaining(body));
      case 'c':
        return new FrontendMessage.CopyDone();
      case 'f':
        return new FrontendMessage.CopyFail(readLenientCString(body));
      case 'F':
        body.skipBytes(body.readableBytes());
        return new FrontendMessage.FunctionCall();
      default:
        throw violation("invalid frontend message type " + (int) type);
    }
  }

  private static FrontendMessage decodeParse(ByteBuf body) {
    String name = readCString(body);
    String sql = readCString(body);
    int count = readCount(body, 4);
    int[] types = new int[count];
    for (int i = 0; i < count; i++) {
      types[i] = body.readInt();
    }
    return new FrontendMessage.Parse(name, sql, types);
  }

  private static FrontendMessage decodeBind(ByteBuf body) {
    String portal = readCString(body);
    String statement = readCString(body);
    short[] parameterFormats = readFormats(body);
    int count = readCount(body, 4);
    List<byte[]> parameters = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int length = readInt(body);
      if (length == -1) {
        parameters.add(null);
      } else if (length < 0 || length > body.readableBytes()) {
        throw violation("insufficient data left in message");
      } else {
        byte[] value = new byte[length];
        body.readBytes(value);
        parameters.add(value);
      }
    }
    short[] resultFormats = readFormats(body);
    return new FrontendMessage.Bind(
        portal, statement, parameterFormats, Collections.unmodifiableList(parameters), resultFormats);
  }

  private static short[] readFormats(ByteBuf body) {
    int count = readCount(body, 2);
    short[] formats = new short[count];
    for (int i = 0; i < count; i++) {
      formats[i] = body.readShort();
      if (formats[i] != 0 && formats[i] != 1) {
        throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
            "unsupported format code: " + formats[i]);
      }
    }
    return formats;
  }

  /** Reads an int16 element count and checks the body can hold that many minimum-size items. */
  private static int readCount(ByteBuf body, int minimumItemSize) {
    if (body.readableBytes() < 2) {
      throw violation("insufficient data left in message");
    }
    int count = body.readUnsignedShort();
    if ((long) count * minimumItemSize > body.readableBytes()) {
      throw violation("insufficient data left in message");
    }
    return count;
  }

  private static int readInt(ByteBuf body) {
    if (body.readableBytes() < 4) {
      throw violation("insufficient data left in message");
    }
    return body.readInt();
  }

  private static char readKind(ByteBuf body, String message) {
    if (!body.isReadable()) {
      throw violation("insufficient data left in message");
    }
    char kind = (char) body.readByte();
    if (kind != 'S' && kind != 'P') {
      throw violation("invalid " + message + " message subtype " + (int) kind);
    }
    return kind;
  }

  private static byte[] readRemaining(ByteBuf body) {
    byte[] bytes = new byte[body.readableBytes()];
    body.readBytes(bytes);
    return bytes;
  }

  /** Reads a NUL-terminated UTF-8 string; invalid UTF-8 is refused with 22021. */
  public static String readCString(ByteBuf body) {
    int start = body.readerIndex();
    int end = terminator(body);
    if (!ByteBufUtil.isText(body, start, end - start, StandardCharsets.UTF_8)) {
      throw new InvalidText(describeInvalidUtf8(body.nioBuffer(start, end - start)));
    }
    String value = body.toString(start, end - start, StandardCharsets.UTF_8);
    body.readerIndex(end + 1);
    return value;
  }

  /**
   * Decodes a text-format value (a Bind parameter) as PostgreSQL's pg_verify_mbstr would accept
   * it: invalid UTF-8 is refused with 22021, never turned into U+FFFD.
   */
  public static String decodeUtf8(byte[] bytes) {
    ByteBuf buffer = io.netty.buffer.Unpooled.wrappedBuffer(bytes);
    if (!ByteBufUtil.isText(buffer, StandardCharsets.UTF_8)) {
      throw new PgException(SqlState.CHARACTER_NOT_IN_REPERTOIRE,
          describeInvalidUtf8(ByteBuffer.wrap(bytes)));
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** For CopyFail's message, which only ends up quoted in an error: bad bytes become U+FFFD. */
  private static String readLenientCString(ByteBuf body) {
    int start = body.readerIndex();
    int end = terminator(body);
    String value = body.toString(start, end - start, StandardCharsets.UTF_8);
    body.readerIndex(end + 1);
    return value;
  }

  private static int terminator(ByteBuf body) {
    int end = body.indexOf(body.readerIndex(), body.writerIndex(), (byte) 0);
    if (end < 0) {
      throw violation("invalid string in message");
    }
    return end;
  }

  /** PostgreSQL's wording: {@code invalid byte sequence for encoding "UTF8": 0xc3 0x28}. */
  static String describeInvalidUtf8(ByteBuffer bytes) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    CharBuffer chars = CharBuffer.allocate(bytes.remaining());
    CoderResult result = decoder.decode(bytes, chars, true);
    StringBuilder message = new StringBuilder("invalid byte sequence for encoding \"UTF8\":");
    if (result.isError()) {
      // PostgreSQL shows the bytes of the offending sequence as far as it can tell them apart.
      int shown = Math.min(Math.max(result.length(), 1), bytes.remaining());
      for (int i = 0; i < shown; i++) {
        message.append(String.format(" 0x%02x", bytes.get(bytes.position() + i) & 0xff));
      }
    }
    return message.toString();
  }

  /** A string that is not valid UTF-8 (22021, an ERROR once the session is running). */
  static final class InvalidText extends PgException {
    private static final long serialVersionUID = 1L;

    InvalidText(String message) {
      super(SqlState.CHARACTER_NOT_IN_REPERTOIRE, message);
    }
  }

  private static PgException violation(String message) {
    return PgException.fatal(SqlState.PROTOCOL_VIOLATION, message);
  }
}
