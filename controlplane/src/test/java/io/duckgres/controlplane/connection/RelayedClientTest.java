package io.duckgres.controlplane.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class RelayedClientTest {
  @Test
  void theClientsAddressAndStartupSurviveTheNote() {
    byte[] startup = {0, 0, 0, 8, 0, 3, 0, 0};
    for (String host : new String[] {"203.0.113.7", "2001:db8::1"}) {
      RelayedClient decoded = RelayedClient.decode(
          new RelayedClient(new InetSocketAddress(host, 50123), startup).encode());
      assertThat(decoded.address()).isEqualTo(new InetSocketAddress(host, 50123));
      assertThat(decoded.startup()).containsExactly(startup);
    }
  }

  @Test
  void aNoteWithoutAnAddressIsRefused() {
    assertThatThrownBy(() -> RelayedClient.decode(new byte[] {20, 1, 2}))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> RelayedClient.decode(new byte[0]))
        .isInstanceOf(IllegalStateException.class);
  }
}
