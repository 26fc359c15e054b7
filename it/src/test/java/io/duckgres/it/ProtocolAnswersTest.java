package io.duckgres.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Malformed extended-protocol messages get the ERROR PostgreSQL sends (the session then skips to
 * Sync and goes on); only an unknown message type ends the connection, with FATAL 08P01 and no
 * stack trace in the server's log.
 */
class ProtocolAnswersTest extends PlaintextServerTest {
  @Test
  void invalidUtf8InATextBindParameterIs22021() throws Exception {
    try (RawClient client = login()) {
      client.send('P', cstrings("", "select $1::text"), shorts(1), ints(25));
      client.send('B', bind(new short[] {0}, new byte[][] {{'a', (byte) 0xc3, '('}}, new short[0]));
      client.send('E', cstrings(""), ints(0));
      client.send('S', new byte[0]);
      assertError(client, "ERROR", "22021", "invalid byte sequence for encoding \"UTF8\": 0xc3");
      assertSessionGoesOn(client);
    }
  }

  @Test
  void messageTypeZeroAfterLoginEndsTheConnectionWithFatal08P01() throws Exception {
    try (RawClient client = login()) {
      client.send((char) 0, new byte[] {0, 3, 0, 0});
      RawClient.Message error = client.readUntil('E');
      assertThat(error.fields()).containsEntry('S', "FATAL").containsEntry('C', "08P01")
          .containsEntry('M', "invalid frontend message type 0");
      assertThat(client.closedByServer()).isTrue();
    }
    assertThat(server.log()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void parameterNumbersWithAGapAre42P18() throws Exception {
    try (RawClient client = login()) {
      client.send('P', cstrings("", "select $3"), shorts(0));
      client.send('B', bind(new short[0], new byte[][] {"1".getBytes()}, new short[0]));
      client.send('E', cstrings(""), ints(0));
      client.send('S', new byte[0]);
      assertError(client, "ERROR", "42P18", "could not determine data type of parameter $1");
      assertSessionGoesOn(client);
    }
  }

  @Test
  void parameterFormatCodeTwoIs22023() throws Exception {
    try (RawClient client = login()) {
      client.send('P', cstrings("", "select $1::int"), shorts(0));
      client.send('B', bind(new short[] {2}, new byte[][] {"1".getBytes()}, new short[0]));
      client.send('E', cstrings(""), ints(0));
      client.send('S', new byte[0]);
      assertError(client, "ERROR", "22023", "unsupported format code: 2");
      assertSessionGoesOn(client);
    }
  }

  @Test
  void resultFormatCodeSevenIs22023() throws Exception {
    try (RawClient client = login()) {
      client.send('P', cstrings("", "select 1"), shorts(0));
      client.send('B', bind(new short[0], new byte[0][], new short[] {7}));
      client.send('E', cstrings(""), ints(0));
      client.send('S', new byte[0]);
      assertError(client, "ERROR", "22023", "unsupported format code: 7");
      assertSessionGoesOn(client);
    }
  }

  @Test
  void parameterLengthMinusTwoIs08P01AndTheSessionGoesOn() throws Exception {
    try (RawClient client = login()) {
      client.send('P', cstrings("", "select $1::int"), shorts(0));
      client.send('B', cstrings("", ""), shorts(0), shorts(1), ints(-2), shorts(0));
      client.send('E', cstrings(""), ints(0));
      client.send('S', new byte[0]);
      assertError(client, "ERROR", "08P01", "insufficient data left in message");
      assertSessionGoesOn(client);
    }
  }

  @Test
  void parameterCountMinusOneIs08P01AndTheSessionGoesOn() throws Exception {
    try (RawClient client = login()) {
      client.send('P', cstrings("", "select 1"), shorts(0));
      client.send('B', cstrings("", ""), shorts(0), shorts(-1), shorts(0));
      client.send('E', cstrings(""), ints(0));
      client.send('S', new byte[0]);
      assertError(client, "ERROR", "08P01", "insufficient data left in message");
      assertSessionGoesOn(client);
    }
  }

  @Test
  void describeWithSubtypeZIs08P01AndTheSessionGoesOn() throws Exception {
    try (RawClient client = login()) {
      client.send('P', cstrings("", "select 1"), shorts(0));
      client.send('D', new byte[] {'Z'}, cstrings(""));
      client.send('S', new byte[0]);
      assertError(client, "ERROR", "08P01", "invalid DESCRIBE message subtype 90");
      assertSessionGoesOn(client);
    }
  }

  @Test
  void alterUserPasswordSaysWherePasswordsLive() throws Exception {
    try (RawClient client = login()) {
      client.query("alter user postgres with password 'secret'");
      RawClient.Message error = client.readUntil('E');
      assertThat(error.fields()).containsEntry('S', "ERROR").containsEntry('C', "0A000");
      assertThat(error.fields().get('M')).contains("configuration file");
      client.readUntil('Z');
      assertSessionGoesOn(client);
    }
    // The configured password still works.
    try (RawClient again = login()) {
      assertSessionGoesOn(again);
    }
  }

  private static RawClient login() throws IOException {
    RawClient client = new RawClient(server.port());
    client.login("postgres", ServerProcess.PASSWORD);
    return client;
  }

  private static void assertError(RawClient client, String severity, String code, String message)
      throws IOException {
    RawClient.Message error = client.readUntil('E');
    Map<Character, String> fields = error.fields();
    assertThat(fields).containsEntry('S', severity).containsEntry('C', code)
        .containsEntry('M', message);
    assertThat(client.readUntil('Z').body()).containsExactly('I');
  }

  private static void assertSessionGoesOn(RawClient client) throws IOException {
    client.query("select 'still here'");
    assertThat(client.readUntil('D').text()).contains("still here");
    assertThat(client.readUntil('Z').type()).isEqualTo('Z');
  }

  /** A Bind body for the unnamed portal and statement. */
  static byte[] bind(short[] parameterFormats, byte[][] parameters, short[] resultFormats)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.write(cstrings("", ""));
    out.writeShort(parameterFormats.length);
    for (short format : parameterFormats) {
      out.writeShort(format);
    }
    out.writeShort(parameters.length);
    for (byte[] parameter : parameters) {
      out.writeInt(parameter.length);
      out.write(parameter);
    }
    out.writeShort(resultFormats.length);
    for (short format : resultFormats) {
      out.writeShort(format);
    }
    return bytes.toByteArray();
  }

  static byte[] cstrings(String... values) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String value : values) {
      out.writeBytes(value.getBytes(StandardCharsets.UTF_8));
      out.write(0);
    }
    return out.toByteArray();
  }

  static byte[] shorts(int... values) {
    byte[] out = new byte[values.length * 2];
    for (int i = 0; i < values.length; i++) {
      out[2 * i] = (byte) (values[i] >> 8);
      out[2 * i + 1] = (byte) values[i];
    }
    return out;
  }

  static byte[] ints(int... values) {
    byte[] out = new byte[values.length * 4];
    for (int i = 0; i < values.length; i++) {
      out[4 * i] = (byte) (values[i] >> 24);
      out[4 * i + 1] = (byte) (values[i] >> 16);
      out[4 * i + 2] = (byte) (values[i] >> 8);
      out[4 * i + 3] = (byte) values[i];
    }
    return out;
  }
}
