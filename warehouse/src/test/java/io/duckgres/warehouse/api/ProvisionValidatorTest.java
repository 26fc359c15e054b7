package io.duckgres.warehouse.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duckgres.engine.ducklake.MetadataStoreFlavor;
import io.duckgres.warehouse.store.DataStore;
import io.duckgres.warehouse.store.MetadataStore;
import io.duckgres.warehouse.store.WarehouseSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ProvisionValidatorTest {
  private static ApiRequests.Provision external(String flavor) {
    return new ApiRequests.Provision("lake_db",
        new ApiRequests.MetadataStore("external",
            new ApiRequests.External("h", 26257, "lake", "root", "pw", flavor)),
        null, new ApiRequests.User("alice", null, null));
  }

  @Test
  void defaultsAreAnInternalStoreWithLocalDataAndPostgres() {
    WarehouseSpec spec = ProvisionValidator.validate("acme", new ApiRequests.Provision("acme_db",
        null, null, new ApiRequests.User("alice", null, null)));
    assertThat(spec.metadataStoreType()).isEqualTo(MetadataStore.Type.INTERNAL);
    assertThat(spec.dataStoreType()).isEqualTo(DataStore.Type.LOCAL);
    assertThat(spec.flavor()).isEqualTo(MetadataStoreFlavor.POSTGRES);
  }

  @Test
  void theFlavorIsPostgresWhenAbsentOrEmptyAndCockroachdbWhenSaid() {
    assertThat(ProvisionValidator.validate("a", external(null)).flavor())
        .isEqualTo(MetadataStoreFlavor.POSTGRES);
    assertThat(ProvisionValidator.validate("a", external("")).flavor())
        .isEqualTo(MetadataStoreFlavor.POSTGRES);
    assertThat(ProvisionValidator.validate("a", external("postgres")).flavor())
        .isEqualTo(MetadataStoreFlavor.POSTGRES);
    assertThat(ProvisionValidator.validate("a", external("cockroachdb")).flavor())
        .isEqualTo(MetadataStoreFlavor.COCKROACHDB);
  }

  @ParameterizedTest
  @ValueSource(strings = {"crdb", "cockroach", "mysql", "postgresql"})
  void anyOtherFlavorIsRefusedNamingTheAllowedOnes(String flavor) {
    assertThatThrownBy(() -> ProvisionValidator.validate("a", external(flavor)))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400))
        .hasMessageContaining("'" + flavor + "'").hasMessageContaining("postgres")
        .hasMessageContaining("cockroachdb");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "acme", "a-1", "0rg", "x23456789012345678901234567890123456789012345678901234567890123"})
  void dnsLabelsAreOrgIds(String org) {
    ProvisionValidator.requireOrgId(org);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-a", "a-", "A", "a_b", "a.b", "x234567890123456789012345678901234567890123456789012345678901234"})
  void otherWordsAreNot(String org) {
    assertThatThrownBy(() -> ProvisionValidator.requireOrgId(org))
        .hasMessageContaining("DNS label");
  }

  @Test
  void aPasswordWithNulIsRefused() {
    assertThatThrownBy(() -> ProvisionValidator.requirePassword("user.password", "a\0b"))
        .hasMessageContaining("without NUL");
  }

  @Test
  void printingARequestMasksItsSecrets() {
    ApiRequests.Provision request = new ApiRequests.Provision("d",
        new ApiRequests.MetadataStore("external",
            new ApiRequests.External("h", 1, "l", "u", "ext-secret", null)),
        new ApiRequests.DataStore("s3", new ApiRequests.S3("bucket", null, null, null, null, null,
            "AKID-secret", "s3-secret")),
        new ApiRequests.User("alice", "user-secret", null));
    assertThat(request.toString()).doesNotContain("ext-secret", "AKID-secret", "s3-secret",
        "user-secret");
    assertThat(ProvisionValidator.validate("a", request).toString())
        .doesNotContain("ext-secret", "AKID-secret", "s3-secret");
  }
}
