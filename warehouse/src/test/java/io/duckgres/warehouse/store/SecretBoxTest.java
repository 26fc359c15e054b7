package io.duckgres.warehouse.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {
  @TempDir Path directory;

  @Test
  void theKeyFileIsCreatedOwnerOnlyAndReadBackTheSame() throws Exception {
    Path file = directory.resolve("keys/secrets.key");
    SecretBox first = SecretBox.fromKeyFile(file);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    byte[] sealed = first.seal("hunter2", "acme/metadata_password");
    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("hunter2");
    assertThat(SecretBox.fromKeyFile(file).open(sealed, "acme/metadata_password"))
        .isEqualTo("hunter2");
  }

  @Test
  void sealingTwiceGivesDifferentCiphertexts() {
    SecretBox box = SecretBox.fromKeyFile(directory.resolve("k"));
    assertThat(box.seal("same", "c")).isNotEqualTo(box.seal("same", "c"));
  }

  @Test
  void aCiphertextMovedToAnotherOrgOrColumnOrKeyDoesNotOpen() {
    SecretBox box = SecretBox.fromKeyFile(directory.resolve("a"));
    SecretBox other = SecretBox.fromKeyFile(directory.resolve("b"));
    byte[] sealed = box.seal("s3-secret", "acme/s3_secret_access_key");
    assertThatThrownBy(() -> box.open(sealed, "evil/s3_secret_access_key"))
        .isInstanceOf(IllegalStateException.class).hasMessageNotContaining("s3-secret");
    assertThatThrownBy(() -> other.open(sealed, "acme/s3_secret_access_key"))
        .hasMessageContaining("key file differs");
    sealed[sealed.length - 1] ^= 1;
    assertThatThrownBy(() -> box.open(sealed, "acme/s3_secret_access_key"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aKeyFileOthersCanReadIsRefused() throws Exception {
    Path file = directory.resolve("loose.key");
    SecretBox.fromKeyFile(file);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> SecretBox.fromKeyFile(file))
        .hasMessageContaining("chmod 600").hasMessageContaining("rw-r--r--");
  }

  @Test
  void printingTheBoxOrASecretShowsNothing() {
    SecretBox box = SecretBox.fromKeyFile(directory.resolve("p"));
    EncryptedSecret secret = new EncryptedSecret(box.seal("pw", "x/y"), "x/y");
    assertThat(box.toString()).doesNotContain("=").contains("redacted");
    assertThat(secret.toString()).isEqualTo("***");
  }
}
