package io.duckgres.warehouse.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A small secret file (a key, a token) that is created once with mode 0600 and read ever after.
 * Creation is atomic: the content is written to a private temporary file which is then hard-linked
 * to the final name, which fails when the name exists. So two control planes starting at once on
 * one file both end up with the same complete content, never a half-written one.
 */
public final class OwnerOnlyFile {
  static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private OwnerOnlyFile() {}

  /** What was just read, and whether this call created it. */
  public record Content(String text, boolean created) {
    @Override
    public String toString() {
      return "Content[redacted, created=" + created + "]";
    }
  }

  /**
   * The file's text, stripped; when the file does not exist, {@code fresh} is written there first.
   */
  public static Content readOrCreate(Path file, Supplier<String> fresh) throws IOException {
    Path absolute = file.toAbsolutePath();
    Files.createDirectories(absolute.getParent());
    if (!Files.exists(absolute)) {
      Path temporary = absolute.resolveSibling("." + absolute.getFileName() + "."
          + UUID.randomUUID() + ".tmp");
      String text = fresh.get();
      Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      try {
        Files.writeString(temporary, text + "\n", StandardCharsets.US_ASCII);
        Files.createLink(absolute, temporary);
        return new Content(text, true);
      } catch (FileAlreadyExistsException lostTheRace) {
        // Another process created it meanwhile, completely: read theirs below.
      } finally {
        Files.deleteIfExists(temporary);
      }
    }
    return new Content(Files.readString(absolute, StandardCharsets.UTF_8).strip(), false);
  }
}
