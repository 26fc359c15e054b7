package io.duckgres.engine.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Column names as PostgreSQL gives them (its FigureColname rules; see DifferentialTest for the check against a real server). */
class SelectListNamesTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "select 1 as \"my col\", 2 \"Other\"|my col,Other",
      "select 1 AS Total, id Id from t|total,id",
      "select count(*), sum(x) filter (where x > 0), max(y) from t|count,sum,max",
      "select row_number() over (order by id), rank() over w from t window w as (order by id)"
          + "|row_number,rank",
      "select percentile_cont(0.5) within group (order by x), mode() within group (order by x)"
          + " from t|percentile_cont,mode",
      "select 1::text, '1'::integer, 1.5::double precision, 'x'::varchar(3), 'y'::char(2)"
          + "|text,int4,float8,varchar,bpchar",
      "select x::text, now()::date, cast(1 as bigint), cast(x as int) from t|x,now,int8,x",
      "select '{23,25}'::oid[]::regtype[], true::text, (x)::text collate \"C\" from t"
          + "|regtype,text,x",
      "select case when a then true else false end, case when a then 1 else 2::int end from t"
          + "|case,case",
      "select '{1}'::int[], '2020-01-01'::timestamp with time zone, date '2020-01-01'"
          + "|int4,timestamptz,date",
      "select array[1, 2], array(select 1), arr[1] from t|array,array,arr",
      "select (select max(id) from t), (select 1), exists (select 1)|max,?column?,exists",
      "select case when x then 1 else 2 end, case when x then 1 else y end from t|case,y",
      "select case when n is null then 'none' else 'some' end, case when a then 1 end + 1 from t"
          + "|case,?column?",
      "select ts at time zone 'UTC', timestamp '2024-01-01' at time zone 'UTC' from t"
          + "|timezone,timezone",
      "select coalesce(a, b), nullif(a, b), greatest(a, b) from t|coalesce,nullif,greatest",
      "select 1 + 1, -x, x % 2, x is null, x in (1, 2), true, null from t"
          + "|?column?,?column?,?column?,?column?,?column?,?column?,?column?",
      "select extract(year from d), substring('abc' from 2), position('b' in 'abc'),"
          + " trim(both 'x' from s), trim(leading 'x' from s), left(s, 1) from t"
          + "|extract,substring,position,btrim,ltrim,left",
      "select t.id, \"Name\", current_date from t|id,Name,current_date",
      "select true k, null n, 1 is null i, case when a then 1 end c from t|k,n,i,c",
      "select at.attname, at.attnum + 1 from pg_attribute at|attname,?column?",
      "with q as (select 1 as a) select distinct on (a) a, a + 1 from q|a,?column?",
      "(select 1 as a) union all (select 2)|a",
      "values (1, 'a'), (2, 'b')|column1,column2",
      "insert into t (id) values (1) returning id, id * 2 as twice, upper(s)|id,twice,upper",
  })
  void namesLikePostgres(String sql, String names) {
    assertThat(SelectListNames.of(sql)).containsExactly(names.split(","));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "select * from t", "select t.*, 1 from t", "select * exclude (a) from t",
      "from t select a", "table t", "select (1", "show tables"})
  void leavesDuckDbNamesWhereTheListCannotBeRead(String sql) {
    assertThat(SelectListNames.of(sql)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"select a from t limit 1", "select a from t order by a",
      "select a from t group by a having count(*) > 1", "select a into x from t"})
  void stopsAtTheClauseAfterTheList(String sql) {
    assertThat(SelectListNames.of(sql)).isEqualTo(List.of("a"));
  }
}
