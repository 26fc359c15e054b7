package io.duckgres.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded mutation fuzzer over real connections: valid message sequences (simple and extended
 * query, COPY, startup) are mutated (bytes flipped, lengths and counts set to boundary values,
 * messages cut, repeated, spliced, type bytes changed) and sent to the real server process for a
 * bounded time. The server must never log a stack trace, a bystander session must keep
 * answering, and the process's resident memory must stay flat.
 *
 * <p>Runs for {@code -Dfuzz.seconds} (default 30) with seed {@code -Dfuzz.seed} (default: the
 * clock, printed, so a failure can be replayed).
 */
class ProtocolFuzzTest {
  static final long ALLOWED_RSS_GROWTH_MB = 250;
  @TempDir static Path dataDir;
  static ServerProcess server;

  @BeforeAll
  static void start() throws Exception {
    server = ServerProcess.start(dataDir, "--allow-plaintext", "--auth-method", "password",
        "--max-message-size", "1048576");
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void mutatedProtocolTrafficNeverBreaksTheServer() throws Exception {
    long seed = Long.getLong("fuzz.seed", System.currentTimeMillis());
    long seconds = Long.getLong("fuzz.seconds", 30);
    System.out.println("protocol fuzzer: seed " + seed + ", " + seconds + " s");
    Random random = new Random(seed);
    try (Connection bystander = server.connect(); Statement statement = bystander.createStatement()) {
      statement.execute("create table fuzz_target(i integer, s varchar)");
      statement.execute("insert into fuzz_target values (1, 'one'), (2, 'two')");
      long rssBefore = StalledClientMemoryTest.residentMegabytes(server.pid());
      long rssPeak = rssBefore;
      long deadline = System.nanoTime() + seconds * 1_000_000_000L;
      int connections = 0;
      int messages = 0;
      while (System.nanoTime() < deadline && connections < 100_000) {
        connections++;
        messages += fuzzOneConnection(random);
        if (connections % 20 == 0) {
          assertBystanderAnswers(statement, seed);
          rssPeak = Math.max(rssPeak, StalledClientMemoryTest.residentMegabytes(server.pid()));
        }
      }
      assertBystanderAnswers(statement, seed);
      System.out.printf("protocol fuzzer: %d connections, %d mutated sequences, RSS %d -> peak %d"
          + " MB%n", connections, messages, rssBefore, rssPeak);
      assertThat(rssPeak - rssBefore).as("RSS growth in MB (seed %d)", seed)
          .isLessThan(ALLOWED_RSS_GROWTH_MB);
    }
    assertThat(server.process().isAlive()).isTrue();
    assertThat(server.log()).as("stack traces in the server log (seed %d)", seed)
        .doesNotContain("\tat ").doesNotContain("Exception in thread");
  }

  private static void assertBystanderAnswers(Statement statement, long seed) throws Exception {
    try (ResultSet rows = statement.executeQuery("select count(*) from fuzz_target")) {
      assertThat(rows.next()).as("bystander answers (seed %d)", seed).isTrue();
      assertThat(rows.getLong(1)).isGreaterThanOrEqualTo(2);
    }
  }

  /** One connection: mostly logged in, sometimes fuzzing the startup itself. */
  private static int fuzzOneConnection(Random random) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
      socket.setSoTimeout(15);
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      InputStream in = socket.getInputStream();
      if (random.nextInt(10) == 0) {
        out.write(mutate(random, startupPacket("postgres")));
        out.flush();
        drain(in);
        return 1;
      }
      socket.setSoTimeout(5_000);
      out.write(startupPacket("postgres"));
      out.flush();
      if (!awaitType(in, 'R')) {
        return 0;
      }
      out.write(message('p', cstring(ServerProcess.PASSWORD)));
      out.flush();
      if (!awaitType(in, 'Z')) {
        return 0;
      }
      socket.setSoTimeout(15);
      int sequences = 1 + random.nextInt(40);
      for (int i = 0; i < sequences; i++) {
        byte[] sequence = SEEDS.get(random.nextInt(SEEDS.size()));
        out.write(random.nextInt(8) == 0 ? sequence : mutate(random, sequence));
        out.flush();
        if (!drain(in)) {
          return i + 1;
        }
      }
      return sequences;
    } catch (IOException closedByServer) {
      // The server ending a connection that sent garbage is a fine answer.
      return 1;
    }
  }

  /** Reads whatever the server sends until it goes quiet; false once it has closed. */
  private static boolean drain(InputStream in) throws IOException {
    byte[] buffer = new byte[65536];
    try {
      while (true) {
        if (in.read(buffer) < 0) {
          return false;
        }
      }
    } catch (SocketTimeoutException quiet) {
      return true;
    }
  }

  /** Reads backend messages until one of {@code type}; false on EOF or silence. */
  private static boolean awaitType(InputStream in, char type) throws IOException {
    try {
      while (true) {
        int t = in.read();
        if (t < 0) {
          return false;
        }
        byte[] length = in.readNBytes(4);
        if (length.length < 4) {
          return false;
        }
        int n = ((length[0] & 0xff) << 24 | (length[1] & 0xff) << 16 | (length[2] & 0xff) << 8
            | (length[3] & 0xff)) - 4;
        if (in.readNBytes(n).length < n) {
          return false;
        }
        if (t == type) {
          return true;
        }
        if (t == 'E') {
          return false;
        }
      }
    } catch (SocketTimeoutException quiet) {
      return false;
    }
  }

  /** Valid sequences the mutations start from, each ending in Sync or a Query. */
  static final List<byte[]> SEEDS = new ArrayList<>();

  static {
    SEEDS.add(message('Q', cstring("select i, s from fuzz_target order by i")));
    SEEDS.add(message('Q', cstring("select 1; select 'two'::text, 3.5::numeric")));
    SEEDS.add(concat(
        message('P', cstring("s1"), cstring("select $1::int + 1, $2::text"), int16(2), int32(23),
            int32(25)),
        message('B', cstring("p1"), cstring("s1"), int16(1), int16(0), int16(2),
            int32(1), "5".getBytes(StandardCharsets.UTF_8), int32(-1), int16(1), int16(1)),
        message('D', new byte[] {'P'}, cstring("p1")),
        message('E', cstring("p1"), int32(0)),
        message('C', new byte[] {'S'}, cstring("s1")),
        message('S')));
    SEEDS.add(concat(
        message('P', cstring(""), cstring("select * from fuzz_target where i > $1"), int16(0)),
        message('D', new byte[] {'S'}, cstring("")),
        message('B', cstring(""), cstring(""), int16(1), int16(1), int16(1), int32(4),
            int32(0), int16(0)),
        message('E', cstring(""), int32(1)),
        message('E', cstring(""), int32(0)),
        message('H'),
        message('S')));
    SEEDS.add(concat(
        message('Q', cstring("copy fuzz_target from stdin")),
        message('d', "3\tthree\n4\tfour\n".getBytes(StandardCharsets.UTF_8)),
        message('c')));
    SEEDS.add(concat(
        message('Q', cstring("copy fuzz_target from stdin (format csv)")),
        message('d', "5,five\n".getBytes(StandardCharsets.UTF_8)),
        message('f', cstring("client gave up"))));
    SEEDS.add(message('Q', cstring("copy (select * from fuzz_target) to stdout (format binary)")));
    SEEDS.add(concat(message('H'), message('S')));
    SEEDS.add(concat(message('C', new byte[] {'P'}, cstring("")), message('c'), message('S')));
    SEEDS.add(concat(message('Q', cstring("begin")),
        message('Q', cstring("select 1/0")), message('Q', cstring("rollback"))));
  }

  /**
   * One to four mutations of {@code seed}, a sequence of whole messages: byte-level ones
   * anywhere, and message-level ones that aim at a message's type byte or length field.
   */
  static byte[] mutate(Random random, byte[] seed) {
    byte[] bytes = seed.clone();
    List<Integer> starts = messageStarts(bytes);
    if (!starts.isEmpty() && random.nextBoolean()) {
      int start = starts.get(random.nextInt(starts.size()));
      if (random.nextBoolean()) {
        byte[] types = {0, (byte) 0xff, 'p', 'Z', 'F', 'X', 'S', 'd', (byte) random.nextInt(256)};
        bytes[start] = types[random.nextInt(types.length)];
      } else if (start + 5 <= bytes.length) {
        writeBoundary(random, bytes, start + 1, 4);
      }
    }
    int rounds = 1 + random.nextInt(4);
    for (int round = 0; round < rounds && bytes.length > 0; round++) {
      int at = random.nextInt(bytes.length);
      switch (random.nextInt(7)) {
        case 0 -> bytes[at] ^= (byte) (1 << random.nextInt(8));
        case 1 -> bytes[at] = (byte) random.nextInt(256);
        case 2 -> writeBoundary(random, bytes, at, 2);
        case 3 -> writeBoundary(random, bytes, at, 4);
        case 4 -> bytes = java.util.Arrays.copyOf(bytes, at);
        case 5 -> bytes = concat(bytes, java.util.Arrays.copyOfRange(bytes, at, bytes.length));
        default -> {
          byte[] junk = new byte[1 + random.nextInt(16)];
          random.nextBytes(junk);
          bytes = concat(java.util.Arrays.copyOf(bytes, at), junk,
              java.util.Arrays.copyOfRange(bytes, at, bytes.length));
        }
      }
    }
    return bytes;
  }

  /** Offsets of the type bytes of the messages {@code bytes} is made of. */
  private static List<Integer> messageStarts(byte[] bytes) {
    List<Integer> starts = new ArrayList<>();
    int at = 0;
    while (at + 5 <= bytes.length) {
      starts.add(at);
      int length = (bytes[at + 1] & 0xff) << 24 | (bytes[at + 2] & 0xff) << 16
          | (bytes[at + 3] & 0xff) << 8 | (bytes[at + 4] & 0xff);
      if (length < 4) {
        break;
      }
      at += 1 + length;
    }
    return starts;
  }

  private static final int[] BOUNDARIES = {0, 1, -1, -2, 0x7fff, 0x8000, 0xffff, 0x7fffffff,
      0x80000000, 65_535, 65_536, 1 << 20};

  private static void writeBoundary(Random random, byte[] bytes, int at, int width) {
    int value = BOUNDARIES[random.nextInt(BOUNDARIES.length)];
    for (int i = 0; i < width && at + i < bytes.length; i++) {
      bytes[at + i] = (byte) (value >> (8 * (width - 1 - i)));
    }
  }

  static byte[] startupPacket(String user) {
    byte[] parameters = concat(cstring("user"), cstring(user), cstring("database"), cstring(user),
        new byte[] {0});
    return concat(int32(8 + parameters.length), int32(196608), parameters);
  }

  static byte[] message(char type, byte[]... parts) {
    byte[] body = concat(parts);
    return concat(new byte[] {(byte) type}, int32(4 + body.length), body);
  }

  static byte[] cstring(String value) {
    return concat(value.getBytes(StandardCharsets.UTF_8), new byte[] {0});
  }

  static byte[] int16(int value) {
    return new byte[] {(byte) (value >> 8), (byte) value};
  }

  static byte[] int32(int value) {
    return new byte[] {(byte) (value >> 24), (byte) (value >> 16), (byte) (value >> 8),
        (byte) value};
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
