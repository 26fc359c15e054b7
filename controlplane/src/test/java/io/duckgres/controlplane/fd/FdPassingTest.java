package io.duckgres.controlplane.fd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duckgres.controlplane.Epoll;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.unix.FileDescriptor;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real SCM_RIGHTS over a real Unix socket (Netty epoll), within one process: an fd sent by {@link
 * FdSender} is found by {@link FdReceiver} under the name the sender returned, and is the same
 * open file (bytes written through it come out of the pipe it belongs to).
 */
class FdPassingTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  @TempDir Path dir;
  private EventLoopGroup group;
  private FdReceiver receiver;
  private FdSender sender;
  private FileDescriptor[] pipe;

  @BeforeEach
  void connect() throws Exception {
    group = Epoll.group(1, "fd-test");
    receiver = FdReceiver.bind(group, dir.resolve("w.fd"));
    sender = FdSender.connect(group, dir.resolve("w.fd"), TIMEOUT);
    pipe = FileDescriptor.pipe();
    FdSender.Sent sent = sender.send(pipe[1].intValue(), TIMEOUT);
    new FileDescriptor(receiver.take(sent.streamId(), sent.sequence(), TIMEOUT)).close();
    probe = sent.streamId();
  }

  @AfterEach
  void close() throws Exception {
    sender.close();
    receiver.close();
    pipe[0].close();
    pipe[1].close();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
  }

  @Test
  void fdsArriveUnderTheNamesTheSenderReturnedInAnyOrderOfClaiming() throws Exception {
    FdSender.Sent first = sender.send(pipe[1].intValue(), TIMEOUT);
    FdSender.Sent second = sender.send(pipe[1].intValue(), TIMEOUT);
    assertThat(second.streamId()).isEqualTo(first.streamId());
    assertThat(second.sequence()).isEqualTo(first.sequence() + 1);

    int secondFd = receiver.take(second.streamId(), second.sequence(), TIMEOUT);
    int firstFd = receiver.take(first.streamId(), first.sequence(), TIMEOUT);
    assertThat(firstFd).isNotEqualTo(pipe[1].intValue()).isNotEqualTo(secondFd);

    write(firstFd, "one ");
    write(secondFd, "two");
    assertThat(read(pipe[0], 7)).isEqualTo("one two");
    new FileDescriptor(firstFd).close();
    new FileDescriptor(secondFd).close();
  }

  @Test
  void aClaimMayComeBeforeItsFd() throws Exception {
    CompletableFuture<Integer> claimed = CompletableFuture.supplyAsync(() -> {
      try {
        return receiver.take(probe, 1, TIMEOUT);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    Thread.sleep(200);
    FdSender.Sent sent = sender.send(pipe[1].intValue(), TIMEOUT);
    assertThat(sent.sequence()).isEqualTo(1);
    int fd = claimed.get(10, TimeUnit.SECONDS);
    write(fd, "late");
    assertThat(read(pipe[0], 4)).isEqualTo("late");
    new FileDescriptor(fd).close();
  }

  @Test
  void aClaimForAnFdThatNeverComesTimesOut() {
    assertThatThrownBy(() -> receiver.take(12345, 0, Duration.ofMillis(200)))
        .isInstanceOf(TimeoutException.class);
  }

  @Test
  void eachConnectionIsItsOwnStream() throws Exception {
    try (FdSender other = FdSender.connect(group, dir.resolve("w.fd"), TIMEOUT)) {
      FdSender.Sent mine = sender.send(pipe[1].intValue(), TIMEOUT);
      FdSender.Sent theirs = other.send(pipe[1].intValue(), TIMEOUT);
      assertThat(theirs.streamId()).isNotEqualTo(mine.streamId());
      assertThat(theirs.sequence()).isZero();
      new FileDescriptor(receiver.take(mine.streamId(), mine.sequence(), TIMEOUT)).close();
      new FileDescriptor(receiver.take(theirs.streamId(), 0, TIMEOUT)).close();
    }
  }

  /** The sender's stream id, learnt from a first send (sequence 0) before each test. */
  private long probe;

  private static void write(int fd, String text) throws Exception {
    ByteBuffer buffer = ByteBuffer.allocateDirect(64);
    buffer.put(text.getBytes(StandardCharsets.US_ASCII)).flip();
    new FileDescriptor(fd).write(buffer, 0, buffer.limit());
  }

  private static String read(FileDescriptor fd, int length) throws Exception {
    ByteBuffer buffer = ByteBuffer.allocateDirect(64);
    int total = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (total < length && System.nanoTime() < deadline) {
      int n = fd.read(buffer, total, 64);
      if (n > 0) {
        total += n;
      }
    }
    byte[] bytes = new byte[total];
    buffer.get(0, bytes);
    return new String(bytes, StandardCharsets.US_ASCII);
  }
}
