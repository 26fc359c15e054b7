package io.duckgres.engine.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTextTest {
  @Test
  void jsonbOrdersKeysByLengthThenBytesAndKeepsTheLastDuplicate() {
    assertThat(JsonText.jsonb("{\"bb\":1,\"a\":2,\"c\":[1,2,{\"z\":null,\"y\":true}],\"a\":3}"))
        .isEqualTo("{\"a\": 3, \"c\": [1, 2, {\"y\": true, \"z\": null}], \"bb\": 1}");
  }

  @Test
  void jsonbWritesNumbersAsNumericDoes() {
    assertThat(JsonText.jsonb("1e3")).isEqualTo("1000");
    assertThat(JsonText.jsonb("1.50")).isEqualTo("1.50");
    assertThat(JsonText.jsonb("[-0, 1.5E-2]")).isEqualTo("[0, 0.015]");
  }

  @Test
  void jsonbReescapesStrings() {
    assertThat(JsonText.jsonb("\"a\\u00e9\\\"\\n\\/\"")).isEqualTo("\"aé\\\"\\n/\"");
  }

  @Test
  void spacedKeepsOrderAndDuplicates() {
    assertThat(JsonText.spaced("{\"b\":[1,2],\"a\":\"x,y\",\"b\":{}}"))
        .isEqualTo("{\"b\": [1, 2], \"a\": \"x,y\", \"b\": {}}");
  }

  @Test
  void membersSpacesOnlyTheOuterLevel() {
    assertThat(JsonText.members("{\"a\":1,\"b\":[1,2],\"c\":null}"))
        .isEqualTo("{\"a\" : 1, \"b\" : [1,2], \"c\" : null}");
    assertThat(JsonText.members("[1,\"a\",{\"k\":1}]")).isEqualTo("[1, \"a\", {\"k\":1}]");
    assertThat(JsonText.members("[]")).isEqualTo("[]");
  }

  @Test
  void prettyIndentsByFourSpaces() {
    assertThat(JsonText.pretty("{\"a\":[1],\"b\":{}}"))
        .isEqualTo("{\n    \"a\": [\n        1\n    ],\n    \"b\": {}\n}");
  }

  @Test
  void stripNullsRemovesNullMembersOnly() {
    assertThat(JsonText.stripNulls("{\"a\":1,\"b\":null,\"c\":[null]}", true))
        .isEqualTo("{\"a\": 1, \"c\": [null]}");
    assertThat(JsonText.stripNulls("{\"a\": null}", false)).isEqualTo("{}");
  }

  @Test
  void setReplacesOrAddsAtThePath() {
    assertThat(JsonText.set("{\"a\": 1}", List.of("b"), "2", true))
        .isEqualTo("{\"a\": 1, \"b\": 2}");
    assertThat(JsonText.set("{\"a\": [1, 2]}", List.of("a", "-1"), "\"x\"", true))
        .isEqualTo("{\"a\": [1, \"x\"]}");
    assertThat(JsonText.set("{\"a\": 1}", List.of("b"), "2", false)).isEqualTo("{\"a\": 1}");
  }

  @Test
  void deleteRemovesAKeyOrMatchingStrings() {
    assertThat(JsonText.delete("{\"a\":1,\"b\":2}", "a")).isEqualTo("{\"b\": 2}");
    assertThat(JsonText.delete("[\"a\",\"b\",1]", "a")).isEqualTo("[\"b\", 1]");
    assertThatThrownBy(() -> JsonText.delete("1", "a"))
        .hasMessageContaining("cannot delete from scalar");
  }

  @Test
  void malformedTextIsRefused() {
    assertThatThrownBy(() -> JsonText.jsonb("{\"a\":")).hasMessage("malformed JSON");
    assertThatThrownBy(() -> JsonText.jsonb("[1] x")).hasMessage("malformed JSON");
  }

  @Test
  void objectAggWritesPairsWithSpacesInsideTheBraces() {
    assertThat(JsonText.objectAgg("[[\"a\",1],[\"b\",[1,2]]]"))
        .isEqualTo("{ \"a\" : 1, \"b\" : [1,2] }");
  }
}
