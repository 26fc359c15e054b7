package io.duckgres.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The pytest suite in it/src/test/python — psycopg 3, asyncpg, SQLAlchemy and pandas against the
 * real server over TLS — run by the venv's Python against one server process. scripts/python-env
 * makes the venv (it is idempotent and quiet when the venv is up to date).
 */
class PythonClientsTest extends ClientSuite {
  @Test
  void pythonClientSuitePasses() throws Exception {
    String python = installedTool("python-env");
    List<String> command = new ArrayList<>(List.of(python, "-m", "pytest", "-q"));
    // e.g. -Dduckgres.pytest.args="-v -x -k asyncpg" to narrow a run down.
    String extra = System.getProperty("duckgres.pytest.args", "").strip();
    if (!extra.isEmpty()) {
      command.addAll(List.of(extra.split("\\s+")));
    }
    command.add("it/src/test/python");
    runSuite(command, Map.of("PYTHONDONTWRITEBYTECODE", "1"));
  }
}
