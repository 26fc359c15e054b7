package io.duckgres.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The limits a server must have: max_connections (FATAL 53300, shown by SHOW and pg_settings), a
 * per-user connection limit, PostgreSQL's 65,535-byte cap on messages before authentication, and
 * caps on prepared statements and portals per session.
 */
class LimitsTest {
  static final int MAX_CONNECTIONS = 4;
  @TempDir static Path dataDir;
  static ServerProcess server;

  @BeforeAll
  static void start() throws Exception {
    Path config = dataDir.resolve("limits.yaml");
    Files.writeString(config, String.join("\n",
        "max_connections: " + MAX_CONNECTIONS,
        "max_connections_per_user: 2",
        "users:",
        "  postgres: {password: postgres, superuser: true}",
        "  alice: wonderland",
        ""));
    server = ServerProcess.start(dataDir, "--allow-plaintext", "--auth-method", "password",
        "--config", config.toString());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void pastMaxConnectionsANewConnectionGetsFatal53300AndAFreedSlotIsReused() throws Exception {
    List<RawClient> held = new ArrayList<>();
    try {
      for (int i = 0; i < MAX_CONNECTIONS; i++) {
        held.add(awaitLogin("postgres", ServerProcess.PASSWORD));
      }
      try (RawClient refused = new RawClient(server.port())) {
        refused.startup("postgres", 196608);
        RawClient.Message error = refused.read();
        assertThat(error.fields()).containsEntry('S', "FATAL").containsEntry('C', "53300")
            .containsEntry('M', "sorry, too many clients already");
        assertThat(refused.closedByServer()).isTrue();
      }
      held.remove(0).close();
      RawClient again = awaitLogin("postgres", ServerProcess.PASSWORD);
      held.add(again);
      again.query("select 1");
      assertThat(again.readUntil('Z').type()).isEqualTo('Z');
    } finally {
      for (RawClient client : held) {
        client.close();
      }
    }
  }

  @Test
  void maxConnectionsIsShownBySHOWAndPgSettings() throws Exception {
    try (Connection connection = server.connect();
        Statement statement = connection.createStatement()) {
      try (ResultSet rows = statement.executeQuery("show max_connections")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getString(1)).isEqualTo(Integer.toString(MAX_CONNECTIONS));
      }
      try (ResultSet rows = statement.executeQuery(
          "select setting from pg_settings where name = 'max_connections'")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getString(1)).isEqualTo(Integer.toString(MAX_CONNECTIONS));
      }
      try (ResultSet rows = statement.executeQuery("show is_superuser")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getString(1)).isEqualTo("on");
      }
    }
    try (Connection alice = server.connect("alice", "wonderland", new Properties());
        Statement statement = alice.createStatement();
        ResultSet rows = statement.executeQuery("show is_superuser")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(1)).isEqualTo("off");
    }
  }

  @Test
  void aUserPastItsOwnLimitGetsFatal53300() throws Exception {
    try (RawClient first = awaitLogin("alice", "wonderland");
        RawClient second = awaitLogin("alice", "wonderland");
        RawClient third = new RawClient(server.port())) {
      third.startup("alice", 196608);
      third.readUntil('R');
      third.send('p', "wonderland\0".getBytes());
      RawClient.Message error = third.readUntil('E');
      assertThat(error.fields()).containsEntry('S', "FATAL").containsEntry('C', "53300")
          .containsEntry('M', "too many connections for role \"alice\"");
      assertThat(third.closedByServer()).isTrue();
      first.query("select 1");
      assertThat(first.readUntil('Z').type()).isEqualTo('Z');
    }
  }

  @Test
  void beforeAuthenticationAMessageOver65535BytesIsRefusedOnItsHeader() throws Exception {
    try (RawClient client = new RawClient(server.port())) {
      client.startup("postgres", 196608);
      client.readUntil('R');
      // Claims 250 MB, sends nothing more: refused on the header, nothing is buffered.
      client.out.writeByte('p');
      client.out.writeInt(250 * 1024 * 1024);
      client.out.flush();
      RawClient.Message error = client.readUntil('E');
      assertThat(error.fields()).containsEntry('S', "FATAL").containsEntry('C', "08P01");
      assertThat(error.fields().get('M')).contains("limit 65535 before authentication");
      assertThat(client.closedByServer()).isTrue();
    }
  }

  @Test
  void preparedStatementsPerSessionAreCapped() throws Exception {
    try (RawClient client = awaitLogin("postgres", ServerProcess.PASSWORD)) {
      int limit = 1_000;
      for (int i = 0; i <= limit; i++) {
        client.send('P', ProtocolAnswersTest.cstrings("s" + i, "select " + i),
            ProtocolAnswersTest.shorts(0));
      }
      client.send('S', new byte[0]);
      for (int i = 0; i < limit; i++) {
        assertThat(client.read().type()).isEqualTo('1');
      }
      RawClient.Message error = client.read();
      assertThat(error.fields()).containsEntry('S', "ERROR").containsEntry('C', "54000")
          .containsEntry('M', "too many prepared statements in this session (limit 1000)");
      client.readUntil('Z');
      // Closing one makes room again.
      client.send('C', new byte[] {'S'}, ProtocolAnswersTest.cstrings("s0"));
      client.send('P', ProtocolAnswersTest.cstrings("again", "select 1"),
          ProtocolAnswersTest.shorts(0));
      client.send('S', new byte[0]);
      assertThat(client.read().type()).isEqualTo('3');
      assertThat(client.read().type()).isEqualTo('1');
      client.readUntil('Z');
    }
  }

  @Test
  void sqlPrepareSharesTheCapWithParseAndDeallocateFrees() throws Exception {
    try (RawClient client = awaitLogin("postgres", ServerProcess.PASSWORD)) {
      // 900 by Parse, 100 by SQL PREPARE: the session's 1,000.
      for (int i = 0; i < 900; i++) {
        client.send('P', ProtocolAnswersTest.cstrings("p" + i, "select " + i),
            ProtocolAnswersTest.shorts(0));
      }
      client.send('S', new byte[0]);
      assertThat(untilReady(client)).doesNotContainKey('E');
      StringBuilder prepares = new StringBuilder();
      for (int i = 0; i < 100; i++) {
        prepares.append("prepare q").append(i).append(" as select ").append(i).append(";");
      }
      client.query(prepares.toString());
      assertThat(untilReady(client)).doesNotContainKey('E');

      client.query("prepare one_more as select 1");
      assertThat(untilReady(client).get('E')).containsEntry('S', "ERROR")
          .containsEntry('C', "54000")
          .containsEntry('M', "too many prepared statements in this session (limit 1000)");
      client.send('P', ProtocolAnswersTest.cstrings("p_more", "select 1"),
          ProtocolAnswersTest.shorts(0));
      client.send('S', new byte[0]);
      assertThat(untilReady(client).get('E')).containsEntry('C', "54000");
      // Preparing a name again replaces it: no new statement.
      client.query("prepare q7 as select 'seven'");
      assertThat(untilReady(client)).doesNotContainKey('E');

      client.query("deallocate q0; prepare one_more as select 41 + 1; execute one_more");
      Map<Character, Map<Character, String>> answered = untilReady(client);
      assertThat(answered).doesNotContainKey('E');
      assertThat(answered.get('D')).containsEntry('0', "42");

      client.query("deallocate all");
      assertThat(untilReady(client)).doesNotContainKey('E');
      client.query("execute q5");
      assertThat(untilReady(client).get('E')).as("gone with DEALLOCATE ALL").isNotNull();
      for (int i = 0; i < 100; i++) {
        client.send('P', ProtocolAnswersTest.cstrings("r" + i, "select " + i),
            ProtocolAnswersTest.shorts(0));
      }
      client.send('S', new byte[0]);
      assertThat(untilReady(client)).as("100 more Parse fit once PREPARE's are gone")
          .doesNotContainKey('E');
    }
  }

  /**
   * Reads up to ReadyForQuery: the fields of the first ErrorResponse under 'E', and the first
   * DataRow's first column under 'D' (field '0').
   */
  private static Map<Character, Map<Character, String>> untilReady(RawClient client)
      throws Exception {
    Map<Character, Map<Character, String>> seen = new java.util.HashMap<>();
    for (int i = 0; i < 10_000; i++) {
      RawClient.Message message = client.read();
      if (message.type() == 'Z') {
        return seen;
      }
      if (message.type() == 'E') {
        seen.putIfAbsent('E', message.fields());
      }
      if (message.type() == 'D' && !seen.containsKey('D')) {
        java.nio.ByteBuffer row = java.nio.ByteBuffer.wrap(message.body());
        row.getShort();
        byte[] value = new byte[row.getInt()];
        row.get(value);
        seen.put('D', Map.of('0', new String(value, java.nio.charset.StandardCharsets.UTF_8)));
      }
    }
    throw new AssertionError("no ReadyForQuery");
  }

  @Test
  void portalsPerSessionAreCapped() throws Exception {
    try (RawClient client = awaitLogin("postgres", ServerProcess.PASSWORD)) {
      int limit = 1_000;
      client.query("begin");
      client.readUntil('Z');
      client.send('P', ProtocolAnswersTest.cstrings("", "select 1"), ProtocolAnswersTest.shorts(0));
      for (int i = 0; i <= limit; i++) {
        client.send('B', ProtocolAnswersTest.cstrings("p" + i, ""),
            ProtocolAnswersTest.shorts(0, 0, 0));
      }
      client.send('S', new byte[0]);
      assertThat(client.read().type()).isEqualTo('1');
      for (int i = 0; i < limit; i++) {
        assertThat(client.read().type()).isEqualTo('2');
      }
      RawClient.Message error = client.read();
      assertThat(error.fields()).containsEntry('C', "54000")
          .containsEntry('M', "too many open portals in this session (limit 1000)");
      client.readUntil('Z');
    }
  }

  /** Logs in, retrying briefly while a just-closed connection's slot is being released. */
  private static RawClient awaitLogin(String user, String password) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (true) {
      RawClient client = new RawClient(server.port());
      try {
        client.startup(user, 196608);
        RawClient.Message first = client.read();
        if (first.type() == 'R') {
          client.send('p', (password + "\0").getBytes());
          client.readUntil('Z');
          return client;
        }
        client.close();
        if (System.nanoTime() > deadline) {
          throw new IOException("no login within 10 s: " + first.fields());
        }
        Thread.sleep(50);
      } catch (IOException e) {
        client.close();
        throw e;
      }
    }
  }
}
