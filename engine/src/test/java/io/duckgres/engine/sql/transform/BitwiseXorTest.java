package io.duckgres.engine.sql.transform;

import static io.duckgres.engine.sql.transform.TransformAssert.transformed;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BitwiseXorTest {
  @Test
  void hashIsXor() {
    assertThat(transformed(new BitwiseXor(), "select 5 # 3, a & b, a | b from t"))
        .isEqualTo("SELECT xor(5, 3), a & b, a | b FROM t");
  }
}
