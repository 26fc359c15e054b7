package io.duckgres.engine.sql.transform;

import static io.duckgres.engine.sql.transform.TransformAssert.transformed;
import static org.assertj.core.api.Assertions.assertThat;

import io.duckgres.engine.sql.parse.SqlParser;
import org.junit.jupiter.api.Test;

class CompatTransformsTest {
  @Test
  void jsonbCastsAndConstructorsGetJsonbText() {
    assertThat(transformed(new JsonTextForms(),
        "select '{\"b\":1}'::jsonb, jsonb_build_object('a', 1), to_jsonb(x) from t"))
        .isEqualTo("SELECT duckgres_jsonb('{\"b\":1}'::jsonb), duckgres_jsonb(jsonb_build_object('a', 1)),"
            + " duckgres_jsonb(to_jsonb(x)) FROM t");
  }

  @Test
  void jsonConstructorsGetPostgresSpacing() {
    assertThat(transformed(new JsonTextForms(),
        "select json_build_object('a', 1), json_agg(x ORDER BY y) from t"))
        .isEqualTo("SELECT duckgres_json_members(json_build_object('a', 1)),"
            + " duckgres_json_members(json_agg(x ORDER BY y)) FROM t");
  }

  @Test
  void extractionWithAConstantKeyIsSpacedAndTextIsUnquoted() {
    assertThat(transformed(new JsonTextForms(), "select j -> 'a', j ->> 1 from t"))
        .isEqualTo("SELECT duckgres_json_spaced(j -> 'a'), duckgres_json_text(j -> 1) FROM t");
  }

  @Test
  void aLambdaArrowIsNotAJsonOperator() {
    assertThat(transformed(new JsonTextForms(), "select list_transform(l, x -> x + 1) from t"))
        .isEqualTo("SELECT list_transform(l, x -> (x + 1)) FROM t");
  }

  @Test
  void jsonObjectOfOneArray() {
    assertThat(transformed(new JsonTextForms(), "select json_object('{a,1}'), json_object('a', 1)"))
        .isEqualTo("SELECT duckgres_json_object_of_array('{a,1}'), json_object('a', 1)");
  }

  @Test
  void jsonbMinusAndConcatenationOfMarkedJsonb() {
    String sql = "select '{\"a\":1}'::jsonb - 'a', '[1]'::jsonb || '[2]'::jsonb";
    String out = TreeTransforms.apply(SqlParser.parse(sql).getStmtsList(), sql);
    assertThat(out).contains("duckgres_jsonb_delete(duckgres_jsonb('{\"a\":1}'::json), 'a')")
        .contains("duckgres_jsonb(duckgres_jsonb_concat(duckgres_jsonb('[1]'::json),"
            + " duckgres_jsonb('[2]'::json)))");
  }

  @Test
  void arrayElementsInFromAreUnnestedLists() {
    assertThat(transformed(new JsonArrayElements(),
        "select value from json_array_elements('[1]') with ordinality as t(value, n)"))
        .isEqualTo("SELECT value FROM unnest(duckgres_json_elements('[1]')) WITH ORDINALITY t(value, n)");
    assertThat(transformed(new JsonArrayElements(),
        "select value from jsonb_array_elements_text('[1]')"))
        .isEqualTo("SELECT value FROM unnest(duckgres_json_elements_text(duckgres_jsonb('[1]')))"
            + " jsonb_array_elements_text(value)");
  }

  @Test
  void extractOfSecondsAndEpochIsNumeric() {
    assertThat(transformed(new DateTimeResults(),
        "select extract(second from ts), extract(epoch from ts), extract(hour from ts) from t"))
        .isEqualTo("SELECT duckgres_extract_second(ts), duckgres_extract_epoch(ts),"
            + " extract ('hour' FROM ts) FROM t");
  }

  @Test
  void dateConstantsArePromotedToTimestamptz() {
    assertThat(transformed(new DateTimeResults(),
        "select date_trunc('day', date '2024-02-29'), date_trunc('day', d), date '2024-01-01' - time '01:00' from t"))
        .isEqualTo("SELECT date_trunc('day', '2024-02-29'::date::timestamptz), date_trunc('day', d),"
            + " duckgres_date_minus_time('2024-01-01'::date, '01:00'::time) FROM t");
  }

