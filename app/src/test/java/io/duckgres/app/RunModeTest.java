package io.duckgres.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duckgres.controlplane.ControlPlaneConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --mode and the control-plane/worker settings (issue 7), through the real loader. */
class RunModeTest {
  @TempDir Path workingDirectory;

  private final Map<Setting, String> flags = new EnumMap<>(Setting.class);

  @Test
  void standaloneByDefault() throws Exception {
    RunMode mode = load();
    assertThat(mode.kind()).isEqualTo(RunMode.Kind.STANDALONE);
    assertThat(mode.worker()).isNull();
  }

  @Test
  void controlPlaneSettingsFromFlagsWithDefaultsForTheRest() throws Exception {
    flags.put(Setting.MODE, "control-plane");
    flags.put(Setting.WORKER_COUNT, "3");
    flags.put(Setting.HANDOVER_SOCKET, "cp.sock");
    flags.put(Setting.HEALTH_CHECK_INTERVAL, "1s");
    flags.put(Setting.METRICS_PORT, "9187");

    RunMode mode = load();
    ControlPlaneConfig config = mode.controlPlane().withWorkerCommand(List.of("java"));

    assertThat(mode.kind()).isEqualTo(RunMode.Kind.CONTROL_PLANE);
    assertThat(config.workerCount()).isEqualTo(3);
    assertThat(config.handoverSocket()).isEqualTo(workingDirectory.resolve("cp.sock"));
    assertThat(config.socketDir()).isEqualTo(workingDirectory.resolve("data").resolve("run"));
    assertThat(config.healthCheckInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.drainTimeout()).isEqualTo(ControlPlaneConfig.DEFAULT_DRAIN_TIMEOUT);
    assertThat(config.metricsPort()).isEqualTo(9187);
  }

  @Test
  void controlPlaneSettingsFromTheYamlFile() throws Exception {
    Files.writeString(workingDirectory.resolve("duckgres.yaml"),
        "mode: control-plane\ncontrol_plane:\n  worker_count: 2\n  drain_timeout: 5m\n");
    RunMode mode = load();
    assertThat(mode.kind()).isEqualTo(RunMode.Kind.CONTROL_PLANE);
    assertThat(mode.controlPlane().workerCount()).isEqualTo(2);
    assertThat(mode.controlPlane().drainTimeout()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void aWorkerNeedsItsSocketsFromTheControlPlane() {
    flags.put(Setting.MODE, "worker");
    assertThatThrownBy(this::load)
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("--mode worker is started by a control plane");
  }

  @Test
  void aWorkerGetsItsSocketPaths() throws Exception {
    flags.put(Setting.MODE, "worker");
    flags.put(Setting.WORKER_CONTROL_SOCKET, "/tmp/w1.ctl");
    flags.put(Setting.WORKER_FD_SOCKET, "/tmp/w1.fd");
    RunMode mode = load();
    assertThat(mode.worker().controlSocket()).isEqualTo(Path.of("/tmp/w1.ctl"));
    assertThat(mode.worker().fdSocket()).isEqualTo(Path.of("/tmp/w1.fd"));
  }

  @Test
  void socketPathsTooLongForUnixSocketsAreRefusedAtOnce() {
    flags.put(Setting.MODE, "control-plane");
    flags.put(Setting.SOCKET_DIR, "/tmp/" + "d".repeat(100));
    assertThatThrownBy(this::load)
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("invalid value for --socket-dir")
        .hasMessageContaining("107 bytes");
  }

  @Test
  void workerCountMustBePositive() {
    flags.put(Setting.MODE, "control-plane");
    flags.put(Setting.WORKER_COUNT, "0");
    assertThatThrownBy(this::load)
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("invalid value for --worker-count: 0");
  }

  private RunMode load() throws ConfigException {
    return new ConfigLoader(Map.of(), workingDirectory).load(flags).runMode();
  }
}
