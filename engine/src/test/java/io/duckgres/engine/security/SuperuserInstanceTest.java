package io.duckgres.engine.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.duckgres.engine.Database;
import io.duckgres.engine.DatabaseManager;
import io.duckgres.engine.EngineSession;
import io.duckgres.engine.EngineSettings;
import io.duckgres.engine.QueryResult;
import io.duckgres.engine.settings.SessionSettings;
import io.duckgres.pgwire.PgException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A superuser's session on a database opened for ordinary users (a tenant's) runs on an instance
 * of its own: database-wide settings are open to it, files outside the server's own directories
 * stay closed, and the ordinary users' instance is untouched.
 */
class SuperuserInstanceTest {
  @TempDir static Path dataDir;
  static DatabaseManager databases;

  @BeforeAll
  static void open() {
    databases = new DatabaseManager(new EngineSettings(dataDir, "300MB", 1));
  }

  @AfterAll
  static void close() {
    databases.close();
  }

  @Test
  void theSuperusersInstanceIsSeparateConfinedAndMayChangeDatabaseWideSettings()
      throws Exception {
    Database ordinary = databases.database("org_db");
    Database superuser = databases.database("org_db", true);
    assertThat(superuser).isNotSameAs(ordinary).isSameAs(databases.database("org_db", true));
    assertThat(ordinary.superuser()).isFalse();
    assertThat(ordinary.confined()).isTrue();
    assertThat(superuser.superuser()).isTrue();
    assertThat(superuser.confined()).isTrue();
    assertThat(databases.openDatabases()).contains(ordinary, superuser);

    Path secret = Files.writeString(dataDir.resolve("secret.txt"), "server only");
    try (EngineSession admin = session(superuser, "ada");
        EngineSession user = session(ordinary, "alice")) {
      admin.execute("SET memory_limit = '200MB'").close();
      admin.execute("SET GLOBAL default_order = 'desc'").close();
      assertThat(first(admin, "SELECT value FROM duckdb_settings() WHERE name = 'memory_limit'")).isEqualTo("190.7 MiB");
      assertThat(first(user, "SELECT value FROM duckdb_settings() WHERE name = 'memory_limit'")).isEqualTo("286.1 MiB");
      for (String sql : new String[] {"SELECT * FROM read_text('" + secret + "')",
          "SET temp_directory = '" + dataDir + "'", "SET enable_external_access = true",
          "LOAD '" + dataDir.resolve("x.duckdb_extension") + "'"}) {
        PgException refused = catchThrowableOfType(PgException.class, () -> admin.execute(sql));
        assertThat(refused).as(sql).isNotNull();
        assertThat(refused.sqlState().code()).as(sql + ": " + refused.getMessage())
            .isEqualTo("42501");
      }
      PgException userRefused = catchThrowableOfType(PgException.class,
          () -> user.execute("SET memory_limit = '200MB'"));
      assertThat(userRefused.sqlState().code()).isEqualTo("42501");
    }
  }

  private static EngineSession session(Database database, String user) throws Exception {
    return new EngineSession(database, new SessionSettings(user, Map.of()), 1);
  }

  private static String first(EngineSession session, String sql) throws Exception {
    try (QueryResult result = session.execute(sql)) {
      assertThat(result.next()).isTrue();
      return result.row().getString(1);
    }
  }
}
