package io.duckgres.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the results: latest.json (every round's value, for tools) and latest.md (the table for
 * people). In both, each duckgres figure sits beside its baseline from the same run with the
 * ratio of the medians and whether the target is met.
 */
final class Report {
  private final Map<String, Object> header;
  private final List<Row> rows;

  Report(Map<String, Object> header, List<Row> rows) {
    this.header = header;
    this.rows = rows;
  }

  Map<String, Long> counts() {
    long met = rows.stream().filter(row -> Boolean.TRUE.equals(row.met())).count();
    long missed = rows.stream().filter(row -> Boolean.FALSE.equals(row.met()) && row.oursError() == null).count();
    long failed = rows.stream().filter(row -> row.oursError() != null).count();
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("targets_met", met);
    counts.put("targets_missed", missed);
    counts.put("failed", failed);
    return counts;
  }

  void writeJson(Path file) throws IOException {
    Map<String, Object> root = new LinkedHashMap<>(header);
    root.put("summary", counts());
    List<Map<String, Object>> results = new ArrayList<>();
    for (Row row : rows) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("workload", row.workload());
      entry.put("metric", row.metric());
      entry.put("unit", row.unit());
      entry.put("higher_is_better", row.higherIsBetter());
      entry.put("status", row.status());
      entry.put("duckgres", side(row.ours(), row.oursError()));
      entry.put("baseline_name", row.baselineName());
      entry.put("baseline", side(row.baseline(), row.baselineError()));
      entry.put("ratio", row.ratio());
      entry.put("target", row.met() == null ? null : row.target().describe(row.unit()));
      entry.put("target_met", row.met());
      entry.put("note", row.note());
      results.add(entry);
    }
    root.put("results", results);
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), root);
  }

  private static Map<String, Object> side(Summary summary, String error) {
    Map<String, Object> side = new LinkedHashMap<>();
    if (summary != null) {
      side.put("median", summary.median());
      side.put("min", summary.min());
      side.put("max", summary.max());
      side.put("rounds", summary.rounds());
    }
    if (error != null) {
      side.put("error", error);
    }
    return side;
  }

  String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# duckgres benchmark: ").append(header.get("mode")).append(" run\n\n");
    md.append("- date: ").append(header.get("date")).append('\n');
    md.append("- machine: ").append(header.get("machine_summary")).append('\n');
    md.append("- versions: ").append(header.get("versions_summary")).append('\n');
    md.append("- run took ").append(header.get("duration_summary")).append('\n');
    md.append("- each figure: median (min–max) over ").append(header.get("rounds"))
        .append("; ratio = duckgres median / baseline median\n");
    Map<String, Long> counts = counts();
    md.append("- targets met: ").append(counts.get("targets_met")).append(", missed: ")
        .append(counts.get("targets_missed")).append(", failed: ").append(counts.get("failed")).append("\n\n");
    md.append("| workload | figure | duckgres | baseline | ratio | target | met |\n");
    md.append("|---|---|---|---|---|---|---|\n");
    List<String> notes = new ArrayList<>();
    for (Row row : rows) {
      String figure = row.metric() + (row.unit().isEmpty() ? "" : " (" + row.unit() + ")");
      if (row.note() != null) {
        int index = notes.indexOf(row.note()); // rows with the same note share its number
        if (index < 0) {
          notes.add(row.note());
          index = notes.size() - 1;
        }
        figure += " [" + (index + 1) + "]";
      }
      String ours = row.oursError() != null ? "failed: " + shorten(row.oursError()) : Format.summary(row.ours());
      String baseline = row.baselineName() + ": "
          + (row.baselineError() != null ? "failed: " + shorten(row.baselineError())
              : row.baseline() == null ? "—" : Format.summary(row.baseline()));
      Boolean met = row.met();
      String metText = met == null ? "—" : met ? "yes" : "**no**";
      md.append("| ").append(cell(row.workload())).append(" | ").append(cell(figure)).append(" | ")
          .append(cell(ours)).append(" | ").append(cell(baseline)).append(" | ")
          .append(Format.ratio(row.oursError() == null ? row.ratio() : null)).append(" | ")
          .append(cell(row.target().describe(row.unit()))).append(" | ").append(metText).append(" |\n");
    }
    if (!notes.isEmpty()) {
      md.append('\n');
      for (int i = 0; i < notes.size(); i++) {
        md.append('[').append(i + 1).append("] ").append(notes.get(i).replace("\n", " ")).append("  \n");
      }
    }
    return md.toString();
  }

  private static String shorten(String text) {
    return text.length() > 160 ? text.substring(0, 160) + "…" : text;
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }

  void write(Path directory) throws IOException {
    Files.createDirectories(directory);
    writeJson(directory.resolve("latest.json"));
    Files.writeString(directory.resolve("latest.md"), markdown());
  }
}
