package io.duckgres.engine.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SearchPathTest {
  @Test
  void postgresSearchPathsBecomeSchemaLists() {
    assertThat(SearchPath.schemas("\"$user\", public", "alice")).containsExactly("alice", "public");
    assertThat(SearchPath.schemas("Sales, \"Mixed Case\",public", "")).containsExactly("sales",
        "Mixed Case", "public");
    assertThat(SearchPath.schemas("", "alice")).isEmpty();
  }

  @Test
  void duckdbPathPutsTheCatalogLast() {
    assertThat(SearchPath.duckdbPath(List.of("sales", "public"), "cat"))
        .isEqualTo("sales,main,cat.main");
    assertThat(SearchPath.duckdbPath(List.of(), "cat")).isEqualTo("main,cat.main");
    assertThat(SearchPath.duckdbPath(List.of("Mixed Case"), "cat"))
        .isEqualTo("\"Mixed Case\",cat.main");
  }
}
