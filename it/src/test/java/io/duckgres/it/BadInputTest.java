package io.duckgres.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed or hostile input ends only the connection that sent it, with FATAL 08P01, while other
 * sessions carry on. The server allows plaintext here so a bare socket can speak the protocol.
 */
class BadInputTest {
  @TempDir static Path dataDir;
  static ServerProcess server;
  static Connection bystander;

  @BeforeAll
  static void start() throws Exception {
    server = ServerProcess.start(dataDir, "--allow-plaintext", "--auth-method", "password",
        "--max-message-size", "1048576");
    bystander = server.connect();
    try (Statement s = bystander.createStatement()) {
      s.execute("create table bystander(x integer)");
    }
  }

  @AfterAll
  static void stop() throws Exception {
    bystander.close();
    server.close();
  }

  @Test
  void messageLengthPastTheCapIsRefusedBeforeAllocation() throws Exception {
    try (RawClient client = new RawClient(server.port())) {
      client.login("postgres", ServerProcess.PASSWORD);
      // Claims 1 GB; sends 5 bytes. The server must refuse on the header alone.
      client.out.writeByte('Q');
      client.out.writeInt(1 << 30);
      client.out.flush();
      RawClient.Message error = client.read();
      assertThat(error.type()).isEqualTo('E');
      assertThat(error.fields()).containsEntry('S', "FATAL").containsEntry('C', "08P01");
      assertThat(error.fields().get('M')).contains("too long");
      assertThat(client.closedByServer()).isTrue();
    }
    assertBystanderWorks();
    assertThat(server.log()).contains("too long");
  }

  @Test
  void oversizedStartupPacket() throws Exception {
    try (RawClient client = new RawClient(server.port())) {
      client.out.writeInt(20_000);
      client.out.writeInt(196608);
      client.out.flush();
      RawClient.Message error = client.read();
      assertThat(error.fields()).containsEntry('C', "08P01");
      assertThat(client.closedByServer()).isTrue();
    }
    assertBystanderWorks();
  }

  @Test
  void unknownMessageType() throws Exception {
    try (RawClient client = new RawClient(server.port())) {
      client.login("postgres", ServerProcess.PASSWORD);
      client.send('~', new byte[] {1, 2, 3});
      RawClient.Message error = client.readUntil('E');
      assertThat(error.fields()).containsEntry('S', "FATAL").containsEntry('C', "08P01");
      assertThat(client.closedByServer()).isTrue();
    }
    assertBystanderWorks();
  }

  @Test
  void garbageBeforeStartup() throws Exception {
    try (RawClient client = new RawClient(server.port())) {
      client.out.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
      client.out.flush();
      RawClient.Message error = client.read();
      assertThat(error.fields()).containsEntry('C', "08P01");
      assertThat(client.closedByServer()).isTrue();
    }
    assertBystanderWorks();
  }

  @Test
  void malformedBodyOfAKnownMessage() throws Exception {
    try (RawClient client = new RawClient(server.port())) {
      client.login("postgres", ServerProcess.PASSWORD);
      // A Query without its terminating NUL: ERROR 08P01, as PostgreSQL answers, and the
      // session goes on.
      client.send('Q', "select 1".getBytes());
      RawClient.Message error = client.readUntil('E');
      assertThat(error.fields()).containsEntry('S', "ERROR").containsEntry('C', "08P01")
          .containsEntry('M', "invalid string in message");
      client.readUntil('Z');
      client.query("select 'still here'");
      assertThat(client.readUntil('D').text()).contains("still here");
    }
    assertBystanderWorks();
  }

  @Test
  void invalidUtf8InAQueryIsRefusedAndTheSessionGoesOn() throws Exception {
    try (RawClient client = new RawClient(server.port())) {
      client.login("postgres", ServerProcess.PASSWORD);
      // select 'X' where X is the lone byte 0xff: never valid UTF-8.
      client.send('Q', new byte[] {'s', 'e', 'l', 'e', 'c', 't', ' ', '\'', (byte) 0xff, '\'', 0});
      RawClient.Message error = client.readUntil('E');
      assertThat(error.fields()).containsEntry('S', "ERROR").containsEntry('C', "22021")
          .containsEntry('M', "invalid byte sequence for encoding \"UTF8\": 0xff");
      assertThat(client.readUntil('Z').body()).containsExactly('I');
      client.query("select 'still here'");
      assertThat(client.readUntil('D').text()).contains("still here");
      assertThat(client.readUntil('Z').type()).isEqualTo('Z');
    }
  }

  @Test
  void bindWithMoreResultFormatsThanColumnsIsAProtocolViolation() throws Exception {
    try (RawClient client = new RawClient(server.port())) {
      client.login("postgres", ServerProcess.PASSWORD);
      client.send('P', cstrings("", "select 1, 2"), new byte[] {0, 0});
      // Bind: unnamed portal/statement, 0 parameter formats, 0 parameters, 3 result formats.
      client.send('B', cstrings("", ""), new byte[] {0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0});
      client.send('E', cstrings(""), new byte[] {0, 0, 0, 0});
      client.send('S', new byte[0]);
      RawClient.Message error = client.readUntil('E');
      assertThat(error.fields()).containsEntry('C', "08P01")
          .containsEntry('M', "bind message has 3 result formats but query has 2 columns");
      assertThat(client.readUntil('Z').type()).isEqualTo('Z');
      client.query("select 'still here'");
      assertThat(client.readUntil('D').text()).contains("still here");
    }
  }

  private static byte[] cstrings(String... values) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (String value : values) {
      out.writeBytes(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      out.write(0);
    }
    return out.toByteArray();
  }

  @Test
  void oldProtocolVersionIsRefusedByName() throws Exception {
    try (RawClient client = new RawClient(server.port())) {
      client.startup("postgres", 2 << 16);
      RawClient.Message error = client.read();
      assertThat(error.fields()).containsEntry('C', "0A000");
      assertThat(error.fields().get('M')).contains("2.0");
    }
  }

  @Test
  void emptyQueryGetsEmptyQueryResponse() throws Exception {
    try (RawClient client = new RawClient(server.port())) {
      client.login("postgres", ServerProcess.PASSWORD);
      client.query("  ;  ");
      assertThat(client.read().type()).isEqualTo('I');
      RawClient.Message ready = client.read();
      assertThat(ready.type()).isEqualTo('Z');
      assertThat(ready.body()).containsExactly('I');
    }
  }

  @Test
  void commandTagsAreThePostgresOnes() throws Exception {
    try (RawClient client = new RawClient(server.port())) {
      client.login("postgres", ServerProcess.PASSWORD);
      client.query("create table tags(x int); insert into tags values (1),(2); "
          + "update tags set x = 3; select * from tags; delete from tags; drop table tags");
      StringBuilder tags = new StringBuilder();
      RawClient.Message message;
      while ((message = client.read()).type() != 'Z') {
        if (message.type() == 'C') {
          tags.append(message.text().replace("\0", "")).append('|');
        }
      }
      assertThat(tags.toString()).isEqualTo(
          "CREATE TABLE|INSERT 0 2|UPDATE 2|SELECT 2|DELETE 2|DROP TABLE|");
    }
  }

  private static void assertBystanderWorks() throws Exception {
    try (Statement s = bystander.createStatement()) {
      s.execute("insert into bystander values (1)");
      try (ResultSet rs = s.executeQuery("select count(*) from bystander")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isPositive();
      }
    }
  }

  static Properties plaintext() {
    Properties properties = new Properties();
    properties.setProperty("sslmode", "disable");
    return properties;
  }
}
