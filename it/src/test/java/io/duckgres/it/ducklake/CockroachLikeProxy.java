package io.duckgres.it.ducklake;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Stands in for CockroachDB, which cannot run on these machines: a PostgreSQL wire-protocol proxy
 * on 127.0.0.1 in front of a real PostgreSQL that refuses what CockroachDB does not implement and
 * that matters to DuckLake's metadata store (postgres_scanner):
 *
 * <ul>
 *   <li>binary COPY out ({@code COPY ... TO STDOUT (FORMAT "binary")}, cockroachdb#97180 and
 *       #96590) — answered with SQLSTATE 0A000 {@code at or near "binary": syntax error:
 *       unimplemented}. CockroachDB does implement binary COPY in ({@code FROM STDIN}), which
 *       DuckLake uses to initialise a new catalog, so that passes;
 *   <li>{@code ctid} row addressing, which postgres_scanner uses to split scans — answered with
 *       42703 {@code column "ctid" does not exist};
 *   <li>a bare {@code SELECT version()} is answered with CockroachDB's version text, as a
 *       provisioner probing which server it reached would see it (postgres_scanner's own version
 *       query has more columns and passes through);
 *   <li>and, on request, CockroachDB's serializable-isolation retries: a chosen share of COMMITs
 *       of transactions that wrote are answered with 40001 {@code restart transaction: ...}, and
 *       the transaction is rolled back, as CockroachDB's failed commit applies nothing.
 * </ul>
 *
 * <p>Everything else is relayed byte for byte. Both directions are framed (type byte, int32
 * length) so the frontend's Query and Parse messages can be read; a refused statement is not
 * answered by the proxy itself but rewritten into a {@code DO} block that raises the same error
 * inside PostgreSQL, so the session's transaction state (idle, in a block, failed block) stays
 * exactly what PostgreSQL says it is. A failed COMMIT is rewritten to ROLLBACK, and its
 * CommandComplete replaced by the 40001 ErrorResponse. Plaintext only: an SSLRequest is declined,
 * as libpq's sslmode=disable never sends one.
 *
 * <p>What it does not imitate: CockroachDB's other differences (catalog tables, type names,
 * session variables), none of which postgres_scanner reaches once the two settings are off.
 */
public final class CockroachLikeProxy implements AutoCloseable {
  static final String BINARY_COPY_MESSAGE = "at or near \"binary\": syntax error: unimplemented";
  static final String CTID_MESSAGE = "column \"ctid\" does not exist";
  static final String RESTART_MESSAGE = "restart transaction: TransactionRetryWithProtoRefreshError:"
      + " TransactionRetryError: retry txn (RETRY_SERIALIZABLE - failed preemptive refresh)";

  static final String VERSION_TEXT =
      "CockroachDB CCL v24.1.0 (x86_64-pc-linux-gnu, built 2024/05/15 00:00:00, go1.22.2)";

  private static final int SSL_REQUEST = 80877103;
  private static final int GSS_REQUEST = 80877104;
  private static final int CANCEL_REQUEST = 80877102;
  private static final Pattern BINARY_COPY_OUT =
      Pattern.compile("(?is)\\bCOPY\\b.*\\bTO\\s+STDOUT\\b.*\\bBINARY\\b");
  private static final Pattern VERSION =
      Pattern.compile("(?is)\\s*SELECT\\s+version\\s*\\(\\s*\\)\\s*;?\\s*");
  private static final Pattern CTID = Pattern.compile("(?i)\\bctid\\b");
  private static final Pattern WRITE =
      Pattern.compile("(?i)\\b(INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|TRUNCATE)\\b");
  private static final Pattern COMMIT = Pattern.compile("(?i)\\s*(COMMIT|END)(\\s+(WORK|TRANSACTION))?\\s*;?\\s*");
  private static final Pattern BEGIN = Pattern.compile("(?i)\\s*(BEGIN|START\\s+TRANSACTION)\\b.*");
  private static final Pattern ROLLBACK = Pattern.compile("(?i)\\s*(ROLLBACK|ABORT)\\b.*");

  private final int backendPort;
  private final ServerSocket listener;
  private final Thread acceptor;
  private final Random random;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final List<String> statements = new CopyOnWriteArrayList<>();
  private final AtomicInteger binaryCopiesRefused = new AtomicInteger();
  private final AtomicInteger ctidRefused = new AtomicInteger();
  private final AtomicInteger commitsFailed = new AtomicInteger();
  private final AtomicInteger writingCommits = new AtomicInteger();
  private volatile double commitFailureShare;

