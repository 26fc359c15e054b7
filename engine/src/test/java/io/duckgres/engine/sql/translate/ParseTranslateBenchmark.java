package io.duckgres.engine.sql.translate;

import io.duckgres.engine.sql.parse.ParsedText;
import io.duckgres.engine.sql.parse.SqlParser;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What reading a statement costs: PostgreSQL's parser through JNA (text to protobuf tree), the
 * full translation without its cache (parse, tree transforms, deparse when one applied), and a
 * cached translation (what a repeated statement pays).
 *
 * <p>Run by hand, not by the test suite:
 * <pre>
 * mvn -o -q -pl engine test-compile
 * mvn -o -q -pl engine dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -cp engine/target/test-classes:engine/target/classes:$(cat /tmp/cp.txt) \
 *     org.openjdk.jmh.Main ParseTranslateBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ParseTranslateBenchmark {
  @Param({
      "select 1",
      "select id, name from users where id = $1",
      "select a / b, x::numeric, '[1]'::jsonb from t where s like 'a%' order by 1 desc nulls last",
      "select n.nspname, c.relname from pg_catalog.pg_class c join pg_catalog.pg_namespace n"
          + " on n.oid = c.relnamespace where c.relkind in ('r', 'v') and"
          + " pg_catalog.pg_table_is_visible(c.oid) order by 1, 2"})
  public String sql;

  @Benchmark
  public Object parse() {
    return SqlParser.parse(sql);
  }

  @Benchmark
  public String translateUncached() {
    // ParsedText.of caches too: parse directly so every call pays the parse.
    return Translator.translateUncached(sql,
        new ParsedText(sql, SqlParser.parse(sql).getStmtsList(), null));
  }

  @Benchmark
  public String translateCached() {
    return Translator.translate(sql);
  }
}
