package io.duckgres.engine;

/**
 * A bound statement ready to run (Bind), and once run, its open result so a row-limited Execute
 * can resume where the previous one stopped (PortalSuspended).
 */
public final class Portal implements AutoCloseable {
  private final PreparedQuery query;
  private final Object[] parameters;
  private final short[] resultFormats;
  private QueryResult result;
  private boolean done;

  Portal(PreparedQuery query, Object[] parameters, short[] resultFormats) {
    this.query = query;
    this.parameters = parameters;
    this.resultFormats = resultFormats;
  }

  public PreparedQuery query() {
    return query;
  }

  Object[] parameters() {
    return parameters;
  }

  public short[] resultFormats() {
    return resultFormats;
  }

  /** The open result, or null before the first Execute. */
  public QueryResult result() {
    return result;
  }

  void started(QueryResult started) {
    this.result = started;
  }

  /** True once the portal ran to completion; a further Execute sends nothing but the tag. */
  public boolean isDone() {
    return done;
  }

  public void markDone() {
    done = true;
    closeResult();
  }

  private void closeResult() {
    if (result != null) {
      result.close();
    }
  }

  @Override
  public void close() {
    closeResult();
  }
}
