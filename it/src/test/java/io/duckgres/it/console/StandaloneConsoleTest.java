package io.duckgres.it.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.duckgres.it.ServerProcess;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin console of a standalone server ({@code --admin-listen}) in a real headless Chromium:
 * a wrong token is refused with 401 and the page says so; the token logs in (HttpOnly,
 * SameSite=Strict cookie); the page shows only the sessions and the statement chart; a pgJDBC
 * client's running statement is listed, terminated from the page, and the client gets 57P01.
 */
class StandaloneConsoleTest {
  @TempDir Path dataDir;

  @Test
  void terminateARunningSessionFromTheBrowser() throws Exception {
    int adminPort = ServerProcess.freePort();
    try (ServerProcess server = ServerProcess.start(dataDir,
        "--admin-listen", "127.0.0.1:" + adminPort);
        Victim victim = Victim.start(server.connect())) {
      ConsoleBrowser.Run run = ConsoleBrowser.run("standalone", Map.of(
          "CONSOLE_URL", "http://127.0.0.1:" + adminPort,
          "CONSOLE_TOKEN_FILE", dataDir.resolve("admin.token").toString(),
          "CONSOLE_SCREENSHOTS", ConsoleBrowser.screenshots("standalone", false).toString(),
          "CONSOLE_VICTIM_USER", "postgres"));
      assertThat(run.exitCode()).as("%s\n--- server log ---\n%s", run.output(), server.log())
          .isZero();
      assertThat(run.output()).contains("ok terminate postgres's session from the page",
          "ok the activity chart plots the last hour", "ok log out clears the cookie");

      SQLException ended = victim.failure().get(30, TimeUnit.SECONDS);
      assertThat(ended.getSQLState()).as(ended.getMessage()).isEqualTo("57P01");
      assertThat(ended.getMessage()).contains("terminating connection due to administrator");
      // The token never reaches the log; the operator's action does.
      String token = java.nio.file.Files.readString(dataDir.resolve("admin.token")).strip();
      assertThat(server.log()).doesNotContain(token).contains("admin API: terminating session");
    }
  }
}