  /** Listens on 127.0.0.1 (any free port) and relays to PostgreSQL on 127.0.0.1:backendPort. */
  public CockroachLikeProxy(int backendPort, long seed) throws IOException {
    this.backendPort = backendPort;
    this.random = new Random(seed);
    this.listener = new ServerSocket();
    listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    acceptor = new Thread(this::acceptLoop, "cockroach-like-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** From now on, answer this share (0..1) of writing transactions' COMMITs with 40001. */
  void failCommits(double share) {
    commitFailureShare = share;
  }

  public int binaryCopiesRefused() {
    return binaryCopiesRefused.get();
  }

  public int ctidRefused() {
    return ctidRefused.get();
  }

  int commitsFailed() {
    return commitsFailed.get();
  }

  int writingCommits() {
    return writingCommits.get();
  }

  /** Every Query and Parse text seen, for assertions and for reading a failure. */
  public List<String> statements() {
    return List.copyOf(statements);
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket backend = new Socket(InetAddress.getLoopbackAddress(), backendPort);
        client.setTcpNoDelay(true);
        backend.setTcpNoDelay(true);
        sockets.add(client);
        sockets.add(backend);
        Relay relay = new Relay(client, backend);
        Thread thread = new Thread(relay::frontendLoop, "proxy-frontend-" + client.getPort());
        thread.setDaemon(true);
        thread.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    for (Socket socket : sockets) {
      socket.close();
    }
  }

  /** One client connection and its PostgreSQL connection. */
  private final class Relay {
    private final Socket client;
    private final Socket backend;
    private final DataInputStream fromClient;
    private final OutputStream toBackend;
    private final DataInputStream fromBackend;
    private final OutputStream toClient;
    /** Set by the frontend thread before it sends ROLLBACK in place of a COMMIT. */
    private final AtomicInteger commitsToFail = new AtomicInteger();
    private boolean transactionWrote;

    Relay(Socket client, Socket backend) throws IOException {
      this.client = client;
      this.backend = backend;
      fromClient = new DataInputStream(new BufferedInputStream(client.getInputStream()));
      toBackend = new BufferedOutputStream(backend.getOutputStream());
      fromBackend = new DataInputStream(new BufferedInputStream(backend.getInputStream()));
      toClient = new BufferedOutputStream(client.getOutputStream());
    }

    void frontendLoop() {
      try {
        if (!startup()) {
          return;
        }
        Thread backendThread = new Thread(this::backendLoop, "proxy-backend-" + client.getPort());
        backendThread.setDaemon(true);
        backendThread.start();
        while (true) {
          byte type = fromClient.readByte();
          byte[] body = readBody(fromClient);
          if (type == 'Q') {
            body = onStatement(cString(body, 0), true, body);
          } else if (type == 'P') {
            body = onParse(body);
          }
          writeMessage(toBackend, type, body, fromClient);
          if (type == 'X') {
            return;
          }
        }
      } catch (IOException closed) {
        // Either side went away: close both.
      } finally {
        closeQuietly(client);
        closeQuietly(backend);
      }
    }

    /** The untyped startup packets; returns false for a CancelRequest (relayed, then done). */
    private boolean startup() throws IOException {
      while (true) {
        int length = fromClient.readInt();
        if (length < 8 || length > 10_000) {
          throw new IOException("bad startup packet length " + length);
        }
        byte[] rest = new byte[length - 4];
        fromClient.readFully(rest);
        int code = ByteBuffer.wrap(rest).getInt();
        if (code == SSL_REQUEST || code == GSS_REQUEST) {
          toClient.write('N');
          toClient.flush();
          continue;
        }
        toBackend.write(ByteBuffer.allocate(4).putInt(length).array());
        toBackend.write(rest);
        toBackend.flush();
        return code != CANCEL_REQUEST;
      }
    }

    private byte[] onParse(byte[] body) {
      int nameEnd = indexOfZero(body, 0);
      String query = cString(body, nameEnd + 1);
      int queryEnd = indexOfZero(body, nameEnd + 1);
      byte[] rewritten = onStatement(query, false, null);
      if (rewritten == null) {
        return body;
      }
      // Same statement name and parameter types; only the text changes. rewritten ends with its
      // terminator, which replaces the original one.
      ByteBuffer out =
          ByteBuffer.allocate(body.length - (queryEnd - nameEnd - 1) + rewritten.length - 1);
      out.put(body, 0, nameEnd + 1).put(rewritten, 0, rewritten.length - 1).put((byte) 0)
          .put(body, queryEnd + 1, body.length - queryEnd - 1);
      return out.array();
    }

    /**
     * Decides what PostgreSQL gets for one statement text: the text itself (returns {@code body},
     * which is null for Parse), or a replacement as a zero-terminated string.
     */
    private byte[] onStatement(String sql, boolean simpleQuery, byte[] body) {
      statements.add(sql);
      if (BINARY_COPY_OUT.matcher(sql).find()) {
        binaryCopiesRefused.incrementAndGet();
        return raise("0A000", BINARY_COPY_MESSAGE);
      }
      if (VERSION.matcher(sql).matches()) {
        return zeroTerminated("SELECT '" + VERSION_TEXT + "'::text AS version");
      }
      if (CTID.matcher(sql).find()) {
        ctidRefused.incrementAndGet();
        return raise("42703", CTID_MESSAGE);
      }
      if (BEGIN.matcher(sql).matches() || ROLLBACK.matcher(sql).matches()) {
        transactionWrote = false;
      } else if (COMMIT.matcher(sql).matches()) {
        boolean wrote = transactionWrote;
        transactionWrote = false;
        if (wrote) {
          writingCommits.incrementAndGet();
          if (simpleQuery && shouldFail()) {
            commitsFailed.incrementAndGet();
            commitsToFail.incrementAndGet();
            return zeroTerminated("ROLLBACK");
          }
        }
      } else if (WRITE.matcher(sql).find()) {
        transactionWrote = true;
      }
      return body;
    }

    private boolean shouldFail() {
      double share = commitFailureShare;
      if (share <= 0) {
        return false;
      }
      synchronized (random) {
        return random.nextDouble() < share;
      }
    }

    /** PostgreSQL raises the error itself, so its transaction state stays authoritative. */
    private byte[] raise(String sqlState, String message) {
      return zeroTerminated("DO $proxy$ BEGIN RAISE EXCEPTION USING ERRCODE = '" + sqlState
          + "', MESSAGE = '" + message.replace("'", "''") + "'; END $proxy$");
    }

    void backendLoop() {
      try {
        while (true) {
          byte type = fromBackend.readByte();
          byte[] body = readBody(fromBackend);
          if (type == 'C' && commitsToFail.get() > 0) {
            // The ROLLBACK that replaced a COMMIT completed: report the COMMIT as failed.
            commitsToFail.decrementAndGet();
            type = 'E';
            body = errorResponse("40001", RESTART_MESSAGE);
          }
          writeMessage(toClient, type, body, fromBackend);
        }
      } catch (IOException closed) {
        // Either side went away.
      } finally {
        closeQuietly(client);
        closeQuietly(backend);
      }
    }
  }

  /** ErrorResponse body: 'S' ERROR, 'V' ERROR, 'C' code, 'M' message, terminator. */
  static byte[] errorResponse(String sqlState, String message) {
    List<byte[]> fields = new ArrayList<>();
    fields.add(field('S', "ERROR"));
    fields.add(field('V', "ERROR"));
    fields.add(field('C', sqlState));
    fields.add(field('M', message));
    int length = 1;
    for (byte[] f : fields) {
      length += f.length;
    }
    ByteBuffer out = ByteBuffer.allocate(length);
    fields.forEach(out::put);
    out.put((byte) 0);
    return out.array();
  }

  private static byte[] field(char code, String value) {
    byte[] text = value.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(text.length + 2).put((byte) code).put(text).put((byte) 0).array();
  }

  private static byte[] readBody(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 4) {
      throw new EOFException("bad message length " + length);
    }
    byte[] body = new byte[length - 4];
    in.readFully(body);
    return body;
  }

  /** Writes one message; flushes only when nothing more is waiting, so pipelines stay batched. */
  private static void writeMessage(OutputStream out, byte type, byte[] body, InputStream source)
      throws IOException {
    out.write(type);
    out.write(ByteBuffer.allocate(4).putInt(body.length + 4).array());
    out.write(body);
    if (source.available() == 0) {
      out.flush();
    }
  }

  private static byte[] zeroTerminated(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[bytes.length + 1];
    System.arraycopy(bytes, 0, out, 0, bytes.length);
    return out;
  }

  private static int indexOfZero(byte[] bytes, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        return i;
      }
    }
    return bytes.length;
  }

  private static String cString(byte[] bytes, int from) {
    return new String(bytes, from, indexOfZero(bytes, from) - from, StandardCharsets.UTF_8);
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Already closed by the other direction.
    }
  }

  @Override
  public String toString() {
    return "CockroachLikeProxy[port=" + port() + ", backend=" + backendPort + ", binaryCopies="
        + binaryCopiesRefused + ", ctid=" + ctidRefused + ", commitsFailed=" + commitsFailed + "/"
        + writingCommits + "]";
  }
}
