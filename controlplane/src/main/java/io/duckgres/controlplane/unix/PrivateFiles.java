package io.duckgres.controlplane.unix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Unix sockets here carry client connections and the power to stop workers or take over the
 * listener; only the user running duckgres may reach them. The socket directory is 0700 and
 * every socket file 0600 (Linux checks write permission on a socket file for connect).
 */
public final class PrivateFiles {
  private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> OWNER_ONLY_FILE =
      PosixFilePermissions.fromString("rw-------");

  private PrivateFiles() {}

  /** Creates the directory (and parents) if needed and makes it owner-only. */
  public static void directory(Path directory) throws IOException {
    Files.createDirectories(directory);
    Files.setPosixFilePermissions(directory, OWNER_ONLY_DIRECTORY);
  }

  public static void socket(Path socket) throws IOException {
    Files.setPosixFilePermissions(socket, OWNER_ONLY_FILE);
  }
}
