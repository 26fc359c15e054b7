package io.duckgres.app;

import io.duckgres.server.ServerConfig;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code duckgres} command line, built from {@link Setting} rather than annotations so every
 * setting gets its flag and its help line from the same table as its environment variable and
 * YAML key.
 *
 * <p>Flags are captured as text and converted by {@link ConfigLoader}, so a bad {@code --port}
 * gets exactly the message a bad {@code DUCKGRES_PORT} would.
 */
final class CommandLineParser {
  private static final int HELP_WIDTH = 100;

  private final CommandLine commandLine;

  CommandLineParser() {
    CommandSpec spec = CommandSpec.create().name("duckgres").mixinStandardHelpOptions(true);
    spec.versionProvider(() -> new String[] {"duckgres " + VersionInfo.version()});
    spec.usageMessage()
        .description("PostgreSQL wire-protocol server with DuckDB as its engine.")
        .sortOptions(false)
        .width(HELP_WIDTH)
        .footer(
            "",
            "Each option can also be set as an environment variable (DUCKGRES_PORT, DUCKGRES_DATA_DIR,",
            "DUCKGRES_AUTH_MAX_FAILURES, ...) or as a snake_case key in the YAML file (port, data_dir,",
            "rate_limit: {max_failures, window, ban_duration}); the file also holds users: {name: password}.",
            "Precedence: flags, then environment variables, then the file, then the defaults.");
    ServerConfig defaults = ServerConfig.defaults();
    for (Setting setting : Setting.values()) {
      spec.addOption(option(setting, setting.defaultText(defaults)));
    }
    commandLine = new CommandLine(spec);
    // Last one wins, as with most Unix tools, so wrapper scripts can append overrides.
    commandLine.setOverwrittenOptionsAllowed(true);
  }

  private static OptionSpec option(Setting setting, String defaultText) {
    String description =
        setting.description() + (defaultText == null ? "" : " (default: " + defaultText + ")");
    OptionSpec.Builder builder =
        OptionSpec.builder(setting.flag())
            .paramLabel(setting.valueLabel())
            .type(String.class)
            .description(description);
    if (setting == Setting.ALLOW_PLAINTEXT || setting == Setting.TENANTS) {
      // A bare --allow-plaintext means true; --allow-plaintext=false is still possible.
      builder.arity("0..1").fallbackValue("true");
    }
    return builder.build();
  }

  ParsedCommandLine parse(String... arguments) throws ConfigException {
    ParseResult result;
    try {
      result = commandLine.parseArgs(arguments);
    } catch (ParameterException refused) {
      throw new ConfigException(describe(refused));
    }
    Map<Setting, String> values = new EnumMap<>(Setting.class);
    for (Setting setting : Setting.values()) {
      String text = result.matchedOptionValue(setting.flag(), null);
      if (text != null) {
        values.put(setting, text);
      }
    }
    return new ParsedCommandLine(
        values, result.isUsageHelpRequested(), result.isVersionHelpRequested());
  }

  void printUsage(PrintWriter out) {
    commandLine.usage(out);
    out.flush();
  }

  void printVersion(PrintWriter out) {
    commandLine.printVersionHelp(out);
    out.flush();
  }

  /** picocli's messages are good but vary in shape; these are the ones users hit most. */
  private static String describe(ParameterException refused) {
    if (refused instanceof UnmatchedArgumentException) {
      List<String> unmatched = ((UnmatchedArgumentException) refused).getUnmatched();
      if (!unmatched.isEmpty()) {
        String argument = unmatched.get(0);
        if (argument.startsWith("-")) {
          int equals = argument.indexOf('=');
          String name = equals < 0 ? argument : argument.substring(0, equals);
          return "unknown option: " + ConfigException.printable(name) + " (see --help)";
        }
        return "unexpected argument: " + ConfigException.printable(argument) + " (see --help)";
      }
    }
    if (refused instanceof MissingParameterException) {
      List<ArgSpec> missing = ((MissingParameterException) refused).getMissing();
      if (!missing.isEmpty() && missing.get(0) instanceof OptionSpec) {
        return "missing value for " + ((OptionSpec) missing.get(0)).longestName();
      }
    }
    String message = refused.getMessage() == null ? "invalid arguments" : refused.getMessage();
    return message.strip().lines().findFirst().orElse("invalid arguments");
  }
}
