package io.duckgres.engine.sql.transform;

import static io.duckgres.engine.sql.transform.TransformAssert.transformed;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TemporaryTablesOnCommitTest {
  @Test
  void theClauseGoesAndTheSessionLearnsTheTable() {
    String create = "create temp table stage (id int) on commit drop";
    assertThat(transformed(new TemporaryTablesOnCommit(), create))
        .isEqualTo("CREATE TEMPORARY TABLE stage (id int)");
    assertThat(TemporaryTablesOnCommit.droppedOnCommit(create)).isEqualTo("stage");
    String createAs = "create temporary table copy on commit drop as select 1 as id";
    assertThat(transformed(new TemporaryTablesOnCommit(), createAs))
        .isEqualTo("CREATE TEMPORARY TABLE copy AS SELECT 1 AS id");
    assertThat(TemporaryTablesOnCommit.droppedOnCommit(createAs)).isEqualTo("copy");
  }

  @Test
  void otherTablesAreLeft() {
    String preserve = "CREATE TEMPORARY TABLE kept (id int)";
    assertThat(transformed(new TemporaryTablesOnCommit(), preserve)).isEqualTo(preserve);
    assertThat(TemporaryTablesOnCommit.droppedOnCommit(preserve)).isNull();
    assertThat(TemporaryTablesOnCommit.droppedOnCommit("select 1; select 2")).isNull();
  }
}
