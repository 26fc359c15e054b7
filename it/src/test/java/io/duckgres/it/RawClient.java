package io.duckgres.it;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A bare-socket PostgreSQL client for the cases real drivers never produce: malformed and
 * oversized messages, garbage, protocol versions from the past. Plaintext, cleartext password.
 */
final class RawClient implements AutoCloseable {
  final Socket socket;
  final DataOutputStream out;
  final DataInputStream in;

  RawClient(int port) throws IOException {
    this(new Socket("127.0.0.1", port));
    socket.setSoTimeout(15_000);
  }

  /** Over a socket the caller has connected (and tuned). */
  RawClient(Socket connected) throws IOException {
    socket = connected;
    out = new DataOutputStream(socket.getOutputStream());
    in = new DataInputStream(new java.io.BufferedInputStream(socket.getInputStream(), 1 << 16));
  }

  /** A backend message: type and body. */
  record Message(char type, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /** ErrorResponse/NoticeResponse fields by code ('C' SQLSTATE, 'M' message, 'S' severity). */
    Map<Character, String> fields() {
      Map<Character, String> fields = new HashMap<>();
      int i = 0;
      while (i < body.length && body[i] != 0) {
        char code = (char) body[i++];
        int end = i;
        while (body[end] != 0) {
          end++;
        }
        fields.put(code, new String(body, i, end - i, StandardCharsets.UTF_8));
        i = end + 1;
      }
      return fields;
    }
  }

  void startup(String user, int protocol) throws IOException {
    byte[] params = ("user\0" + user + "\0database\0" + user + "\0\0").getBytes(StandardCharsets.UTF_8);
    out.writeInt(8 + params.length);
    out.writeInt(protocol);
    out.write(params);
    out.flush();
  }

  /** Startup with cleartext password authentication; returns once ReadyForQuery arrives. */
  void login(String user, String password) throws IOException {
    startup(user, 196608);
    Message auth = read();
    if (auth.type() != 'R') {
      throw new IOException("expected authentication request, got " + auth.type() + " "
          + auth.fields());
    }
    byte[] pw = (password + "\0").getBytes(StandardCharsets.UTF_8);
    send('p', pw);
    readUntil('Z');
  }

  /** Sends one message whose body is {@code parts} one after the other. */
  void send(char type, byte[]... parts) throws IOException {
    int length = 4;
    for (byte[] part : parts) {
      length += part.length;
    }
    out.writeByte(type);
    out.writeInt(length);
    for (byte[] part : parts) {
      out.write(part);
    }
    out.flush();
  }

  void query(String sql) throws IOException {
    send('Q', (sql + "\0").getBytes(StandardCharsets.UTF_8));
  }

  Message read() throws IOException {
    char type = (char) in.readUnsignedByte();
    int length = in.readInt();
    byte[] body = new byte[length - 4];
    in.readFully(body);
    return new Message(type, body);
  }

  /** Reads messages until one of the given type arrives; returns it. */
  Message readUntil(char type) throws IOException {
    while (true) {
      Message message = read();
      if (message.type() == type) {
        return message;
      }
    }
  }

  /** True when the server has closed the connection (EOF or reset within the timeout). */
  boolean closedByServer() throws IOException {
    try {
      while (true) {
        if (in.read() < 0) {
          return true;
        }
      }
    } catch (EOFException | java.net.SocketException e) {
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
