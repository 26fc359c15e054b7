package io.duckgres.app;

import io.duckgres.controlplane.ControlPlane;
import io.duckgres.controlplane.ControlPlaneConfig;
import io.duckgres.controlplane.tenant.StoreTenantDirectory;
import io.duckgres.controlplane.worker.WorkerProcess;
import io.duckgres.warehouse.TenantsService;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the control-plane and worker modes; {@link Main} runs standalone itself.
 *
 * <p>Workers are started with the control plane's own command line, so they load exactly its
 * configuration (same flags, same environment, same working directory, same YAML file), followed
 * by {@code --mode worker} and their socket paths, which win because the last flag wins. The jar
 * is the path this process was started from, read again at every spawn: after a new jar has been
 * put in place, SIGUSR2 replaces every worker with one running the new code.
 */
final class ModeLauncher {
  private static final Logger LOG = LoggerFactory.getLogger(ModeLauncher.class);

  private final PrintWriter err;

  ModeLauncher(PrintWriter err) {
    this.err = err;
  }

  int run(LoadedConfig loaded, String... arguments) {
    switch (loaded.runMode().kind()) {
      case CONTROL_PLANE:
        return controlPlane(loaded, arguments);
      case WORKER:
        return worker(loaded);
      default:
        throw new IllegalStateException("standalone mode is Main's");
    }
  }

  private int controlPlane(LoadedConfig loaded, String... arguments) {
    ControlPlaneConfig config = loaded.runMode().controlPlane().withWorkerCommand(
        workerCommand(arguments));
    if (loaded.tenants() != null) {
      config = config.withTenants(loaded.runMode().controlPlane().tenantOptions());
      LOG.info("multi-tenant mode: each worker serves one org and attaches that org's DuckLake");
    } else if (loaded.serverConfig().duckLake().enabled()) {
      LOG.info("workers attach the configured DuckLake: tables are shared by all workers");
    } else {
      LOG.warn("control-plane mode without a DuckLake: a DuckDB file can be open in one process"
          + " only, so each worker keeps its own files under {}/workers/w<slot>; tables created"
          + " through one worker are not seen through another. A worker restarted after a crash"
          + " gets its slot's files back; a rolling update moves slots between workers."
          + " Configure a DuckLake for shared tables.", loaded.serverConfig().dataDir());
    }
    TenantsService tenants = null;
    if (loaded.tenants() != null) {
      try {
        tenants = TenantsService.start(loaded.tenants());
      } catch (RuntimeException failed) {
        LOG.debug("multi-tenant mode cannot start", failed);
        err.println("duckgres: cannot start the multi-tenant mode: " + Main.oneLine(failed));
        err.flush();
        return Main.EXIT_CANNOT_START;
      }
    }
    ControlPlane controlPlane = new ControlPlane(loaded.serverConfig(), config,
        tenants == null ? null : new StoreTenantDirectory(tenants.store()));
    Runnable shutdown = stopAll(controlPlane, tenants);
    // Before start: a JVM ended while workers are still starting also stops the config store.
    Runtime.getRuntime().addShutdownHook(new Thread(shutdown, "duckgres-shutdown"));
    try {
      controlPlane.start();
    } catch (Exception failed) {
      err.println("duckgres: cannot start the control plane: " + Main.oneLine(failed));
      err.flush();
      shutdown.run();
      return Main.EXIT_CANNOT_START;
    }
    handle("TERM", signal -> stop(shutdown, signal));
    handle("INT", signal -> stop(shutdown, signal));
    handle("USR2", signal -> {
      LOG.info("received SIGUSR2: rolling update of the workers");
      controlPlane.rollingUpdate();
    });
    try {
      controlPlane.awaitTermination();
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
    shutdown.run();
    return Main.EXIT_OK;
  }

  /**
   * Stops the control plane, then the multi-tenant layer (API, reconciler, config store). Called
   * from a signal, the shutdown hook and the main thread: the first call does the work and the
   * others wait for it, so the JVM never exits half way through stopping the config store.
   */
  private static Runnable stopAll(ControlPlane controlPlane, TenantsService tenants) {
    return new Runnable() {
      private boolean tenantsStopped = tenants == null;

      @Override
      public synchronized void run() {
        controlPlane.shutdown();
        if (!tenantsStopped) {
          tenantsStopped = true;
          tenants.close();
        }
      }
    };
  }

  private static void stop(Runnable shutdown, sun.misc.Signal signal) {
    LOG.info("received SIG{}, shutting down the control plane and its workers", signal.getName());
    new Thread(shutdown, "duckgres-stop").start();
  }

  private int worker(LoadedConfig loaded) {
    try {
      loaded.operations().apply(true);
      return new WorkerProcess(loaded.serverConfig(), loaded.runMode().worker()).run();
    } catch (Exception failed) {
      err.println("duckgres: worker failed: " + Main.oneLine(failed));
      err.flush();
      LOG.error("worker failed", failed);
      return Main.EXIT_CANNOT_START;
    } finally {
      OperationsSettings.stop();
    }
  }

  private static void handle(String name, sun.misc.SignalHandler handler) {
    try {
      sun.misc.Signal.handle(new sun.misc.Signal(name), handler);
    } catch (IllegalArgumentException unavailable) {
      LOG.warn("cannot handle SIG{}: {}", name, unavailable.getMessage());
    }
  }

  /** java, this JVM's options, this jar (or class path), and the control plane's arguments. */
  static List<String> workerCommand(String... arguments) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      // A debugger agent would make every worker fight over the same port.
      if (!option.startsWith("-agentlib:jdwp") && !option.startsWith("-Xrunjdwp")) {
        command.add(option);
      }
    }
    Path code = codeLocation();
    if (code != null && code.toString().endsWith(".jar")) {
      command.add("-jar");
      command.add(code.toString());
    } else {
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(Main.class.getName());
    }
    command.addAll(List.of(arguments));
    return command;
  }

  private static Path codeLocation() {
    try {
      return Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | RuntimeException e) {
      return null;
    }
  }
}
