package io.duckgres.bench;

/**
 * One line of the results table: a figure measured on duckgres beside the same figure measured
 * on its baseline in the same run, their ratio (ours / baseline, medians), and whether the
 * issue's target is met. A side that failed carries its error instead of a summary.
 */
record Row(
    String workload,
    String metric,
    String unit,
    boolean higherIsBetter,
    Summary ours,
    String oursError,
    String baselineName,
    Summary baseline,
    String baselineError,
    Target target,
    String note) {

  static Row of(String workload, String metric, String unit, boolean higherIsBetter, Figure ours,
      String baselineName, Figure baseline, Target target, String note) {
    String fullNote = note;
    fullNote = withPartialFailure(fullNote, "duckgres", ours);
    if (baseline != null) {
      fullNote = withPartialFailure(fullNote, baselineName, baseline);
    }
    return new Row(workload, metric, unit, higherIsBetter, ours.summary(), failure(ours), baselineName,
        baseline == null ? null : baseline.summary(), baseline == null ? null : failure(baseline), target,
        fullNote);
  }

  /** A whole workload that could not run at all (setup failed). */
  static Row failed(String workload, String metric, String baselineName, String error) {
    return new Row(workload, metric, "", true, null, error, baselineName, null, null, Target.NONE, null);
  }

  /** A side counts as failed only when no round succeeded; a partial failure becomes a note. */
  private static String failure(Figure figure) {
    return figure.summary() == null ? (figure.error() == null ? "no rounds ran" : figure.error()) : null;
  }

  private static String withPartialFailure(String note, String side, Figure figure) {
    if (figure.summary() == null || figure.error() == null) {
      return note;
    }
    String partial = "some " + side + " rounds failed: " + figure.error();
    return note == null ? partial : note + "; " + partial;
  }

  Double ratio() {
    if (target.kind() == Target.Kind.BELOW || target.kind() == Target.Kind.CONTEXT) {
      return null; // an absolute figure (heap growth): its "baseline" is context, not a comparison
    }
    if (ours == null || baseline == null || baseline.median() == 0) {
      return null;
    }
    return ours.median() / baseline.median();
  }

  Boolean met() {
    if (oursError != null) {
      return target.kind() == Target.Kind.NONE || target.kind() == Target.Kind.CONTEXT ? null : Boolean.FALSE;
    }
    return target.met(ours == null ? null : ours.median(), ratio());
  }

  String status() {
    if (oursError != null) {
      return "failed";
    }
    return baselineError != null ? "baseline failed" : "ok";
  }
}
