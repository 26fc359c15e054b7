package io.duckgres.it.tenants;

import static org.assertj.core.api.Assertions.assertThat;

import io.duckgres.it.ServerProcess;
import io.duckgres.it.console.ConsoleBrowser;
import io.duckgres.it.console.Victim;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin console of a multi-tenant control plane in a real headless Chromium, against the
 * real cluster (PostgreSQL config store, control plane, worker processes): log in; provisioning
 * with an unknown flavor shows the API's 400 as sent and lists nothing; an org provisioned from
 * the page becomes ready; a user added there gets a password shown once, which then logs in; the
 * workers page lists the pool; a pgJDBC client's running statement on the org's worker is
 * listed (the control plane asks the worker over its control socket), terminated from the page,
 * and the client gets 57P01; the chart counts the workers' statements; deprovisioning asks
 * first and then takes the org away.
 */
class TenantsConsoleTest {
  @TempDir Path directory;

  @Test
  void provisionAddAUserAndTerminateASessionFromTheBrowser() throws Exception {
    try (TenantsCluster cluster = new TenantsCluster(directory)) {
      cluster.startControlPlane(ServerProcess.freePort(), "console-control-plane.log",
          "--warm-workers", "1");
      // The client connects once the page has made the org ready, and then runs a statement
      // that lasts until the page ends its session.
      CompletableFuture<Victim> victim = CompletableFuture.supplyAsync(() -> {
        try {
          cluster.awaitState("acme", "ready", Duration.ofSeconds(150));
          return Victim.start(cluster.connect("acme_db", "alice", "alice-pw-1"));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      Path passwordFile = directory.resolve("bob.password");
      // The page shows bob's password once; before it deprovisions the org, this logs in with it.
      CompletableFuture<Void> bobLogsIn = CompletableFuture.runAsync(() -> {
        String outcome;
        try {
          long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
          while (!Files.exists(passwordFile) && System.nanoTime() < deadline) {
            Thread.sleep(100);
          }
          String password = Files.readString(passwordFile).strip();
          try (Connection bob = cluster.connect("acme_db", "bob", password);
              Statement statement = bob.createStatement();
              ResultSet row = statement.executeQuery("select current_user")) {
            row.next();
            outcome = row.getString(1).equals("bob") ? "ok"
                : "logged in as " + row.getString(1);
          }
        } catch (Exception e) {
          outcome = "bob could not log in with the password shown: " + e.getMessage();
        }
        try {
          Files.writeString(passwordFile.resolveSibling("bob.password.checked"), outcome);
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      ConsoleBrowser.Run run = ConsoleBrowser.run("tenants", Map.of(
          "CONSOLE_URL", "http://127.0.0.1:" + cluster.adminPort(),
          "CONSOLE_TOKEN_FILE", cluster.adminTokenFile().toString(),
          "CONSOLE_SCREENSHOTS", ConsoleBrowser.screenshots("tenants", true).toString(),
          "CONSOLE_VICTIM_USER", "alice",
          "CONSOLE_EXTERNAL_PORT", Integer.toString(cluster.postgresPort()),
          "CONSOLE_PASSWORD_FILE", passwordFile.toString()));
      assertThat(run.exitCode())
          .as("%s\n--- control plane log ---\n%s", run.output(), cluster.controlPlane().log())
          .isZero();
      assertThat(run.output()).contains(
          "ok provisioning with an unknown flavor shows the API's 400 as sent",
          "ok provision an org and watch it become ready",
          "ok add a user and see the password once",
          "ok terminate alice's session from the page",
          "ok the password shown for bob logs in",
          "ok deprovision the org after confirming");

      try (Victim client = victim.get(30, TimeUnit.SECONDS)) {
        SQLException ended = client.failure().get(30, TimeUnit.SECONDS);
        assertThat(ended.getSQLState()).as(ended.getMessage()).isEqualTo("57P01");
      }
      assertThat(cluster.state("badflavor")).isEqualTo("gone");
      bobLogsIn.get(10, TimeUnit.SECONDS);
      assertThat(Files.readString(passwordFile.resolveSibling("bob.password.checked")))
          .isEqualTo("ok");
      assertThat(cluster.state("acme")).isIn("deleting", "gone");
      String password = Files.readString(passwordFile).strip();
      String log = cluster.controlPlane().log();
      assertThat(log).doesNotContain(Files.readString(cluster.adminTokenFile()).strip(),
          password, "alice-pw-1");
    }
  }
}
