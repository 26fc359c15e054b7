package io.duckgres.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One session's tasks on a shared pool of many threads: they must run in submission order and
 * never overlap, or replies would leave out of order.
 */
class SerialExecutorTest {
  private final ExecutorService pool = Executors.newFixedThreadPool(8);

  @AfterEach
  void stopPool() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void runsTasksInSubmissionOrderOneAtATime() throws InterruptedException {
    SerialExecutor executor = new SerialExecutor(pool);
    List<Integer> order = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger running = new AtomicInteger();
    AtomicInteger maxRunning = new AtomicInteger();
    int tasks = 2_000;
    CountDownLatch done = new CountDownLatch(tasks);

    for (int i = 0; i < tasks; i++) {
      int number = i;
      executor.execute(() -> {
        maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
        order.add(number);
        if (number % 100 == 0) {
          Thread.yield();
        }
        running.decrementAndGet();
        done.countDown();
      });
    }

    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(maxRunning.get()).isEqualTo(1);
    assertThat(order).hasSize(tasks).isSorted();
  }

  @Test
  void failingTaskDoesNotStallTheTasksBehindIt() throws InterruptedException {
    SerialExecutor executor = new SerialExecutor(pool);
    CountDownLatch after = new CountDownLatch(1);

    executor.execute(() -> {
      throw new IllegalStateException("boom");
    });
    executor.execute(after::countDown);

    assertThat(after.await(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void backlogCountsTasksWaitingBehindTheRunningOne() throws InterruptedException {
    SerialExecutor executor = new SerialExecutor(pool);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch finished = new CountDownLatch(3);

    executor.execute(() -> {
      started.countDown();
      awaitQuietly(release);
      finished.countDown();
    });
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    executor.execute(finished::countDown);
    executor.execute(finished::countDown);

    assertThat(executor.backlog()).isEqualTo(2);
    release.countDown();
    assertThat(finished.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(executor.backlog()).isZero();
  }

  @Test
  void idleExecutorStartsAgainOnTheNextTask() throws InterruptedException {
    SerialExecutor executor = new SerialExecutor(pool);
    for (int round = 0; round < 50; round++) {
      CountDownLatch done = new CountDownLatch(1);
      executor.execute(done::countDown);
      assertThat(done.await(10, TimeUnit.SECONDS)).as("round %d", round).isTrue();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
