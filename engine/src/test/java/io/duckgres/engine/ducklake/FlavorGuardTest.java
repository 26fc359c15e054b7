package io.duckgres.engine.ducklake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FlavorGuardTest {
  @BeforeEach
  @AfterEach
  void forget() {
    FlavorGuard.resetForTests();
  }

  @Test
  void theFirstAttachPinsTheProcessAndTheSameFlavorMayAttachAgain() {
    FlavorGuard.claim(MetadataStoreFlavor.COCKROACHDB);
    FlavorGuard.claim(MetadataStoreFlavor.COCKROACHDB);
    assertThat(FlavorGuard.claimed()).isEqualTo(MetadataStoreFlavor.COCKROACHDB);
  }

  @Test
  void theOtherFlavorIsRefusedWithAReason() {
    FlavorGuard.claim(MetadataStoreFlavor.POSTGRES);
    assertThatThrownBy(() -> FlavorGuard.claim(MetadataStoreFlavor.COCKROACHDB))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("metadata store flavor is postgres")
        .hasMessageContaining("cannot also attach one of flavor cockroachdb")
        .hasMessageContaining("separate duckgres process");
    assertThat(FlavorGuard.claimed()).isEqualTo(MetadataStoreFlavor.POSTGRES);
  }
}
