package io.duckgres.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client library's own test suite (pytest, node --test, go test) run against one real server
 * process: the project's script installs the pinned client (printing the tool's path last), the
 * suite gets the server's address in DUCKGRES_HOST / DUCKGRES_PORT / DUCKGRES_PASSWORD, and its
 * exit status decides.
 */
abstract class ClientSuite {
  /** The repository root: surefire runs in it/, so its parent (or -Dduckgres.root). */
  static final Path ROOT = Path.of(System.getProperty("duckgres.root",
      Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent().toString()));
  static final Duration TIMEOUT = Duration.ofMinutes(15);

  record Result(int exitCode, String output) {}

  @TempDir static Path dataDir;
  static ServerProcess server;

  @BeforeAll
  static void start() throws Exception {
    server = ServerProcess.start(dataDir);
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  /** Runs {@code scripts/<script> [arguments] --print}; returns the executable it prints last. */
  static String installedTool(String script, String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of(ROOT.resolve("scripts/" + script).toString()));
    command.addAll(List.of(arguments));
    command.add("--print");
    Result env = run(command, Map.of());
    assertThat(env.exitCode()).as("scripts/%s failed:\n%s", script, env.output()).isZero();
    String tool = env.output().strip().lines().reduce((first, last) -> last).orElse("");
    assertThat(Files.isExecutable(Path.of(tool))).as("%s from scripts/%s", tool, script).isTrue();
    return tool;
  }

  /** Runs the suite's command against the server; fails with its output and the server's log. */
  static Result runSuite(List<String> command, Map<String, String> extraEnv) throws Exception {
    Map<String, String> env = new HashMap<>(extraEnv);
    env.put("DUCKGRES_HOST", "127.0.0.1");
    env.put("DUCKGRES_PORT", Integer.toString(server.port()));
    env.put("DUCKGRES_PASSWORD", ServerProcess.PASSWORD);
    Result result = run(command, env);
    System.out.println(result.output());
    assertThat(result.exitCode())
        .as("%s exited with %d:\n%s\n--- server log ---\n%s",
            command.get(0), result.exitCode(), result.output(), server.log())
        .isZero();
    return result;
  }

  static Result run(List<String> command, Map<String, String> env) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(ROOT.toFile())
        .redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    process.getOutputStream().close();
    CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process));
    if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      String partial;
      try {
        partial = output.get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        partial = "(no output: " + e + ")";
      }
      return new Result(-1, command.get(0) + " timed out after " + TIMEOUT + ":\n" + partial);
    }
    return new Result(process.exitValue(), output.get(30, TimeUnit.SECONDS));
  }

  private static String readAll(Process process) {
    try (InputStream in = process.getInputStream()) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      in.transferTo(bytes);
      return bytes.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(output unreadable: " + e + ")";
    }
  }
}
