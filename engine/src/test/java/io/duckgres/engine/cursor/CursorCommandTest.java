package io.duckgres.engine.cursor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.duckgres.engine.cursor.CursorCommand.Direction;
import io.duckgres.engine.cursor.CursorCommand.Verb;
import io.duckgres.pgwire.PgException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CursorCommandTest {
  @Test
  void declareKeepsNameQueryHoldAndScrolling() {
    CursorCommand declare = CursorCommand.parse(
        "DECLARE \"My C\" NO SCROLL CURSOR WITH HOLD FOR select id from t where x = $1;");
    assertThat(declare.verb()).isEqualTo(Verb.DECLARE);
    assertThat(declare.name()).isEqualTo("My C");
    assertThat(declare.hold()).isTrue();
    assertThat(declare.noScroll()).isTrue();
    assertThat(declare.query()).isEqualToIgnoringCase("select id from t where x = $1");

    CursorCommand plain = CursorCommand.parse("declare C binary scroll cursor for values (1)");
    assertThat(plain.name()).isEqualTo("c");
    assertThat(plain.hold()).isFalse();
    assertThat(plain.noScroll()).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "fetch c|FETCH|FORWARD|1",
      "FETCH NEXT FROM c|FETCH|FORWARD|1",
      "fetch prior in c|FETCH|BACKWARD|1",
      "fetch first c|FETCH|ABSOLUTE|1",
      "fetch last c|FETCH|ABSOLUTE|-1",
      "fetch absolute -3 c|FETCH|ABSOLUTE|-3",
      "fetch relative 2 from c|FETCH|RELATIVE|2",
      "fetch 5 c|FETCH|FORWARD|5",
      "fetch -2 from c|FETCH|BACKWARD|2",
      "fetch all c|FETCH|FORWARD|9223372036854775807",
      "fetch forward all c|FETCH|FORWARD|9223372036854775807",
      "fetch backward all c|FETCH|BACKWARD|9223372036854775807",
      "fetch backward 3 c|FETCH|BACKWARD|3",
      "move forward 4 in c|MOVE|FORWARD|4",
  })
  void movementsAsPostgresqlReadsThem(String sql, Verb verb, Direction direction, long count) {
    CursorCommand command = CursorCommand.parse(sql);
    assertThat(command.verb()).isEqualTo(verb);
    assertThat(command.name()).isEqualTo("c");
    assertThat(command.direction()).isEqualTo(direction);
    assertThat(command.count()).isEqualTo(count);
  }

  @Test
  void closeNamesTheCursorOrAll() {
    assertThat(CursorCommand.parse("close c").name()).isEqualTo("c");
    assertThat(CursorCommand.parse("CLOSE ALL").name()).isNull();
    assertThat(CursorCommand.parse("select 1")).isNull();
  }

  @Test
  void textThatIsNoCursorStatementIsPostgresqlsSyntaxError() {
    PgException error = catchThrowableOfType(PgException.class,
        () -> CursorCommand.parse("fetch absolute c"));
    assertThat(error.sqlState().code()).isEqualTo("42601");
  }
}
