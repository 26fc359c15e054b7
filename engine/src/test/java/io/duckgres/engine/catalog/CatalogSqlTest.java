package io.duckgres.engine.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The catalog rewrites, one by one, on the spellings psql, pgJDBC and ORMs send. */
class CatalogSqlTest {
  private static final String C = PgCatalog.CATALOG + ".main.";

  @Test
  void statementsWithoutCatalogSyntaxComeBackAsTheSameInstance() {
    String sql = "select id, name from items where id = $1";
    assertThat(CatalogSql.rewrite(sql)).isSameAs(sql);
    String untouched = "select * from users";
    assertThat(CatalogSql.rewrite(untouched)).isSameAs(untouched);
  }

  @Test
  void pgCatalogQualifierGoesToTheCatalogForItsObjectsAndAwayOtherwise() {
    assertThat(CatalogSql.rewrite("select relname from pg_catalog.pg_class"))
        .isEqualTo("select relname from " + C + "pg_class");
    assertThat(CatalogSql.rewrite("select pg_catalog.lower('A'), 'x'::pg_catalog.text"))
        .isEqualTo("select lower('A'), 'x'::text");
    assertThat(CatalogSql.rewrite("select \"pg_catalog\".\"pg_type\".oid from pg_catalog.pg_type"))
        .isEqualTo("select " + C + "\"pg_type\".oid from " + C + "pg_type");
  }

  @Test
  void informationSchemaGoesToTheCatalogOnlyForWhatItDefines() {
    assertThat(CatalogSql.rewrite("select * from information_schema.tables"))
        .isEqualTo("select * from " + PgCatalog.CATALOG + ".info_schema.tables");
    assertThat(CatalogSql.rewrite("select * from information_schema.character_sets"))
        .isEqualTo("select * from information_schema.character_sets");
  }

  @Test
  void publicSchemaIsDuckDbMain() {
    assertThat(CatalogSql.rewrite("select * from public.items join \"public\".b on true"))
        .isEqualTo("select * from main.items join \"main\".b on true");
    assertThat(CatalogSql.rewrite("select 'public.items', public from t"))
        .isEqualTo("select 'public.items', public from t");
  }

  @Test
  void psqlPatternOperatorAndCollationBecomeDuckDbPartialMatch() {
    assertThat(CatalogSql.rewrite(
        "WHERE c.relname OPERATOR(pg_catalog.~) '^(items)$' COLLATE pg_catalog.default"))
        .isEqualTo("WHERE c.relname  ~  '(?s).*(?:^(items)$).*'  ");
    assertThat(CatalogSql.rewrite("where nspname !~ '^pg_' and x ~* 'A'"))
        .isEqualTo("where nspname !~ '(?s).*(?:^pg_).*' and x ~ '(?is).*(?:A).*'");
    assertThat(CatalogSql.rewrite("where a ~~ 'x%' and b !~~* 'y'"))
        .isEqualTo("where a ~~ 'x%' and b !~~* 'y'");
    assertThat(CatalogSql.rewrite("where relname ~ $1"))
        .isEqualTo("where relname ~ ('(?s).*(?:' || $1 || ').*')");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "select 'items'::regclass|select " + C + "regclass_in('items')",
      "select $1::regclass|select " + C + "regclass_in($1)",
      "select c.oid::regclass|select " + C + "regclass_out(c.oid)",
      "select c.oid::pg_catalog.regclass::pg_catalog.text|select " + C + "regclass_out(c.oid)::text",
      "select typinput='pg_catalog.array_in'::regproc|select typinput=" + C
          + "regproc_in('pg_catalog.array_in')",
      "select f(x)::regtype, (a + b)::regtype|select " + C + "regtype_out(f(x)), " + C
          + "regtype_out((a + b))",
      "select t.x::text::regclass|select " + C + "regclass_out(t.x::text)",
      "select 'items'::regclass::text|select " + C + "regclass_out(" + C
          + "regclass_in('items'))::text",
      "select arr[1]::regnamespace|select " + C + "regnamespace_out(arr[1])",
      "select CAST('t' AS regclass), CAST(c.oid AS pg_catalog.regclass)|select " + C
          + "regclass_in('t'  ), " + C + "regclass_out(c.oid  )",
  })
  void regCastsResolveNamesOnInputAndPrintNamesOnOutput(String sql, String expected) {
    assertThat(CatalogSql.rewrite(sql)).isEqualTo(expected);
  }

  @Test
  void sessionKeywordsAreTheSessionsValues() {
    assertThat(CatalogSql.rewrite("select current_user, session_user, user, current_schema"))
        .isEqualTo("select " + C + "pg_session_user(), " + C + "pg_session_user(), " + C
            + "pg_session_user(), " + C + "current_schema()");
    assertThat(CatalogSql.rewrite("select current_setting('application_name'), t.user from t"))
        .isEqualTo("select " + C + "current_setting('application_name'), t.user from t");
    assertThat(CatalogSql.rewrite("select \"user\" from t")).isEqualTo("select \"user\" from t");
  }

  @Test
  void textInsideStringsCommentsAndQuotedNamesIsLeftAlone() {
    String sql = "select 'pg_catalog.pg_class ~ x', $$::regclass$$ -- pg_catalog.pg_type\n"
        + "from \"pg_catalog.pg_class\" /* OPERATOR(pg_catalog.~) */";
    assertThat(CatalogSql.rewrite(sql)).isEqualTo(sql);
  }

  @Test
  void nameAndCharCastsAreVarchar() {
    assertThat(CatalogSql.rewrite("select 'a'::name, 'b'::\"char\", 'c'::pg_catalog.name"))
        .isEqualTo("select 'a'::VARCHAR, 'b'::VARCHAR, 'c'::VARCHAR");
  }

  @Test
  void aScalarArrayInFromIsAOneRowTable() {
    assertThat(CatalogSql.rewrite(
        "select s from pg_catalog.generate_series(0, 3) s, t where x = prattrs[s]"))
        .isEqualTo("select s from generate_series(0, 3) s, t where x = prattrs[s]");
    assertThat(CatalogSql.rewrite("select generate_series(1, 3) as i from t"))
        .isEqualTo("select generate_series(1, 3) as i from t");
    assertThat(CatalogSql.rewrite("from generate_series(1, 2) as s(r) join x on true"))
        .isEqualTo("from generate_series(1, 2) as s(r) join x on true");
    assertThat(CatalogSql.rewrite("from generate_series(1, 2) as i, string_to_array('a,b', ',') s"))
        .isEqualTo("from generate_series(1, 2) as i, unnest([string_to_array('a,b', ',')]) s(s)");
  }
}
