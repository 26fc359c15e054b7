package io.duckgres.warehouse.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

class OwnerOnlyFileTest {
  @TempDir Path directory;

  @RepeatedTest(5)
  void startsRacingOnOneFileAllReadTheSameCompleteContent() throws Exception {
    Path file = directory.resolve("shared.key");
    AtomicInteger counter = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<OwnerOnlyFile.Content>> calls = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        calls.add(() -> OwnerOnlyFile.readOrCreate(file,
            () -> "content-" + counter.incrementAndGet() + "-" + "x".repeat(4096)));
      }
      Set<String> seen = new HashSet<>();
      int created = 0;
      for (Future<OwnerOnlyFile.Content> result : pool.invokeAll(calls, 30, TimeUnit.SECONDS)) {
        seen.add(result.get().text());
        created += result.get().created() ? 1 : 0;
      }
      assertThat(seen).hasSize(1);
      assertThat(seen.iterator().next()).endsWith("x".repeat(4096));
      assertThat(created).isEqualTo(1);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
      try (var leftovers = Files.list(directory)) {
        assertThat(leftovers).containsExactly(file);
      }
    } finally {
      pool.shutdownNow();
      Files.deleteIfExists(file);
    }
  }
}
