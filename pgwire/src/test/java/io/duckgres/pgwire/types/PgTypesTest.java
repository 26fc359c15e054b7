package io.duckgres.pgwire.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The registry: the pg_type OIDs of PostgreSQL 15's catalog, lookups by OID and by name. */
class PgTypesTest {

  @ParameterizedTest
  @CsvSource({
    "16, bool, 1, 1000", "17, bytea, -1, 1001", "18, char, 1, 1002", "19, name, 64, 1003",
    "20, int8, 8, 1016", "21, int2, 2, 1005", "23, int4, 4, 1007", "25, text, -1, 1009",
    "26, oid, 4, 1028", "114, json, -1, 199", "142, xml, -1, 143", "700, float4, 4, 1021",
    "701, float8, 8, 1022", "705, unknown, -2, 0", "1042, bpchar, -1, 1014",
    "1043, varchar, -1, 1015", "1082, date, 4, 1182", "1083, time, 8, 1183",
    "1114, timestamp, 8, 1115", "1184, timestamptz, 8, 1185", "1186, interval, 16, 1187",
    "1266, timetz, 12, 1270", "1700, numeric, -1, 1231", "2950, uuid, 16, 2951",
    "3802, jsonb, -1, 3807",
  })
  void scalarTypesMatchPgType(int oid, String typname, short typlen, int typarray) {
    PgType<?> type = PgTypes.byOid(oid);
    assertThat(type).isNotNull();
    assertThat(type.name()).isEqualTo(typname);
    assertThat(type.typeLength()).isEqualTo(typlen);
    assertThat(type.arrayOid()).isEqualTo(typarray);
    assertThat(PgTypes.byName(typname)).isSameAs(type);
    if (typarray != 0) {
      PgType<?> array = PgTypes.byOid(typarray);
      assertThat(array).isInstanceOf(PgArrayType.class);
      assertThat(array.name()).isEqualTo("_" + typname);
      assertThat(((PgArrayType) array).elementType()).isSameAs(type);
      assertThat(PgTypes.arrayOf(type)).isSameAs(array);
      assertThat(PgTypes.byName("_" + typname)).isSameAs(array);
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "integer|int4", "INT|int4", "bigint|int8", "smallint|int2", "boolean|bool",
        "real|float4", "double precision|float8", "float|float8", "decimal|numeric",
        "character varying|varchar", "character|bpchar", "char|char", "\"char\"|char",
        "timestamp with time zone|timestamptz", "timestamp without time zone|timestamp",
        "time with time zone|timetz", "time without time zone|time", "int4[]|_int4",
        "integer[]|_int4", "text[]|_text", "' Text '|text", "\"char\"[]|_char",
      })
  void sqlSpellings(String name, String typname) {
    assertThat(PgTypes.byName(name)).isNotNull();
    assertThat(PgTypes.byName(name).name()).isEqualTo(typname);
  }

  @Test
  void unknownLookupsAreNull() {
    assertThat(PgTypes.byOid(0)).isNull();
    assertThat(PgTypes.byOid(600)).isNull();
    assertThat(PgTypes.byName("point")).isNull();
    assertThat(PgTypes.arrayOf(TextType.UNKNOWN)).isNull();
  }

  @Test
  void everyTypeIsRegisteredOnceWithADistinctOid() {
    Set<Integer> oids = new HashSet<>();
    for (PgType<?> type : PgTypes.all()) {
      assertThat(oids.add(type.oid())).as(type.name()).isTrue();
    }
    assertThat(oids).hasSize(25 + 24);
  }
}
