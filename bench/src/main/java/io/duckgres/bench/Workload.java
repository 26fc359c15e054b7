package io.duckgres.bench;

import java.util.List;

/** One workload of the issue: runs its rounds on duckgres and its baseline, returns table rows. */
interface Workload {
  /** Short name used by --only and in the JSON ("tiny", "large", ...). */
  String name();

  /** A readable title for the table. */
  String title();

  /** The rows; a failure on one side is reported in its row, never thrown. */
  List<Row> run(Context context) throws Exception;
}
