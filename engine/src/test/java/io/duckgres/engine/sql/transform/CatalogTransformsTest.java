package io.duckgres.engine.sql.transform;

import static io.duckgres.engine.sql.transform.TransformAssert.transformed;
import static org.assertj.core.api.Assertions.assertThat;

import io.duckgres.engine.catalog.PgCatalog;
import io.duckgres.engine.sql.parse.SqlParser;
import io.duckgres.engine.sql.translate.Translator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The catalog-query transforms, one by one, on the spellings psql, pgJDBC and ORMs send. */
class CatalogTransformsTest {
  private static final String C = PgCatalog.CATALOG + ".main.";
  private final CatalogQualifiers qualifiers = new CatalogQualifiers();

  @Test
  void statementsWithoutCatalogSyntaxReachDuckDbAsWritten() {
    String sql = "select id, name from items where id = $1 and n::int > 0";
    assertThat(Translator.translate(sql)).isSameAs(sql);
  }

  @Test
  void pgCatalogQualifierGoesToTheCatalogForItsObjectsAndAwayOtherwise() {
    assertThat(transformed(qualifiers, "select relname from pg_catalog.pg_class"))
        .isEqualTo("SELECT relname FROM " + C + "pg_class");
    assertThat(transformed(qualifiers, "select pg_catalog.lower('A'), 'x'::pg_catalog.text"))
        .isEqualTo("SELECT lower('A'), 'x'::text");
    assertThat(transformed(qualifiers,
        "select \"pg_catalog\".\"pg_type\".oid from pg_catalog.pg_type"))
        .isEqualTo("SELECT " + C + "pg_type.oid FROM " + C + "pg_type");
    // A system type written pg_catalog.int4 reaches DuckDB deparsed, as int.
    assertThat(Translator.translate("select x::pg_catalog.int4 from t"))
        .isEqualTo("SELECT x::int FROM t");
    // Functions the grammar names pg_catalog.f itself print back as their syntax.
    String grammars = "select s like 'a!%' escape '!', extract(year from d)";
    assertThat(transformed(qualifiers, grammars))
        .isEqualTo(SqlParser.deparse(SqlParser.parse(grammars)));
  }

  @Test
  void informationSchemaGoesToTheCatalogOnlyForWhatItDefines() {
    assertThat(transformed(qualifiers, "select * from information_schema.tables"))
        .isEqualTo("SELECT * FROM " + PgCatalog.CATALOG + ".info_schema.tables");
    assertThat(transformed(qualifiers, "select * from information_schema.character_sets"))
        .isEqualTo("SELECT * FROM information_schema.character_sets");
  }

  @Test
  void publicSchemaIsDuckDbMain() {
    assertThat(transformed(qualifiers, "select * from public.items join \"public\".b on true"))
        .isEqualTo("SELECT * FROM main.items JOIN main.b ON true");
    assertThat(transformed(qualifiers, "select 'public.items', public from t"))
        .isEqualTo("SELECT 'public.items', public FROM t");
    assertThat(transformed(qualifiers, "drop view public.v"))
        .isEqualTo("DROP VIEW main.v");
    assertThat(transformed(qualifiers, "insert into public.t select * from public.u"))
        .isEqualTo("INSERT INTO main.t SELECT * FROM main.u");
    assertThat(transformed(qualifiers, "create table public.t as select 1"))
        .isEqualTo("CREATE TABLE main.t AS SELECT 1");
  }

