package io.duckgres.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's walk-through, through the real psql over TLS (sslmode=require). */
class PsqlTest {
  @TempDir static Path dataDir;
  static ServerProcess server;

  @BeforeAll
  static void start() throws Exception {
    server = ServerProcess.start(dataDir);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  record Result(int exitCode, String stdout, String stderr) {}

  static Result psql(String sql, String sslmode, String password) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(List.of("psql",
        "host=127.0.0.1 port=" + server.port() + " user=postgres dbname=postgres sslmode=" + sslmode,
        "-X", "-A", "-t", "-v", "ON_ERROR_STOP=0", "-c", sql));
    builder.environment().put("PGPASSWORD", password);
    builder.environment().put("PGCONNECT_TIMEOUT", "20");
    Process process = builder.start();
    process.getOutputStream().close();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("psql hung");
    }
    return new Result(process.exitValue(), out, err);
  }

  @Test
  void walkThrough() throws Exception {
    Result created = psql("create table items(id int, name text)", "require", "postgres");
    assertThat(created.exitCode()).as(created.stderr()).isZero();
    Result inserted = psql("insert into items values (1,'apple'),(2,'pear'),(3,'plum')",
        "require", "postgres");
    assertThat(inserted.exitCode()).as(inserted.stderr()).isZero();
    assertThat(psql("update items set name = 'PEAR' where id = 2", "require", "postgres")
        .exitCode()).isZero();
    assertThat(psql("delete from items where id = 3", "require", "postgres").exitCode()).isZero();
    Result selected = psql("select id, name from items order by id", "require", "postgres");
    assertThat(selected.stdout()).isEqualTo("1|apple\n2|PEAR\n");
  }

  @Test
  void rollbackErrorsAndAbortedTransactions() throws Exception {
    psql("create table t2(x int primary key)", "require", "postgres");
    Result rolledBack = psql("begin; insert into t2 values (1); rollback; select count(*) from t2",
        "require", "postgres");
    assertThat(rolledBack.stdout().trim()).endsWith("0");

    // psql sends each -c as one Query; use a script with separate statements instead.
    Result aborted = psqlScript(String.join("\n",
        "begin;",
        "insert into t2 values (5);",
        "insert into t2 values (5);",
        "select 1;",
        "rollback;",
        "select 'usable', count(*) from t2;"));
    assertThat(aborted.stderr()).contains("duplicate key");
    assertThat(aborted.stderr()).contains("current transaction is aborted");
    assertThat(aborted.stdout()).contains("usable|0");
  }

  @Test
  void errorLeavesSessionUsable() throws Exception {
    Result result = psqlScript("select * from nowhere;\nselect 'still here';");
    assertThat(result.stderr()).contains("ERROR:").contains("nowhere");
    assertThat(result.stdout()).contains("still here");
  }

  @Test
  void plaintextAndWrongPasswordAreRefused() throws Exception {
    Result plaintext = psql("select 1", "disable", "postgres");
    assertThat(plaintext.exitCode()).isNotZero();
    assertThat(plaintext.stderr()).contains("TLS is required");
    Result wrong = psql("select 1", "require", "wrong");
    assertThat(wrong.exitCode()).isNotZero();
    assertThat(wrong.stderr()).contains("password authentication failed for user \"postgres\"");
  }

  static Result psqlScript(String script) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(List.of("psql",
        "host=127.0.0.1 port=" + server.port() + " user=postgres dbname=postgres sslmode=require",
        "-X", "-A", "-t", "-v", "ON_ERROR_STOP=0"));
    builder.environment().put("PGPASSWORD", "postgres");
    Process process = builder.start();
    process.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().close();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor(60, TimeUnit.SECONDS);
    return new Result(process.exitValue(), out, err);
  }
}
