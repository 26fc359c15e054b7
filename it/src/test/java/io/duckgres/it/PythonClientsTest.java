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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pytest suite in it/src/test/python — psycopg 3 and asyncpg against the real server over TLS
 * — run by the venv's Python against one server process. scripts/python-env makes the venv (it is
 * idempotent and quiet when the venv is up to date).
 */
class PythonClientsTest {
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

  @Test
  void psycopgAndAsyncpgSuitePasses() throws Exception {
    Result env = run(List.of(ROOT.resolve("scripts/python-env").toString(), "--print"), Map.of());
    assertThat(env.exitCode()).as("scripts/python-env failed:\n%s", env.output()).isZero();
    String python = env.output().strip().lines().reduce((first, last) -> last).orElse("");
    assertThat(Files.isExecutable(Path.of(python))).as("venv python %s", python).isTrue();

    List<String> command = new ArrayList<>(List.of(python, "-m", "pytest", "-q"));
    // e.g. -Dduckgres.pytest.args="-v -x -k asyncpg" to narrow a run down.
    String extra = System.getProperty("duckgres.pytest.args", "").strip();
    if (!extra.isEmpty()) {
      command.addAll(List.of(extra.split("\\s+")));
    }
    command.add("it/src/test/python");
    Result pytest = run(
        command,
        Map.of(
            "DUCKGRES_HOST", "127.0.0.1",
            "DUCKGRES_PORT", Integer.toString(server.port()),
            "DUCKGRES_PASSWORD", ServerProcess.PASSWORD,
            "PYTHONDONTWRITEBYTECODE", "1"));
    System.out.println(pytest.output());
    assertThat(pytest.exitCode())
        .as("pytest exited with %d:\n%s\n--- server log ---\n%s",
            pytest.exitCode(), pytest.output(), server.log())
        .isZero();
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
