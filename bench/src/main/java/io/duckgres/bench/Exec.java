package io.duckgres.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external command (pgbench, jcmd) to completion with a hard time limit. Output goes to
 * files rather than pipes so a chatty child can never block on a full pipe.
 */
final class Exec {
  record Result(int exitCode, String stdout, String stderr) {
    String tail() {
      String text = (stderr.isBlank() ? stdout : stderr).strip();
      return text.length() > 400 ? "…" + text.substring(text.length() - 400) : text;
    }
  }

  private Exec() {}

  static Result run(List<String> command, Map<String, String> environment, Path scratchDir, long timeoutSeconds)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile(scratchDir, "exec", ".out");
    Path err = Files.createTempFile(scratchDir, "exec", ".err");
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
      builder.environment().putAll(environment);
      Process process = builder.start();
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new IOException(command.get(0) + " did not finish within " + timeoutSeconds + " s");
      }
      return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
