package io.duckgres.engine.ducklake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DuckLakeConfigTest {
  private static final String STORE = "postgres:dbname=lake host=127.0.0.1 user=u password=pw";
  private static final String THREAD_LOCAL = "SET GLOBAL pg_pool_enable_thread_local_cache = false";
  private static final String NO_POOL = "SET GLOBAL pg_pool_max_connections = 0";
  private static final String TEXT = "SET GLOBAL pg_use_text_protocol = true";
  private static final String NO_CTID = "SET GLOBAL pg_use_ctid_scan = false";

  private static DuckLakeConfig postgres() {
    return DuckLakeConfig.of(STORE, Path.of("/lake"));
  }

  @Test
  void defaultsOnlyTurnOffTheThreadLocalConnectionCache() {
    assertThat(postgres().preAttachStatements()).containsExactly(THREAD_LOCAL);
  }

  @Test
  void explicitPostgresFlavorIsTheDefault() {
    assertThat(postgres().withMetadataStoreFlavor(MetadataStoreFlavor.parse("postgres"))
        .preAttachStatements()).containsExactly(THREAD_LOCAL);
  }

  @Test
  void pgBouncerDisablesPostgresScannersOwnPool() {
    assertThat(postgres().withViaPgBouncer(true).preAttachStatements())
        .containsExactly(THREAD_LOCAL, NO_POOL);
  }

  @Test
  void cockroachFlavorSwitchesToTextProtocolAndPlainScans() {
    assertThat(postgres().withMetadataStoreFlavor(MetadataStoreFlavor.COCKROACHDB)
        .preAttachStatements()).containsExactly(THREAD_LOCAL, TEXT, NO_CTID);
  }

  @Test
  void everythingTogetherComposesPoolThenPgBouncerThenFlavor() {
    DuckLakeConfig config = new DuckLakeConfig(STORE, MetadataStoreFlavor.COCKROACHDB,
        Path.of("/lake"), null, null, true, false, 8);
    // Pool size first, so PgBouncer's 0 (later) wins; the flavor's switches last.
    assertThat(config.preAttachStatements()).containsExactly(
        "SET GLOBAL pg_pool_max_connections = 8", THREAD_LOCAL, NO_POOL, TEXT, NO_CTID);
  }

  @Test
  void keepingTheThreadLocalCacheEmitsNothingForIt() {
    DuckLakeConfig config = new DuckLakeConfig(STORE, null, null, null, null, false, true, null);
    assertThat(config.preAttachStatements()).isEmpty();
    assertThat(config.withMetadataStoreFlavor(MetadataStoreFlavor.COCKROACHDB)
        .preAttachStatements()).containsExactly(TEXT, NO_CTID);
  }

  @Test
  void aLocalCatalogFileNeedsNoPostgresScannerSettings() {
    DuckLakeConfig config = DuckLakeConfig.of("/var/lib/lake/catalog.ducklake", null);
    assertThat(config.preAttachStatements()).isEmpty();
    assertThat(config.requiredExtensions()).containsExactly("ducklake");
  }

  @ParameterizedTest
  @ValueSource(strings = {"cockroach", "crdb", "mysql", "postgresql", "cockroachdb2"})
  void unknownFlavorsAreRefusedNamingTheAllowedValues(String value) {
    assertThatThrownBy(() -> MetadataStoreFlavor.parse(value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown metadata store flavor '" + value
            + "' (allowed: postgres, cockroachdb)");
  }

  @Test
  void emptyFlavorMeansPostgresAndSpellingIsForgiving() {
    assertThat(MetadataStoreFlavor.parse(null)).isEqualTo(MetadataStoreFlavor.POSTGRES);
    assertThat(MetadataStoreFlavor.parse("  ")).isEqualTo(MetadataStoreFlavor.POSTGRES);
    assertThat(MetadataStoreFlavor.parse(" CockroachDB ")).isEqualTo(MetadataStoreFlavor.COCKROACHDB);
  }

  @Test
  void postgresOnlySettingsOnALocalCatalogAreRefused() {
    assertThatThrownBy(() -> new DuckLakeConfig("/lake.ducklake", MetadataStoreFlavor.COCKROACHDB,
        null, null, null, false, false, null))
        .hasMessageContaining("metadata_store_flavor cockroachdb applies to a postgres:");
    assertThatThrownBy(() -> new DuckLakeConfig("/lake.ducklake", null, null, null, null, true,
        false, null))
        .hasMessageContaining("via_pgbouncer applies to a postgres:");
  }

  @Test
  void attachStatementQuotesTheStoreAndDataPath() {
    DuckLakeConfig config = DuckLakeConfig.of(
        "postgres:dbname=lake password='it''s'", Path.of("/data/o'neil"));
    assertThat(config.attachStatement()).isEqualTo(
        "ATTACH 'ducklake:postgres:dbname=lake password=''it''''s''' AS ducklake"
            + " (DATA_PATH '/data/o''neil/')");
    assertThat(config.sessionStatements()).containsExactly("USE ducklake");
  }

  @Test
  void aPastedDucklakePrefixIsNotDoubled() {
    assertThat(DuckLakeConfig.of("ducklake:/lake.ducklake", null).attachStatement())
        .isEqualTo("ATTACH 'ducklake:/lake.ducklake' AS ducklake");
  }

  @Test
  void objectStoreGetsAScopedSecretAndHttpfs() {
    DuckLakeConfig config = postgres().withObjectStore("s3://bucket/prefix",
        new S3Settings("127.0.0.1:9000", "AKID", "SECRET", "eu-west-1", false, "path", null));
    assertThat(config.dataLocation()).isEqualTo("s3://bucket/prefix/");
    assertThat(config.requiredExtensions()).containsExactly("ducklake", "postgres_scanner", "httpfs");
    assertThat(config.secretStatement()).isEqualTo("CREATE OR REPLACE SECRET ducklake_s3"
        + " (TYPE s3, PROVIDER config, KEY_ID 'AKID', SECRET 'SECRET', REGION 'eu-west-1',"
        + " ENDPOINT '127.0.0.1:9000', URL_STYLE 'path', USE_SSL false, SCOPE 's3://bucket')");
  }

  @Test
  void credentialChainNeedsTheAwsExtension() {
    DuckLakeConfig config = postgres().withObjectStore("s3://bucket/",
        new S3Settings(null, null, null, "us-east-1", null, null, "credential_chain"));
    assertThat(config.secretStatement()).isEqualTo("CREATE OR REPLACE SECRET ducklake_s3"
        + " (TYPE s3, PROVIDER credential_chain, REGION 'us-east-1', SCOPE 's3://bucket')");
    assertThat(config.requiredExtensions()).endsWith("httpfs", "aws");
  }

  @Test
  void noS3SettingsLeaveHttpfsToItsEnvironment() {
    DuckLakeConfig config = postgres().withObjectStore("s3://bucket/p/", S3Settings.none());
    assertThat(config.secretStatement()).isNull();
    assertThat(config.requiredExtensions()).doesNotContain("aws");
  }

  @Test
  void dataPathAndObjectStoreAreAlternatives() {
    assertThatThrownBy(() -> new DuckLakeConfig(STORE, null, Path.of("/x"), "s3://b/", null,
        false, false, null)).hasMessageContaining("give one of them");
    assertThatThrownBy(() -> new DuckLakeConfig(STORE, null, null, "/not/s3", null, false, false,
        null)).hasMessageContaining("must be an s3:// URL");
  }

  @Test
  void toStringNeverShowsPasswordsOrSecrets() {
    DuckLakeConfig config = postgres().withObjectStore("s3://bucket/",
        new S3Settings(null, "AKID", "TOPSECRET", null, null, null, null));
    assertThat(config.toString()).doesNotContain("pw", "TOPSECRET").contains("password=***");
    assertThat(DuckLakeConfig.disabled().toString()).isEqualTo("DuckLakeConfig[disabled]");
  }

  @Test
  void commitRetriesAreTunedForEveryLakeButNotWithout() {
    assertThat(DuckLakeConfig.of("/lake.ducklake", null).commitRetryStatements()).containsExactly(
        "SET GLOBAL ducklake_max_retry_count = 30", "SET GLOBAL ducklake_retry_wait_ms = 10",
        "SET GLOBAL ducklake_retry_backoff = 1.3");
    assertThat(DuckLakeConfig.disabled().commitRetryStatements()).isEmpty();
  }

  @Test
  void disabledNeedsNothing() {
    DuckLakeConfig disabled = DuckLakeConfig.disabled();
    assertThat(disabled.enabled()).isFalse();
    assertThat(disabled.requiredExtensions()).isEmpty();
    assertThat(disabled.preAttachStatements()).isEmpty();
    assertThat(disabled.sessionStatements()).isEqualTo(List.of());
  }
}
