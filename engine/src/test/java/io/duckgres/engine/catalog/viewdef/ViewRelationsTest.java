package io.duckgres.engine.catalog.viewdef;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ViewRelationsTest {
  private static String relations(String viewSql) {
    String found = ViewRelations.of(viewSql);
    return found == null ? null : found.replace(Relations.RECORD, ',');
  }

  @Test
  void relationsReadAnywhereInTheQuery() {
    assertThat(relations("CREATE VIEW v AS SELECT a.id FROM t AS a JOIN s2.u ON a.id = u.id"
        + " WHERE EXISTS (SELECT 1 FROM public.w WHERE w.id = a.id)"))
        .isEqualTo("main.t,s2.u,main.w");
  }

  @Test
  void columnsAndWithQueriesAreNotRelations() {
    assertThat(relations("CREATE VIEW v AS WITH big AS (SELECT orders FROM t) SELECT orders"
        + " FROM big")).isEqualTo("main.t");
  }

  @Test
  void notAViewIsNull() {
    assertThat(relations("SELECT 1")).isNull();
    assertThat(relations("CREATE VIEW v AS SELEC 1")).isNull();
  }
}
