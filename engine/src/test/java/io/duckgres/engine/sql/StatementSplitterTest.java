package io.duckgres.engine.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StatementSplitterTest {

  @Test
  void splitsAtTopLevelSemicolonsKeepingOffsets() {
    String query = "  select 1 ;\n\n  select 2  ";

    assertThat(StatementSplitter.split(query)).containsExactly(
        new SqlStatement("select 1", 2),
        new SqlStatement("select 2", 16));
  }

  @Test
  void offsetsPointAtEachStatementInTheWholeQuery() {
    String query = "select 1; /* c */ select 'x';select 3;";

    for (SqlStatement statement : StatementSplitter.split(query)) {
      assertThat(query.substring(statement.offset())).startsWith(statement.text());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", ";", ";;  ;", "-- only a comment", "/* a */ ; -- b\n ;",
      "/* nested /* comment */ still */"})
  void dropsStatementsWithoutContent(String query) {
    assertThat(StatementSplitter.split(query)).isEmpty();
  }

  @Test
  void keepsSemicolonsInsideStringConstants() {
    assertThat(texts("select 'a;b'; select 'it''s; fine'; select 2"))
        .containsExactly("select 'a;b'", "select 'it''s; fine'", "select 2");
  }

  @Test
  void backslashEscapesOnlyInEscapeStrings() {
    // E'a\';b' is one string; in a standard string a backslash is an ordinary character.
    assertThat(texts("select E'a\\';b'; select 2")).containsExactly("select E'a\\';b'", "select 2");
    assertThat(texts("select e'x\\\\'; select 2")).containsExactly("select e'x\\\\'", "select 2");
    assertThat(texts("select 'a\\'; select 2")).containsExactly("select 'a\\'", "select 2");
    // "name'" is an identifier ending in e, not an E string.
    assertThat(texts("select name'\\'; select 2")).containsExactly("select name'\\'", "select 2");
  }

  @Test
  void keepsSemicolonsInsideQuotedIdentifiers() {
    assertThat(texts("select \"a;b\" from t; select \"x\"\";y\""))
        .containsExactly("select \"a;b\" from t", "select \"x\"\";y\"");
  }

  @Test
  void keepsSemicolonsInsideDollarQuotedStrings() {
    assertThat(texts("select $$a;b$$; select $tag$ x $$ ; $tag$; select 2"))
        .containsExactly("select $$a;b$$", "select $tag$ x $$ ; $tag$", "select 2");
  }

  @Test
  void parametersAndIdentifiersWithDollarsAreNotDollarQuotes() {
    assertThat(texts("select $1; select a$b$c; select 2"))
        .containsExactly("select $1", "select a$b$c", "select 2");
  }

  @Test
  void keepsSemicolonsInsideComments() {
    assertThat(texts("select 1 -- ; not a split\n; select /* a /* b; */ c; */ 2"))
        .containsExactly("select 1 -- ; not a split", "select /* a /* b; */ c; */ 2");
  }

  @Test
  void keepsLeadingCommentsInTheStatement() {
    assertThat(StatementSplitter.split("/* hi */ select 1; -- done"))
        .containsExactly(new SqlStatement("/* hi */ select 1", 0));
  }

  @ParameterizedTest
  @ValueSource(strings = {"select 'abc; select 2", "select \"abc; select 2",
      "select $$abc; select 2", "select /* abc; select 2", "select E'abc\\'; select 2"})
  void unterminatedTextRunsToTheEnd(String query) {
    assertThat(StatementSplitter.split(query)).containsExactly(new SqlStatement(query, 0));
  }

  @Test
  void dropsTheTrailingSemicolon() {
    assertThat(StatementSplitter.split("select 1;"))
        .containsExactly(new SqlStatement("select 1", 0));
  }

  @Test
  void splitsDuckDbStatementsThatPostgresqlsGrammarRejects() {
    assertThat(texts("use memory; pragma version; select 'a;b'"))
        .containsExactly("use memory", "pragma version", "select 'a;b'");
    assertThat(texts("from t; -- from-first ; \nselect 2"))
        .containsExactly("from t", "-- from-first ; \nselect 2");
  }

  @Test
  void offsetsCountCharactersNotBytes() {
    String query = "select 'äöü'; select '😀'; select 3";
    assertThat(StatementSplitter.split(query)).containsExactly(
        new SqlStatement("select 'äöü'", 0),
        new SqlStatement("select '😀'", 14),
        new SqlStatement("select 3", 27));
  }

  private static List<String> texts(String query) {
    return StatementSplitter.split(query).stream().map(SqlStatement::text).toList();
  }
}
