package io.duckgres.it.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs one scenario of it/src/test/console/console.mjs: Playwright (playwright-core, pinned by
 * that directory's package-lock.json) driving Debian's headless Chromium through the admin
 * console. scripts/console-test-env installs both when missing. The scenario's steps print
 * {@code ok <step>}; any failure exits non-zero with the reason and a screenshot.
 */
public final class ConsoleBrowser {
  /** The repository root: surefire runs in it/, so its parent (or -Dduckgres.root). */
  public static final Path ROOT = Path.of(System.getProperty("duckgres.root",
      Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent().toString()));
  private static final long TIMEOUT_SECONDS = 240;

  private ConsoleBrowser() {}

  /** What a scenario run printed. */
  public record Run(int exitCode, String output) {}

  /**
   * Where a scenario's screenshots go: {@code -Dduckgres.console.screenshots=DIR} names the
   * directory for the full (tenants) set, e.g. docs/console; otherwise it/target.
   */
  public static Path screenshots(String scenario, boolean documented) {
    String chosen = System.getProperty("duckgres.console.screenshots");
    if (documented && chosen != null && !chosen.isBlank()) {
      return ROOT.resolve(chosen).normalize();
    }
    return ROOT.resolve("it/target/console-screenshots").resolve(scenario);
  }

  /** Runs {@code scenario} with {@code env} (CONSOLE_* variables) and returns its output. */
  public static Run run(String scenario, Map<String, String> env) throws Exception {
    String node = installedNode();
    ProcessBuilder builder = new ProcessBuilder(List.of(node,
        ROOT.resolve("it/src/test/console/console.mjs").toString(), scenario))
        .directory(ROOT.toFile())
        .redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    process.getOutputStream().close();
    CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process));
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      return new Run(-1, "timed out after " + TIMEOUT_SECONDS + " s:\n"
          + output.get(10, TimeUnit.SECONDS));
    }
    String text = output.get(30, TimeUnit.SECONDS);
    System.out.println(text);
    return new Run(process.exitValue(), text);
  }

  private static String installedNode() throws Exception {
    ProcessBuilder builder = new ProcessBuilder(
        ROOT.resolve("scripts/console-test-env").toString(), "--print")
        .directory(ROOT.toFile()).redirectErrorStream(true);
    Process process = builder.start();
    String text = readAll(process);
    assertThat(process.waitFor(600, TimeUnit.SECONDS)).as("scripts/console-test-env").isTrue();
    assertThat(process.exitValue()).as("scripts/console-test-env failed:\n%s", text).isZero();
    String node = text.strip().lines().reduce((first, last) -> last).orElse("");
    assertThat(Files.isExecutable(Path.of(node))).as("node from scripts/console-test-env: %s",
        text).isTrue();
    return node;
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
