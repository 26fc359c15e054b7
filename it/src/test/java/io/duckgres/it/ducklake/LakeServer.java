package io.duckgres.it.ducklake;

import io.duckgres.it.ServerProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Starts the real duckgres process with a DuckLake section in its YAML config file, the way an
 * operator would ({@code --config}). Extensions come from the checkout's .extensions directory,
 * which bin/test fills with scripts/fetch-extensions.
 */
final class LakeServer {
  private final Map<String, String> lake = new LinkedHashMap<>();
  private final Map<String, String> users = new LinkedHashMap<>();

  /** The directory scripts/fetch-extensions fills (the it pom passes it in). */
  static Path extensionDirectory() {
    return Path.of(System.getProperty("duckgres.extensions", "../.extensions"))
        .toAbsolutePath().normalize();
  }

  LakeServer set(String key, String value) {
    lake.put(key, value);
    return this;
  }

  /** Writes {@code dataDir/duckgres.yaml} and starts the server with it. */
  ServerProcess start(Path dataDir) throws Exception {
    Path config = writeConfig(dataDir);
    return ServerProcess.start(dataDir, "--config", config.toString());
  }

  /** A server not yet started, for tests that expect it to fail or restart it. */
  ServerProcess prepare(Path dataDir) throws IOException {
    Path config = writeConfig(dataDir);
    return new ServerProcess(dataDir, "--config", config.toString());
  }

  /** A users section for the config file: name to password, none of them a superuser. */
  LakeServer users(Map<String, String> passwords) {
    users.putAll(passwords);
    return this;
  }

  private Path writeConfig(Path dataDir) throws IOException {
    Files.createDirectories(dataDir);
    StringBuilder yaml = new StringBuilder()
        .append("extension_directory: ").append(quote(extensionDirectory().toString()))
        .append('\n').append("ducklake:\n");
    lake.forEach((key, value) ->
        yaml.append("  ").append(key).append(": ").append(quote(value)).append('\n'));
    if (!users.isEmpty()) {
      yaml.append("users:\n");
      users.forEach((user, password) ->
          yaml.append("  ").append(user).append(": ").append(quote(password)).append('\n'));
    }
    Path config = dataDir.resolve("duckgres.yaml");
    Files.writeString(config, yaml, StandardCharsets.UTF_8);
    return config;
  }

  private static String quote(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}