  @Test
  void makeIntervalIsASumOfParts() {
    assertThat(transformed(new MakeInterval(), "select make_interval(years => 1, days => d)"))
        .isEqualTo("SELECT to_years(1::int4) + to_days(d::int4)");
  }

  @Test
  void numericToCharOnlyForNumberTemplates() {
    assertThat(transformed(new NumericToChar(),
        "select to_char(x, 'FM9,999.00'), to_char(ts, 'YYYY') from t"))
        .isEqualTo("SELECT duckgres_to_char_number(x::\"varchar\", 'FM9,999.00'), to_char(ts, 'YYYY') FROM t");
  }

  @Test
  void substringWithCountHasPostgresBounds() {
    assertThat(transformed(new SubstringBounds(),
        "select substring(s from 0 for 2), substr(s, 1, 2), substring(s from 'a' for '#'), substring(s, 2) from t"))
        .isEqualTo("SELECT duckgres_substring(s, 0, 2), duckgres_substring(s, 1, 2),"
            + " SUBSTRING(s FROM 'a' FOR '#'), \"substring\"(s, 2) FROM t");
  }

  @Test
  void constantArgumentsWithPostgresMeaning() {
    assertThat(transformed(new ConstantArguments(),
        "select string_to_array(s, NULL), generate_series(1, 3, 0), generate_series(1, 3, 1) from t"))
        .isEqualTo("SELECT string_to_array(s, ''), generate_series(1, 3, error('step size cannot equal zero')::int8),"
            + " generate_series(1, 3, 1) FROM t");
  }

  @Test
  void rowNullTestsTestEveryField() {
    assertThat(transformed(new RowNullTests(),
        "select row(a, b) is null, row(a, b) is not null, a is null from t"))
        .isEqualTo("SELECT a IS NULL AND b IS NULL, a IS NOT NULL AND b IS NOT NULL, a IS NULL FROM t");
  }

  @Test
  void jsonObjectAggCollectsOrderedPairs() {
    assertThat(transformed(new JsonTextForms(),
        "select json_object_agg(k, v order by k) from t"))
        .isEqualTo("SELECT duckgres_json_object_agg(to_json(list(list_value(to_json(k::text),"
            + " to_json(v)) ORDER BY k))) FROM t");
  }

  @Test
  void formatWithIdentifiersAndLiteralsIsAConcatenation() {
    assertThat(transformed(new FormatSpecifiers(), "select format('%I.%L %s%%', a, b, c), format('%s', a)"))
        .isEqualTo("SELECT concat('', quote_ident(a::text), '.', quote_nullable(b::text), ' ', c::text,"
            + " '%'), format('%s', a)");
  }

  @Test
  void regexpMatchesIsASetOfGroupArrays() {
    assertThat(RegexpMatches.groups("(a)(?:b)\\(c[(]")).isEqualTo(1);
    assertThat(transformed(new RegexpMatches(), "select regexp_matches(s, '[0-9]+') from t"))
        .isEqualTo("SELECT unnest(CASE WHEN regexp_matches(s, '[0-9]+') THEN"
            + " list_value(list_value(regexp_extract(s, '[0-9]+', 0))) END) FROM t");
  }

  @Test
  void arrayConstructorCastToTextIsPostgresArrayText() {
    assertThat(transformed(new ArrayText(), "select ARRAY[1, 2]::text, x::text from t"))
        .isEqualTo("SELECT duckgres_array_text(ARRAY[1, 2]), x::text FROM t");
  }

  @Test
  void storedExpressionsKeepTheirJsonAsWritten() {
    assertThat(transformed(new JsonTextForms(),
        "create table t (j jsonb default '{}'::jsonb check (j ->> 'a' <> ''))"))
        .isEqualTo("CREATE TABLE t (j jsonb DEFAULT '{}'::jsonb CHECK ((j ->> 'a') <> ''))");
  }
}
