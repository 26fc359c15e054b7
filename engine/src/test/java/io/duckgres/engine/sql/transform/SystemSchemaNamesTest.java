package io.duckgres.engine.sql.transform;

import static io.duckgres.engine.sql.transform.TransformAssert.transformed;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SystemSchemaNamesTest {
  @Test
  void aDatabaseBeforeASystemSchemaIsDropped() {
    assertThat(transformed(new SystemSchemaNames(),
        "select column_name from \"postgres\".INFORMATION_SCHEMA.columns c"
            + " join db.pg_catalog.pg_class r on true"))
        .isEqualTo("SELECT column_name FROM information_schema.columns c"
            + " JOIN pg_catalog.pg_class r ON true");
  }

  @Test
  void userSchemasKeepTheirDatabase() {
    assertThat(transformed(new SystemSchemaNames(), "select * from db.public.t, s.t"))
        .isEqualTo("SELECT * FROM db.public.t, s.t");
  }
}
