package io.duckgres.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Watches the duckgres JVM's heap while a workload runs. Before it starts, a full GC (jcmd
 * GC.run) makes the starting figure the live set. During the run, `jstat -gc PID 200` samples the
 * used heap (survivors + eden + old) every 200 ms, and the process RSS is read alongside. The
 * server's GC log gives the heap left after each collection during the run: that is what the
 * server actually retained, as opposed to garbage still waiting in eden.
 *
 * <p>Heap growth is the largest after-GC heap minus the starting live set; when no collection
 * happened during the run it is the peak used heap minus the start, an upper bound.
 */
final class HeapMonitor {
  record Report(double beforeMb, double peakUsedMb, double peakAfterGcMb, int collections,
      double rssBeforeMb, double peakRssMb) {
    double growthMb() {
      return collections > 0 ? Math.max(0, peakAfterGcMb - beforeMb) : Math.max(0, peakUsedMb - beforeMb);
    }
  }

  private static final Pattern GC_SIZES =
      Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

  private final long pid;
  private final Path gcLog;
  private final Process jstat;
  private final Thread reader;
  private final CountDownLatch firstSample = new CountDownLatch(1);
  private final long gcLogOffset;
  private volatile double firstUsedMb = Double.NaN;
  private volatile double peakUsedMb;
  private volatile double firstRssMb = Double.NaN;
  private volatile double peakRssMb;

  private HeapMonitor(long pid, Path gcLog, Path scratchDir) throws IOException, InterruptedException {
    this.pid = pid;
    this.gcLog = gcLog;
    Exec.Result gc = Exec.run(List.of("jcmd", String.valueOf(pid), "GC.run"), Map.of(), scratchDir, 60);
    if (gc.exitCode() != 0) {
      throw new IOException("jcmd GC.run failed: " + gc.tail());
    }
    Thread.sleep(200);
    gcLogOffset = Files.exists(gcLog) ? Files.size(gcLog) : 0;
    jstat = new ProcessBuilder("jstat", "-gc", String.valueOf(pid), "200")
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    reader = new Thread(this::readSamples, "jstat-reader");
    reader.setDaemon(true);
    reader.start();
    if (!firstSample.await(15, TimeUnit.SECONDS)) {
      stopSampling();
      throw new IOException("jstat gave no heap sample for pid " + pid);
    }
  }

  static HeapMonitor start(long pid, Path gcLog, Path scratchDir) throws IOException, InterruptedException {
    return new HeapMonitor(pid, gcLog, scratchDir);
  }

  private void readSamples() {
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(jstat.getInputStream(), StandardCharsets.UTF_8))) {
      String[] header = null;
      String line;
      while ((line = lines.readLine()) != null) {
        String[] fields = line.trim().split("\\s+");
        if (fields.length > 0 && fields[0].equals("S0C")) {
          header = fields;
          continue;
        }
        if (header == null || fields.length != header.length) {
          continue;
        }
        double usedKb = 0;
        for (int i = 0; i < header.length; i++) {
          if (List.of("S0U", "S1U", "EU", "OU").contains(header[i])) {
            usedKb += parseOrZero(fields[i]);
          }
        }
        double usedMb = usedKb / 1024;
        double rssMb = rssMb();
        if (Double.isNaN(firstUsedMb)) {
          firstUsedMb = usedMb;
          firstRssMb = rssMb;
          firstSample.countDown();
        }
        peakUsedMb = Math.max(peakUsedMb, usedMb);
        peakRssMb = Math.max(peakRssMb, rssMb);
      }
    } catch (IOException ended) {
      // jstat was stopped or the server exited: the samples so far stand.
    }
  }

  private static double parseOrZero(String field) {
    try {
      return Double.parseDouble(field);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private double rssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Double.parseDouble(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // The process is gone; keep the peak seen so far.
    }
    return 0;
  }

  private void stopSampling() throws InterruptedException {
    jstat.destroy();
    if (!jstat.waitFor(5, TimeUnit.SECONDS)) {
      jstat.destroyForcibly();
    }
    reader.join(5000);
  }

  Report stop() throws IOException, InterruptedException {
    Thread.sleep(400); // one more sample after the workload's last byte
    stopSampling();
    double peakAfterGc = 0;
    int collections = 0;
    if (Files.exists(gcLog)) {
      try (RandomAccessFile file = new RandomAccessFile(gcLog.toFile(), "r")) {
        file.seek(Math.min(gcLogOffset, file.length()));
        String line;
        while ((line = file.readLine()) != null) {
          Matcher sizes = GC_SIZES.matcher(line);
          if (sizes.find()) {
            collections++;
            peakAfterGc = Math.max(peakAfterGc, megabytes(sizes.group(3), sizes.group(4)));
          }
        }
      }
    }
    return new Report(firstUsedMb, peakUsedMb, peakAfterGc, collections, firstRssMb, peakRssMb);
  }

  private static double megabytes(String amount, String unit) {
    double value = Double.parseDouble(amount);
    return switch (unit) {
      case "K" -> value / 1024;
      case "G" -> value * 1024;
      default -> value;
    };
  }
}
