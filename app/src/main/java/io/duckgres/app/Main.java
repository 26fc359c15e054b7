package io.duckgres.app;

import io.duckgres.server.DuckgresServer;
import io.duckgres.server.ServerConfig;
import java.io.PrintWriter;
import io.duckgres.engine.sql.parse.SqlParser;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code duckgres} command: reads the configuration, starts the server and waits for it.
 *
 * <p>Exit status: 0 after a normal shutdown or for --help/--version, 1 when the server cannot
 * start (port taken, TLS material unusable), 2 when the configuration is refused. Errors are one
 * line on stderr with no stack trace, because the reader is an operator, not a developer.
 * SIGTERM and SIGINT run the JVM shutdown hooks, and the one installed here shuts the server down
 * gracefully.
 */
public final class Main {
  static final int EXIT_OK = 0;
  static final int EXIT_CANNOT_START = 1;
  static final int EXIT_BAD_CONFIGURATION = 2;

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);
  private static final String PROGRAM = "duckgres";

  private final Map<String, String> environment;
  private final Path workingDirectory;
  private final PrintWriter out;
  private final PrintWriter err;

  Main(Map<String, String> environment, Path workingDirectory, PrintWriter out, PrintWriter err) {
    this.environment = environment;
    this.workingDirectory = workingDirectory;
    this.out = out;
    this.err = err;
  }

  public static void main(String[] arguments) {
    Charset charset = Charset.defaultCharset();
    Main main =
        new Main(
            System.getenv(),
            Path.of("").toAbsolutePath(),
            new PrintWriter(System.out, true, charset),
            new PrintWriter(System.err, true, charset));
    int status = main.run(arguments);
    // Reached after a graceful stop (the shutdown is complete) or a failed start: exit now
    // rather than wait on threads a library may have left behind.
    System.exit(status);
  }

  int run(String... arguments) {
    LoadedConfig loaded;
    try {
      CommandLineParser parser = new CommandLineParser();
      ParsedCommandLine commandLine = parser.parse(arguments);
      if (commandLine.usageHelpRequested()) {
        parser.printUsage(out);
        return EXIT_OK;
      }
      if (commandLine.versionHelpRequested()) {
        parser.printVersion(out);
        return EXIT_OK;
      }
      loaded = new ConfigLoader(environment, workingDirectory).load(commandLine.flagValues());
    } catch (ConfigException refused) {
      fail(refused.getMessage());
      return EXIT_BAD_CONFIGURATION;
    }
    loaded.warnings().forEach(LOG::warn);
    try {
      // Every statement is parsed with PostgreSQL's own parser: without it nothing can run.
      SqlParser.check();
    } catch (IllegalStateException missing) {
      fail("cannot start: " + missing.getMessage());
      return EXIT_CANNOT_START;
    }
    if (loaded.runMode().kind() != RunMode.Kind.STANDALONE) {
      // Issue 7: --mode control-plane / worker.
      return new ModeLauncher(err).run(loaded, arguments);
    }
    return serve(loaded);
  }

  private int serve(LoadedConfig loaded) {
    DuckgresServer server = null;
    try {
      server = new DuckgresServer(loaded.serverConfig());
      server.start();
      loaded.operations().apply(false);
    } catch (Exception failed) {
      fail("cannot start: " + oneLine(failed));
      releasePartialStart(server);
      OperationsSettings.stop();
      return EXIT_CANNOT_START;
    }
    LOG.info(describe(loaded, server.port()));
    Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown, "duckgres-shutdown"));
    handleStopSignals(server);
    try {
      server.awaitTermination();
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      server.shutdown();
    }
    OperationsSettings.stop();
    return EXIT_OK;
  }

  /**
   * SIGTERM and SIGINT shut down gracefully and the process then exits with status 0, as a
   * server asked to stop has not failed. (Left to the JVM, these signals run the shutdown hook
   * but exit with 143/130.) The shutdown hook stays for other ways the JVM may end.
   */
  private static void handleStopSignals(DuckgresServer server) {
    sun.misc.SignalHandler stop = signal -> {
      LOG.info("received SIG{}, shutting down", signal.getName());
      Thread stopper = new Thread(server::shutdown, "duckgres-stop");
      stopper.start();
    };
    for (String name : new String[] {"TERM", "INT"}) {
      try {
        sun.misc.Signal.handle(new sun.misc.Signal(name), stop);
      } catch (IllegalArgumentException unavailable) {
        LOG.debug("cannot handle SIG{}: {}", name, unavailable.getMessage());
      }
    }
  }

  /** The startup line. Passwords stay out: only the number of users is shown. */
  static String describe(LoadedConfig loaded, int boundPort) {
    ServerConfig config = loaded.serverConfig();
    String tls =
        config.certFile() == null
            ? "self-signed certificate in the data dir"
            : "certificate " + config.certFile();
    int users = config.users().size();
    return PROGRAM + " " + VersionInfo.version() + " listening on " + config.host() + ":"
        + boundPort + " (data dir " + config.dataDir() + ", TLS on with " + tls + ", plaintext "
        + (config.allowPlaintext() ? "allowed" : "refused") + ", auth "
        + SettingValues.spellAuthMethod(config.authMethod()) + ", " + users
        + (users == 1 ? " user" : " users")
        + (loaded.configFile() == null ? "" : ", config " + loaded.configFile()) + ")";
  }

  /** A start that failed half way may hold threads or a socket; the exit status matters more. */
  private static void releasePartialStart(DuckgresServer server) {
    if (server == null) {
      return;
    }
    try {
      server.shutdown();
    } catch (RuntimeException ignored) {
      // Already reporting the start failure; a second error would only hide it.
    }
  }

  private void fail(String message) {
    err.println(PROGRAM + ": " + message);
    err.flush();
  }

  static String oneLine(Throwable failure) {
    String message = failure.getMessage();
    if (message == null || message.isBlank()) {
      message = failure.getClass().getSimpleName();
    }
    return message.strip().lines().findFirst().orElse(message);
  }
}
