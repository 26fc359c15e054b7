package io.duckgres.engine.sql.transform;

import static io.duckgres.engine.sql.transform.TransformAssert.transformed;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SubqueryColumnNamesTest {
  @Test
  void subqueryItemsGetPostgresNames() {
    assertThat(transformed(new SubqueryColumnNames(),
        "select \"count\" from (select count(*) from t) as s"))
        .isEqualTo("SELECT count FROM (SELECT count(*) AS count FROM t) s");
    assertThat(transformed(new SubqueryColumnNames(),
        "with w as (select x::text, 1::int, coalesce(a, b), current_date, t.a from t)"
            + " select * from w"))
        .isEqualTo("WITH w AS (SELECT x::text AS x, 1::int AS int4, COALESCE(a, b) AS \"coalesce\","
            + " current_date AS \"current_date\", t.a FROM t) SELECT * FROM w");
  }

  @Test
  void aliasesAndTopLevelListsAreLeft() {
    String sql = "SELECT count(*), 1 + 2 FROM (SELECT count(*) AS n, 1 + 2 FROM t) s";
    assertThat(transformed(new SubqueryColumnNames(), sql)).isEqualTo(sql);
  }

  @Test
  void viewAndCreateTableAsColumnsGetPostgresNames() {
    assertThat(transformed(new SubqueryColumnNames(),
        "create view v as select id, count(*), sum(p) / 2, x as y from t group by id, x"))
        .isEqualTo("CREATE VIEW v AS SELECT id, count(*) AS count, sum(p) / 2 AS \"?column?\","
            + " x AS y FROM t GROUP BY id, x");
    assertThat(transformed(new SubqueryColumnNames(), "create table c as select count(*) from t"))
        .isEqualTo("CREATE TABLE c AS SELECT count(*) AS count FROM t");
    String named = "CREATE VIEW v (a, b) AS SELECT count(*), 1 FROM t";
    assertThat(transformed(new SubqueryColumnNames(), named)).isEqualTo(named);
  }
}
