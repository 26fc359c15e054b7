package io.duckgres.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.duckgres.pgwire.types.PgTypes;
import org.junit.jupiter.api.Test;

class CastHintsTest {
  @Test
  void aCastGivesTheTypeDuckDbCouldNotInfer() {
    int[] types = {PgTypes.TEXT_OID};
    CastHints.refine("select $1::integer", new int[0], types);
    assertThat(types).containsExactly(PgTypes.INT4_OID);
  }

  @Test
  void anOidCastIsDescribedAsOidNotAsTheBigintDuckDbUses() {
    // asyncpg's type lookup: where t.oid = any($1::oid[]); it has a codec for oid[] only.
    int[] types = {PgTypes.INT8_ARRAY_OID, PgTypes.INT8_OID};
    CastHints.refine("select 1 where 1 = any($1::oid[]) and $2::oid > 0", new int[0], types);
    assertThat(types).containsExactly(PgTypes.OID_ARRAY_OID, PgTypes.OID_OID);
  }

  @Test
  void inferredTypesOtherThanOidStay() {
    int[] types = {PgTypes.INT8_OID};
    CastHints.refine("select $1::integer + 1", new int[0], types);
    assertThat(types).containsExactly(PgTypes.INT8_OID);
  }

  @Test
  void aDeclaredTypeWins() {
    int[] types = {PgTypes.INT8_OID};
    CastHints.refine("select $1::oid", new int[] {PgTypes.INT8_OID}, types);
    assertThat(types).containsExactly(PgTypes.INT8_OID);
  }

  @Test
  void castsAreReadAsPostgresqlNamesTheTypes() {
    int[] types = {PgTypes.TEXT_OID, PgTypes.TEXT_OID, PgTypes.TEXT_OID, PgTypes.TEXT_OID};
    CastHints.refine("select cast($1 as bigint), $2::pg_catalog.\"bool\", $3 :: double precision,"
        + " '$4::integer', $4", new int[0], types);
    assertThat(types).containsExactly(PgTypes.INT8_OID, PgTypes.BOOL_OID, PgTypes.FLOAT8_OID,
        PgTypes.TEXT_OID);
  }
}
