package io.duckgres.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duckgres.pgwire.SqlState;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AuthenticationPayloadsTest {
  private static byte[] saslInitial(String mechanism, int length, byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(mechanism.getBytes(StandardCharsets.UTF_8));
    out.write(0);
    out.writeBytes(ByteBuffer.allocate(4).putInt(length).array());
    out.writeBytes(data);
    return out.toByteArray();
  }

  @Test
  void saslInitialResponse() {
    byte[] data = "n,,n=*,r=abc".getBytes(StandardCharsets.UTF_8);
    assertThat(AuthenticationPayloads.saslInitialResponse(saslInitial("SCRAM-SHA-256", 12, data)))
        .isEqualTo(new AuthenticationPayloads.SaslInitialResponse("SCRAM-SHA-256", "n,,n=*,r=abc"));
  }

  @Test
  void malformedSaslInitialResponse() {
    byte[] data = "n,,n=*,r=abc".getBytes(StandardCharsets.UTF_8);
    byte[][] bad = {
      "SCRAM-SHA-256".getBytes(StandardCharsets.UTF_8), // no terminator
      saslInitial("SCRAM-SHA-256", 13, data), // length says more than present
      saslInitial("SCRAM-SHA-256", 11, data), // trailing byte
      saslInitial("SCRAM-SHA-256", -1, new byte[0]), // no initial response
      saslInitial("SCRAM-SHA-256", 2, new byte[] {(byte) 0xC3, 0x28}), // invalid UTF-8
      {'S', 0, 0, 0}, // length field cut short
    };
    for (byte[] payload : bad) {
      assertThatThrownBy(() -> AuthenticationPayloads.saslInitialResponse(payload))
          .isInstanceOfSatisfying(AuthenticationProtocolException.class,
              e -> assertThat(e.sqlState()).isEqualTo(SqlState.PROTOCOL_VIOLATION));
    }
  }

  @Test
  void saslResponse() {
    assertThat(AuthenticationPayloads.saslResponse("c=biws".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("c=biws");
  }

  @Test
  void passwordMessage() {
    byte[] payload = "pässword\0".getBytes(StandardCharsets.UTF_8);
    assertThat(AuthenticationPayloads.passwordMessage(payload)).isEqualTo("pässword");
    assertThat(AuthenticationPayloads.passwordMessage(new byte[] {0})).isEmpty();
    for (byte[] bad : new byte[][] {{}, {'a'}, {'a', 0, 'b', 0}, {'a', 0, 'b'}}) {
      assertThatThrownBy(() -> AuthenticationPayloads.passwordMessage(bad))
          .isInstanceOf(AuthenticationProtocolException.class)
          .hasMessage("invalid password packet size");
    }
  }
}
