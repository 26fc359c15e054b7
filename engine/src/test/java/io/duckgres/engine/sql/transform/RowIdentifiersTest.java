package io.duckgres.engine.sql.transform;

import static io.duckgres.engine.sql.transform.TransformAssert.transformed;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RowIdentifiersTest {
  @Test
  void ctidIsTheRowid() {
    assertThat(transformed(new RowIdentifiers(), "select \"id\", ctid from t where id = '2'"))
        .isEqualTo("SELECT id, duckgres_ctid(rowid) FROM t WHERE id = '2'");
  }

  @Test
  void constantsAndCastsComparedWithCtidAreTids() {
    assertThat(transformed(new RowIdentifiers(),
        "delete from \"public\".\"t\" where ctid in ('(0,1)', '(0,2)')"))
        .isEqualTo("DELETE FROM public.t WHERE duckgres_ctid(rowid) IN"
            + " (duckgres_tid('(0,1)'), duckgres_tid('(0,2)'))");
    assertThat(transformed(new RowIdentifiers(),
        "update t set a = u.a from u where t.ctid=__page_id_string::TID"))
        .isEqualTo("UPDATE t SET a = u.a FROM u"
            + " WHERE duckgres_ctid(t.rowid) = duckgres_tid(__page_id_string)");
  }

  @Test
  void otherColumnsAreLeft() {
    String sql = "SELECT a.ctid_like, b FROM t a WHERE b = '(0,1)'";
    assertThat(transformed(new RowIdentifiers(), sql)).isEqualTo(sql);
  }
}
