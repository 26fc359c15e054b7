package io.duckgres.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MainTest {
  @TempDir Path workingDirectory;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void helpListsEveryOptionWithItsDescription() {
    int status = run("--help");

    assertThat(status).isEqualTo(Main.EXIT_OK);
    String help = out.toString().replaceAll("\\s+", " ");
    for (Setting setting : Setting.values()) {
      assertThat(help)
          .containsPattern(Pattern.quote(setting.flag()) + "\\[?=")
          .contains(setting.description());
    }
    assertThat(help).contains("--help").contains("--version");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void versionIsPrinted() {
    int status = run("--version");

    assertThat(status).isEqualTo(Main.EXIT_OK);
    assertThat(out.toString()).startsWith("duckgres ");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          --port 70000                | invalid value for --port: 70000 (must be 1..65535)
          --port=0                    | invalid value for --port: 0 (must be 1..65535)
          --port five                 | invalid value for --port: five (must be 1..65535)
          --port                      | missing value for --port
          --prot 5432                 | unknown option: --prot (see --help)
          --prot=5432                 | unknown option: --prot (see --help)
          serve                       | unexpected argument: serve (see --help)
          --mode foo                  | invalid value for --mode: foo (allowed: standalone, control-plane, worker)
          --idle-timeout 5x           | invalid value for --idle-timeout: 5x (expected a duration such as 30s, 5m, 1h30m or 0)
          --idle-timeout 30           | invalid value for --idle-timeout: 30 (expected a duration such as 30s, 5m, 1h30m or 0)
          --shutdown-timeout -1s      | invalid value for --shutdown-timeout: -1s (expected a duration such as 30s, 5m, 1h30m or 0)
          --memory-limit lots         | invalid value for --memory-limit: lots (expected a size with a unit, e.g. 512MB or 4GB)
          --memory-limit 4GB';DROP    | invalid value for --memory-limit: 4GB';DROP (expected a size with a unit, e.g. 512MB or 4GB)
          --threads -2                | invalid value for --threads: -2 (must be an integer >= 0)
          --allow-plaintext=maybe     | invalid value for --allow-plaintext: maybe (must be true or false)
          --auth-method md5           | invalid value for --auth-method: md5 (allowed: scram-sha-256, password)
          --max-message-size 12       | invalid value for --max-message-size: 12 (must be between 1kB and 2GB, e.g. 64MB)
          --max-message-size 3GB      | invalid value for --max-message-size: 3GB (must be between 1kB and 2GB, e.g. 64MB)
          --auth-max-failures 0       | invalid value for --auth-max-failures: 0 (must be an integer >= 1)
          --auth-failure-window 0     | invalid value for --auth-failure-window: 0 (must be longer than 0)
          --auth-ban-duration forever | invalid value for --auth-ban-duration: forever (expected a duration such as 30s, 5m, 1h30m or 0)
          --config missing.yaml       | invalid value for --config: missing.yaml (file not found)
          --cert no.pem --key no.key  | invalid value for --cert: no.pem (file not found)
          --host=                     | invalid value for --host: '' (expected a host name or IP address)
          """)
  void badValueStopsWithOneLineNamingOptionAndValue(String arguments, String message) {
    int status = run(arguments.split(" "));

    assertThat(status).isEqualTo(Main.EXIT_BAD_CONFIGURATION);
    assertThat(err.toString()).isEqualTo("duckgres: " + message + System.lineSeparator());
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void badYamlStopsWithOneLine() throws Exception {
    Files.writeString(workingDirectory.resolve("duckgres.yaml"), "port: [\n");

    int status = run();

    assertThat(status).isEqualTo(Main.EXIT_BAD_CONFIGURATION);
    assertThat(err.toString().lines()).hasSize(1).first().asString().startsWith(
        "duckgres: cannot parse config file " + workingDirectory.resolve("duckgres.yaml"));
  }

  /**
   * Whatever the server's state of completion, binding a port that is already taken must fail
   * start(), and that failure must reach the operator as one line and exit status 1.
   */
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void serverThatCannotStartExitsWithOneLine() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int status =
          run(
              "--host", "127.0.0.1",
              "--port", String.valueOf(taken.getLocalPort()),
              "--data-dir", workingDirectory.resolve("data").toString());

      assertThat(status).isEqualTo(Main.EXIT_CANNOT_START);
      assertThat(err.toString().lines()).hasSize(1).first().asString()
          .startsWith("duckgres: cannot start: ");
    }
  }

  private int run(String... arguments) {
    Main main =
        new Main(Map.of(), workingDirectory, new PrintWriter(out, true), new PrintWriter(err, true));
    return main.run(arguments);
  }
}