  @Test
  void psqlPatternOperatorAndCollationBecomeDuckDbPartialMatch() {
    assertThat(Translator.translate("SELECT 1 FROM t c"
        + " WHERE c.relname OPERATOR(pg_catalog.~) '^(items)$' COLLATE pg_catalog.default"))
        .isEqualTo("SELECT 1 FROM t c WHERE c.relname ~ '(?s).*(?:^(items)$).*'");
    assertThat(transformed(new PartialMatchRegex(),
        "select 1 where nspname !~ '^pg_' and x ~* 'A'"))
        .isEqualTo("SELECT 1 WHERE nspname !~ '(?s).*(?:^pg_).*' AND x ~ '(?is).*(?:A).*'");
    assertThat(transformed(new PartialMatchRegex(), "select 1 where a ~~ 'x%' and b !~~* 'y'"))
        .isEqualTo("SELECT 1 WHERE a ~~ 'x%' AND b !~~* 'y'");
    assertThat(transformed(new PartialMatchRegex(), "select 1 where relname ~ $1"))
        .isEqualTo("SELECT 1 WHERE relname ~ (('(?s).*(?:' || $1) || ').*')");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "select 'items'::regclass|SELECT " + C + "regclass_in('items')",
      "select $1::regclass|SELECT " + C + "regclass_in($1)",
      "select c.oid::regclass|SELECT " + C + "regclass_out(c.oid)",
      "select c.oid::pg_catalog.regclass::pg_catalog.text|SELECT " + C
          + "regclass_out(c.oid)::pg_catalog.text",
      "select typinput='pg_catalog.array_in'::regproc|SELECT typinput = " + C
          + "regproc_in('pg_catalog.array_in')",
      "select f(x)::regtype, (a + b)::regtype|SELECT " + C + "regtype_out(f(x)), " + C
          + "regtype_out(a + b)",
      "select 'items'::regclass::text|SELECT " + C + "regclass_out(" + C
          + "regclass_in('items'))::text",
      "select CAST('t' AS regclass), CAST(c.oid AS pg_catalog.regprocedure)|SELECT " + C
          + "regclass_in('t'), " + C + "regproc_out(c.oid)",
  })
  void regCastsResolveNamesOnInputAndPrintNamesOnOutput(String sql, String expected) {
    assertThat(transformed(new RegCasts(), sql)).isEqualTo(expected);
  }

  @Test
  void aRegCastComparedWithAConstantComparesOids() {
    assertThat(Translator.translate(
        "select 1 from pg_proc p where p.prorettype::regtype <> 'trigger'::regtype"))
        .isEqualTo("SELECT 1 FROM pg_proc p WHERE p.prorettype <> " + C
            + "regtype_in('trigger')");
  }

  @Test
  void sessionKeywordsAreTheSessionsValues() {
    assertThat(transformed(new SessionValues(),
        "select current_user, session_user, user, current_schema, current_catalog"))
        .isEqualTo("SELECT " + C + "pg_session_user(), " + C + "pg_session_user(), " + C
            + "pg_session_user(), " + C + "\"current_schema\"(), " + C + "current_database()");
    assertThat(transformed(new SessionValues(),
        "select current_setting('application_name'), t.user, \"user\" from t"))
        .isEqualTo("SELECT " + C + "current_setting('application_name'), t.\"user\", \"user\""
            + " FROM t");
  }

  @Test
  void nameAndCharCastsAreVarchar() {
    assertThat(transformed(qualifiers, "select 'a'::name, 'b'::\"char\", 'c'::pg_catalog.name"))
        .isEqualTo("SELECT 'a'::\"varchar\", 'b'::\"varchar\", 'c'::\"varchar\"");
  }

  @Test
  void clientCatalogQueriesDuckDbCannotBind() {
    ClientCatalogQueries queries = new ClientCatalogQueries();
    assertThat(transformed(queries, "select array(select 'toast.' || x"
        + " from pg_catalog.unnest(tc.reloptions) x) from pg_class tc"))
        .isEqualTo("SELECT list_transform(tc.reloptions, x -> ('toast.' || x)) FROM pg_class tc");
    assertThat(transformed(queries, "select 1 from pol where pol.polroles = '{0}'"
        + " or oid = any (pol.polroles)"))
        .isEqualTo("SELECT 1 FROM pol WHERE pol.polroles = ARRAY[0]"
            + " OR list_contains(pol.polroles, oid)");
    assertThat(transformed(queries, "select case tmp.I_INDOPTION[tmp.ORDINAL_POSITION - 1]"
        + " & 1::smallint when 1 then 'D' else 'A' end from tmp"))
        .isEqualTo("SELECT CASE 0 WHEN 1 THEN 'D' ELSE 'A' END FROM tmp");
  }
}
