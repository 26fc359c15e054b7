package io.duckgres.pgwire;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives a {@link Frame} its meaning. Pure: reads the frame body, never retains it. A body that
 * does not match its message's layout (missing terminator, negative count, bytes left over) is a
 * protocol violation (08P01), as PostgreSQL treats it.
 */
public final class FrontendMessageDecoder {
  private FrontendMessageDecoder() {}

  public static FrontendMessage decode(Frame frame) {
    ByteBuf body = frame.body();
    FrontendMessage message =
        frame.type() == Frame.STARTUP ? decodeStartup(body) : decodeTyped(frame.type(), body);
    if (body.isReadable()) {
      throw violation(
          "invalid message format: " + body.readableBytes() + " unexpected bytes after message '"
              + FrameDecoder.printable(frame.type()) + "'");
    }
    return message;
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
        // PostgreSQL 18 allows longer keys; we issue 4-byte keys, so a longer one never matches.
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
        return new FrontendMessage.Describe(readKind(body), readCString(body));
      case 'E':
        return new FrontendMessage.Execute(readCString(body), readInt(body));
      case 'C':
        return new FrontendMessage.Close(readKind(body), readCString(body));
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
        return new FrontendMessage.CopyFail(readCString(body));
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
        throw violation("unsupported format code: " + formats[i]);
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

  private static char readKind(ByteBuf body) {
    if (!body.isReadable()) {
      throw violation("insufficient data left in message");
    }
    char kind = (char) body.readByte();
    if (kind != 'S' && kind != 'P') {
      throw violation("invalid DESCRIBE/CLOSE message subtype " + (int) kind);
    }
    return kind;
  }

  private static byte[] readRemaining(ByteBuf body) {
    byte[] bytes = new byte[body.readableBytes()];
    body.readBytes(bytes);
    return bytes;
  }

  /** Reads a NUL-terminated UTF-8 string. */
  public static String readCString(ByteBuf body) {
    int end = body.indexOf(body.readerIndex(), body.writerIndex(), (byte) 0);
    if (end < 0) {
      throw violation("invalid string in message");
    }
    String value = body.toString(body.readerIndex(), end - body.readerIndex(), StandardCharsets.UTF_8);
    body.readerIndex(end + 1);
    return value;
  }

  private static PgException violation(String message) {
    return PgException.fatal(SqlState.PROTOCOL_VIOLATION, message);
  }
}
