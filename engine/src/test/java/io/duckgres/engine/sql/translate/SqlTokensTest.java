package io.duckgres.engine.sql.translate;

import static org.assertj.core.api.Assertions.assertThat;

import io.duckgres.engine.sql.translate.SqlTokens.Kind;
import io.duckgres.engine.sql.translate.SqlTokens.Token;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlTokensTest {
  @Test
  void tokensGiveTheInputBack() {
    String sql = "SELECT E'it\\'s', 'a''b', \"q\"\"i\", $t$x$t$, $1::int[] -- c\n"
        + "/* a /* nested */ comment */ FROM t WHERE x >= 1.5e3 AND y<>-2";
    List<Token> tokens = SqlTokens.tokenize(sql);
    assertThat(tokens.stream().map(Token::text).reduce("", String::concat)).isEqualTo(sql);
    assertThat(tokens.stream().filter(t -> t.kind() == Kind.STRING).map(Token::text))
        .containsExactly("E'it\\'s'", "'a''b'", "$t$x$t$");
    assertThat(tokens.stream().filter(t -> t.kind() == Kind.QUOTED).map(Token::text))
        .containsExactly("\"q\"\"i\"");
    assertThat(tokens.stream().filter(t -> t.kind() == Kind.NUMBER).map(Token::text))
        .containsExactly("1.5e3", "2");
    assertThat(tokens.stream().filter(t -> t.kind() == Kind.PARAMETER).map(Token::text))
        .containsExactly("$1");
  }

  @Test
  void closingFindsTheMatchingBracket() {
    List<Token> tokens = SqlTokens.tokenize("f(a, (b), c[1])");
    int open = 1;
    assertThat(tokens.get(SqlTokens.closing(tokens, open)).start()).isEqualTo(14);
    assertThat(FunctionCalls.split("a, (b, c), d[1, 2], 'x,y'"))
        .containsExactly("a", "(b, c)", "d[1, 2]", "'x,y'");
  }
}
