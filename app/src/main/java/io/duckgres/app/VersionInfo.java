package io.duckgres.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version printed by {@code --version} and the startup line. Maven's archiver writes
 * pom.properties into every module jar (and the shaded jar keeps it), so the version is never
 * written down twice; running from classes, as the tests do, has no such file.
 */
final class VersionInfo {
  private static final String POM_PROPERTIES =
      "/META-INF/maven/io.duckgres/duckgres-app/pom.properties";
  private static final String UNKNOWN = "development build";

  private VersionInfo() {}

  static String version() {
    try (InputStream stream = VersionInfo.class.getResourceAsStream(POM_PROPERTIES)) {
      if (stream == null) {
        return UNKNOWN;
      }
      Properties properties = new Properties();
      properties.load(stream);
      return properties.getProperty("version", UNKNOWN);
    } catch (IOException unreadable) {
      return UNKNOWN;
    }
  }
}
