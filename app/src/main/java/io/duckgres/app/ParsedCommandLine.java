package io.duckgres.app;

import java.util.Map;

/**
 * What the command line asked for.
 *
 * @param flagValues the text of each setting flag that was given
 * @param usageHelpRequested {@code --help} was given; nothing else should happen
 * @param versionHelpRequested {@code --version} was given; nothing else should happen
 */
record ParsedCommandLine(
    Map<Setting, String> flagValues, boolean usageHelpRequested, boolean versionHelpRequested) {
  ParsedCommandLine {
    flagValues = Map.copyOf(flagValues);
  }
}
