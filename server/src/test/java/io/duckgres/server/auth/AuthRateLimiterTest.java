package io.duckgres.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.duckgres.server.ServerConfig.RateLimit;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class AuthRateLimiterTest {
  private static final RateLimit LIMIT =
      new RateLimit(3, Duration.ofSeconds(60), Duration.ofMinutes(5));

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(AuthRateLimiter.class);

  @BeforeEach
  void captureLog() {
    log.start();
    logger.addAppender(log);
  }

  @AfterEach
  void releaseLog() {
    logger.detachAppender(log);
  }

  private AuthRateLimiter limiter(RateLimit limit, int maxAddresses) {
    return new AuthRateLimiter(limit, maxAddresses, nanos::get);
  }

  private void advance(Duration duration) {
    nanos.addAndGet(duration.toNanos());
  }

  private static InetAddress address(int n) throws UnknownHostException {
    return InetAddress.getByAddress(new byte[] {10, (byte) (n >> 16), (byte) (n >> 8), (byte) n});
  }

  @Test
  void bansAfterMaxFailuresAndLogsOnce() throws Exception {
    AuthRateLimiter limiter = limiter(LIMIT, 100);
    InetAddress client = address(1);
    assertThat(limiter.recordFailure(client)).isFalse();
    assertThat(limiter.recordFailure(client)).isFalse();
    assertThat(limiter.isBanned(client)).isFalse();
    assertThat(limiter.recordFailure(client)).isTrue();
    assertThat(limiter.isBanned(client)).isTrue();
    assertThat(limiter.isBanned(address(2))).isFalse();
    // Stragglers failing during the ban neither re-ban nor log again.
    assertThat(limiter.recordFailure(client)).isFalse();

    assertThat(log.list).hasSize(1);
    ILoggingEvent event = log.list.get(0);
    assertThat(event.getLevel()).isEqualTo(Level.WARN);
    assertThat(event.getFormattedMessage())
        .contains("10.0.0.1").contains("PT5M").contains("3 failed");
  }

  @Test
  void banExpires() throws Exception {
    AuthRateLimiter limiter = limiter(LIMIT, 100);
    InetAddress client = address(1);
    for (int i = 0; i < 3; i++) {
      limiter.recordFailure(client);
    }
    advance(Duration.ofMinutes(5).minusSeconds(1));
    assertThat(limiter.isBanned(client)).isTrue();
    advance(Duration.ofSeconds(1));
    assertThat(limiter.isBanned(client)).isFalse();
    assertThat(limiter.trackedAddresses()).isZero();
    // The count starts over after a ban.
    assertThat(limiter.recordFailure(client)).isFalse();
    assertThat(limiter.isBanned(client)).isFalse();
  }

  @Test
  void successResetsTheCount() throws Exception {
    AuthRateLimiter limiter = limiter(LIMIT, 100);
    InetAddress client = address(1);
    limiter.recordFailure(client);
    limiter.recordFailure(client);
    limiter.recordSuccess(client);
    assertThat(limiter.trackedAddresses()).isZero();
    assertThat(limiter.recordFailure(client)).isFalse();
    assertThat(limiter.recordFailure(client)).isFalse();
    assertThat(limiter.isBanned(client)).isFalse();
  }

  @Test
  void successDoesNotLiftARunningBan() throws Exception {
    AuthRateLimiter limiter = limiter(LIMIT, 100);
    InetAddress client = address(1);
    for (int i = 0; i < 3; i++) {
      limiter.recordFailure(client);
    }
    limiter.recordSuccess(client); // e.g. a session that started before the ban
    assertThat(limiter.isBanned(client)).isTrue();
  }

  @Test
  void windowSlides() throws Exception {
    AuthRateLimiter limiter = limiter(LIMIT, 100);
    InetAddress client = address(1);
    limiter.recordFailure(client); // t = 0
    advance(Duration.ofSeconds(30));
    limiter.recordFailure(client); // t = 30
    advance(Duration.ofSeconds(31));
    assertThat(limiter.recordFailure(client)).isFalse(); // t = 61: the first has left the window
    advance(Duration.ofSeconds(1));
    assertThat(limiter.recordFailure(client)).isTrue(); // t = 62: 30, 61, 62
  }

  @Test
  void tableSizeIsCappedAndBansSurviveAFlood() throws Exception {
    AuthRateLimiter limiter = limiter(LIMIT, 100);
    InetAddress attacker = address(0);
    for (int i = 0; i < 3; i++) {
      limiter.recordFailure(attacker);
    }
    for (int n = 1; n <= 10_000; n++) {
      advance(Duration.ofMillis(1)); // distinct times, so "oldest" is well defined
      limiter.recordFailure(address(n));
      assertThat(limiter.trackedAddresses()).isLessThanOrEqualTo(100);
    }
    assertThat(limiter.isBanned(attacker)).isTrue();
    // The most recent addresses are the ones kept.
    assertThat(limiter.recordFailure(address(10_000))).isFalse();
    assertThat(limiter.recordFailure(address(10_000))).isTrue();
  }

  @Test
  void idleEntriesAreSweptOncePerWindow() throws Exception {
    AuthRateLimiter limiter = limiter(LIMIT, 100_000);
    for (int n = 1; n <= 50; n++) {
      limiter.recordFailure(address(n));
    }
    assertThat(limiter.trackedAddresses()).isEqualTo(50);
    advance(Duration.ofSeconds(61));
    limiter.recordFailure(address(999));
    assertThat(limiter.trackedAddresses()).isEqualTo(1);
  }

  @Test
  void zeroMaxFailuresDisablesTheLimiter() throws Exception {
    AuthRateLimiter limiter =
        limiter(new RateLimit(0, Duration.ofMinutes(1), Duration.ofMinutes(1)), 10);
    for (int i = 0; i < 10; i++) {
      assertThat(limiter.recordFailure(address(1))).isFalse();
    }
    assertThat(limiter.isBanned(address(1))).isFalse();
    assertThat(limiter.trackedAddresses()).isZero();
  }

  @Test
  void concurrentFailuresAreAllCountedAndBanExactlyOnce() throws Exception {
    AuthRateLimiter limiter =
        limiter(new RateLimit(1000, Duration.ofHours(1), Duration.ofHours(1)), 100);
    InetAddress client = address(7);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Integer>> tasks = new ArrayList<>();
      for (int t = 0; t < 10; t++) {
        tasks.add(() -> {
          int bans = 0;
          for (int i = 0; i < 100; i++) {
            bans += limiter.recordFailure(client) ? 1 : 0;
          }
          return bans;
        });
      }
      int bans = 0;
      for (Future<Integer> f : pool.invokeAll(tasks)) {
        bans += f.get();
      }
      assertThat(bans).isEqualTo(1);
      assertThat(limiter.isBanned(client)).isTrue();
    } finally {
      pool.shutdownNow();
    }
  }
}
