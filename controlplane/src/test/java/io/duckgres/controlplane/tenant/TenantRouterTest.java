package io.duckgres.controlplane.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.duckgres.engine.ducklake.DuckLakeConfig;
import io.duckgres.engine.ducklake.MetadataStoreFlavor;
import io.duckgres.pgwire.PgException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Which org a server name or a database names, and the FATAL for one that cannot be served. The
 * directory here is a fixed list (the config store behind the real one is exercised by the
 * integration tests).
 */
class TenantRouterTest {
  private static final List<Tenant> TENANTS = List.of(
      new Tenant("acme", "acme_db", "ready", MetadataStoreFlavor.POSTGRES),
      new Tenant("globex", "globex_db", "ready", MetadataStoreFlavor.COCKROACHDB),
      new Tenant("hooli", "hooli_db", "provisioning", MetadataStoreFlavor.POSTGRES));
  private final TenantRouter router = new TenantRouter(new FixedDirectory(), "duckgres.localhost");

  @Test
  void aServerNameUnderTheSuffixNamesAnOrgOrADatabase() {
    assertThat(router.serverNameLabel("acme.duckgres.localhost")).isEqualTo("acme");
    assertThat(router.serverNameLabel("ACME.Duckgres.Localhost.")).isEqualTo("acme");
    assertThat(router.byServerName("acme").org()).isEqualTo("acme");
    assertThat(router.byServerName("globex_db").org()).isEqualTo("globex");
  }

  @Test
  void otherNamesAreRoutedByDatabaseInstead() {
    assertThat(router.serverNameLabel("localhost")).isNull();
    assertThat(router.serverNameLabel("duckgres.localhost")).isNull();
    assertThat(router.serverNameLabel("a.b.duckgres.localhost")).isNull();
    assertThat(router.serverNameLabel("acme.example.com")).isNull();
    assertThat(router.serverNameLabel(null)).isNull();
    assertThat(new TenantRouter(new FixedDirectory(), null).serverNameLabel(
        "acme.duckgres.localhost")).isNull();
  }

  @Test
  void anUnknownDatabaseOrOrgIs3D000InPostgresWords() {
    PgException byDatabase = catchThrowableOfType(PgException.class,
        () -> router.byDatabase("nope"));
    assertThat(byDatabase.sqlState().code()).isEqualTo("3D000");
    assertThat(byDatabase.getMessage()).isEqualTo("database \"nope\" does not exist");
    PgException byName = catchThrowableOfType(PgException.class,
        () -> router.byServerName("nope"));
    assertThat(byName.getMessage()).isEqualTo("database \"nope\" does not exist");
    assertThat(byName.isFatal()).isTrue();
  }

  @Test
  void anOrgThatIsNotReadyIs57P03NamingItsState() {
    PgException notReady = catchThrowableOfType(PgException.class,
        () -> router.byDatabase("hooli_db"));
    assertThat(notReady.sqlState().code()).isEqualTo("57P03");
    assertThat(notReady.getMessage())
        .isEqualTo("database \"hooli_db\" is not ready: its warehouse is provisioning");
  }

  private static final class FixedDirectory implements TenantDirectory {
    @Override
    public Optional<Tenant> byOrg(String org) {
      return TENANTS.stream().filter(t -> t.org().equals(org)).findFirst();
    }

    @Override
    public Optional<Tenant> byDatabase(String database) {
      return TENANTS.stream().filter(t -> t.database().equals(database)).findFirst();
    }

    @Override
    public DuckLakeConfig lake(String org) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Map<String, String> users(String org) {
      return Map.of();
    }

    @Override
    public AutoCloseable onChange(Consumer<TenantChange> listener) {
      return () -> { };
    }
  }
}
