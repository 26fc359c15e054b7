package io.duckgres.engine.sql.transform;

import static org.assertj.core.api.Assertions.assertThat;

import io.duckgres.engine.sql.parse.ParsedText;
import java.util.List;
import org.junit.jupiter.api.Test;

class DropListsTest {
  private static String apply(String sql) {
    return TreeTransforms.apply(ParsedText.of(sql).statements(), sql);
  }

  @Test
  void aDropOfSeveralObjectsIsOneDropEach() {
    assertThat(apply("drop table if exists a, s.b cascade"))
        .isEqualTo("DROP TABLE IF EXISTS a CASCADE; DROP TABLE IF EXISTS s.b CASCADE");
    assertThat(apply("DROP VIEW v1, v2")).isEqualTo("DROP VIEW v1; DROP VIEW v2");
  }

  @Test
  void aDropOfOneObjectIsLeftAsWritten() {
    String sql = "drop table a";
    assertThat(apply(sql)).isSameAs(sql);
    assertThat(DropLists.split(ParsedText.of(sql).single())).hasSize(1);
    assertThat(List.of(apply("drop table a; drop table b"))).containsExactly("drop table a; drop table b");
  }
}
