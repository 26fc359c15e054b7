package io.duckgres.controlplane.fd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duckgres.controlplane.unix.Epoll;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.unix.FileDescriptor;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real SCM_RIGHTS over a real Unix socket (Netty epoll), within one process: an fd handed off by
 * {@link FdSender} reaches the {@link FdReceiver}'s adopter with its own note (prelude, replay
 * bytes) and is the same open file (bytes written through it come out of the pipe it belongs
 * to); the sender learns the adopter's answer, a refusal, or the worker's end closing.
 */
class FdPassingTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  /** What the adopter saw, with the bytes it wrote through the fd it was given. */
  private record Adopted(int prelude, String replay) {}

  @TempDir Path dir;
  private EventLoopGroup group;
  /** The receiver's own loops: shutting them down is what a dying worker looks like. */
  private EventLoopGroup workerGroup;
  private FdReceiver receiver;
  private FdSender sender;
  private FileDescriptor[] pipe;
  private final List<Adopted> adopted = new CopyOnWriteArrayList<>();
  private volatile boolean refuse;

  @BeforeEach
  void connect() throws Exception {
    group = Epoll.group(2, "fd-test");
    workerGroup = Epoll.group(2, "fd-test-worker");
    receiver = FdReceiver.bind(workerGroup, dir.resolve("w.fd"), this::adopt);
    sender = FdSender.connect(group, dir.resolve("w.fd"), TIMEOUT, TIMEOUT);
    pipe = FileDescriptor.pipe();
  }

  /** Writes the replay bytes through the received fd (so they come out of our pipe), closes it. */
  private int adopt(int fd, int prelude, byte[] replay) {
    if (refuse) {
      throw new IllegalStateException("draining");
    }
    try {
      write(fd, new String(replay, StandardCharsets.US_ASCII));
      new FileDescriptor(fd).close();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    adopted.add(new Adopted(prelude, new String(replay, StandardCharsets.US_ASCII)));
    return adopted.size() * 10;
  }

  @AfterEach
  void close() throws Exception {
    sender.close();
    if (receiver != null) {
      receiver.close();
    }
    pipe[0].close();
    pipe[1].close();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    workerGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
  }

  @Test
  void eachFdArrivesWithItsOwnNoteAndTheAdoptersAnswerComesBack() throws Exception {
    CompletableFuture<Integer> first = sender.handOff(pipe[1].intValue(), 1, bytes("one "));
    CompletableFuture<Integer> second = sender.handOff(pipe[1].intValue(), 2, bytes("two"));

    assertThat(FdSender.await(first, TIMEOUT)).isEqualTo(10);
    assertThat(FdSender.await(second, TIMEOUT)).isEqualTo(20);
    assertThat(adopted).containsExactly(new Adopted(1, "one "), new Adopted(2, "two"));
    assertThat(read(pipe[0], 7)).isEqualTo("one two");
  }

  @Test
  void manyHandOffsInFlightEachFindTheirOwnNote() throws Exception {
    List<CompletableFuture<Integer>> answers = new CopyOnWriteArrayList<>();
    for (int i = 0; i < 20; i++) {
      answers.add(sender.handOff(pipe[1].intValue(), 1, bytes(Character.toString('a' + i))));
    }
    for (CompletableFuture<Integer> answer : answers) {
      FdSender.await(answer, TIMEOUT);
    }
    assertThat(read(pipe[0], 20)).isEqualTo("abcdefghijklmnopqrst");
  }

  @Test
  void aRefusalIsReportedAsSuch() {
    refuse = true;
    CompletableFuture<Integer> answer = sender.handOff(pipe[1].intValue(), 1, bytes("x"));
    assertThatThrownBy(() -> FdSender.await(answer, TIMEOUT))
        .isInstanceOfSatisfying(FdSender.HandOffException.class,
            e -> assertThat(e.failure()).isEqualTo(FdSender.Failure.REFUSED));
  }

  @Test
  void aWorkerGoneBeforeTheSendIsReportedAsNotSent() throws Exception {
    receiver.close();
    receiver = null;
    workerGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (sender.isOpen() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    CompletableFuture<Integer> answer = sender.handOff(pipe[1].intValue(), 1, bytes("x"));
    assertThatThrownBy(() -> FdSender.await(answer, TIMEOUT))
        .isInstanceOfSatisfying(FdSender.HandOffException.class,
            e -> assertThat(e.failure()).isEqualTo(FdSender.Failure.NOT_SENT));
    assertThat(adopted).isEmpty();
  }

  @Test
  void eachConnectionIsItsOwnStream() throws Exception {
    try (FdSender other = FdSender.connect(group, dir.resolve("w.fd"), TIMEOUT, TIMEOUT)) {
      CompletableFuture<Integer> mine = sender.handOff(pipe[1].intValue(), 1, bytes("a"));
      FdSender.await(mine, TIMEOUT);
      CompletableFuture<Integer> theirs = other.handOff(pipe[1].intValue(), 2, bytes("b"));
      FdSender.await(theirs, TIMEOUT);
      assertThat(adopted).containsExactly(new Adopted(1, "a"), new Adopted(2, "b"));
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

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
