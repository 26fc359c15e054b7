package io.duckgres.controlplane.handover;

import io.duckgres.controlplane.unix.PrivateFiles;
import com.google.protobuf.InvalidProtocolBufferException;
import io.duckgres.controlplane.unix.Epoll;
import io.duckgres.controlplane.proto.HandoverState;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Control-plane handover over a Unix socket: a new control plane started with the same {@code
 * --handover-socket} takes the listening socket and the live workers from the running one, which
 * then exits. The listening socket is never closed on the way, so connection attempts in between
 * wait in its backlog instead of being refused; sessions on the workers are not touched.
 *
 * <pre>
 * new                                   old (listening on the handover socket)
 *  "HANDOVER/1"                    ->    stops listening here; freezes its pool (no restarts, no
 *                                        update); stops accepting; waits for hand-offs in flight
 *                                  <-    'S' + HandoverState (workers, next worker id) | 'E' + why
 *  connects to every worker, checks
 *  it, monitors it from now on
 *  (read mode: fds) "FD?"          ->
 *                                  <-    listening socket (SCM_RIGHTS)
 *  accepts on it; "DONE"           ->    forgets its workers, closes its copy, exits 0
 * </pre>
 *
 * A failure before DONE leaves the old control plane as it was (it accepts and monitors again).
 */
public final class Handover {
  private static final Logger LOG = LoggerFactory.getLogger(Handover.class);
  private static final byte[] REQUEST = "HANDOVER/1".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SEND_FD = "FD?".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DONE = "DONE".getBytes(StandardCharsets.US_ASCII);
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);

  private Handover() {}

  /** What the running control plane does during a handover. */
  public interface Predecessor {
    /** Freezes the pool, stops accepting, waits for hand-offs in flight; returns the workers. */
    HandoverState prepare() throws Exception;

    int listenerFd();

    /** The successor failed: accept and monitor again. */
    void resume();

    /** The successor accepts on the listening socket now: let go of everything and exit. */
    void completed();
  }

  /** What a successor does with what it receives. */
  public interface Successor {
    /** Takes over the workers (before any connection arrives for them). */
    void adopt(HandoverState state) throws Exception;

    /** Starts accepting on the received listening socket. */
    void listen(int listenerFd) throws Exception;
  }

  /** The running control plane's handover socket. */
  public static final class Listener implements AutoCloseable {
    private final EventLoopGroup group;
    private final Path path;
    private final Predecessor predecessor;
    private final AtomicBoolean busy = new AtomicBoolean();
    private volatile Channel server;

    private Listener(EventLoopGroup group, Path path, Predecessor predecessor) {
      this.group = group;
      this.path = path;
      this.predecessor = predecessor;
    }

    public static Listener listen(EventLoopGroup group, Path path, Predecessor predecessor)
        throws IOException {
      Listener listener = new Listener(group, path, predecessor);
      listener.bind();
      return listener;
    }

    private void bind() throws IOException {
      Files.createDirectories(path.toAbsolutePath().getParent());
      Files.deleteIfExists(path);
      ServerBootstrap bootstrap = new ServerBootstrap()
          .group(group)
          .channel(EpollServerDomainSocketChannel.class)
          .childHandler(new ChannelInitializer<EpollDomainSocketChannel>() {
            @Override
            protected void initChannel(EpollDomainSocketChannel channel) {
              UnixConversation.Feed feed = new UnixConversation.Feed();
              channel.pipeline().addLast(feed);
              UnixConversation conversation = feed.conversation(channel);
              if (!busy.compareAndSet(false, true)) {
                channel.close();
                return;
              }
              Thread thread = new Thread(() -> serve(conversation), "duckgres-handover");
              thread.setDaemon(true);
              thread.start();
            }
          });
      try {
        server = bootstrap.bind(new DomainSocketAddress(path.toFile())).sync().channel();
      } catch (Exception e) {
        throw new IOException("cannot listen on handover socket " + path + ": " + e.getMessage(),
            e);
      }
      PrivateFiles.socket(path);
      LOG.info("handover socket {}", path);
    }

    private void serve(UnixConversation conversation) {
      boolean prepared = false;
      try (conversation) {
        byte[] request = conversation.receive(Duration.ofSeconds(10));
        if (!Arrays.equals(request, REQUEST)) {
          LOG.warn("handover socket: unexpected request; ignored");
          busy.set(false);
          return;
        }
        LOG.info("a new control plane asks for a handover");
        // The successor listens here next; this socket file must be gone before it binds.
        closeServer();
        HandoverState state;
        try {
          state = predecessor.prepare();
          prepared = true;
        } catch (Exception e) {
          LOG.error("cannot hand over: {}", e.getMessage());
          conversation.send(("E" + e.getMessage()).getBytes(StandardCharsets.UTF_8));
          throw new IOException("handover refused: " + e.getMessage(), e);
        }
        byte[] described = state.toByteArray();
        byte[] frame = new byte[described.length + 1];
        frame[0] = 'S';
        System.arraycopy(described, 0, frame, 1, described.length);
        conversation.send(frame);
        if (!Arrays.equals(conversation.receive(STEP_TIMEOUT), SEND_FD)) {
          throw new IOException("the successor did not ask for the listening socket");
        }
        conversation.sendFileDescriptor(predecessor.listenerFd());
        if (!Arrays.equals(conversation.receive(STEP_TIMEOUT), DONE)) {
          throw new IOException("the successor did not confirm");
        }
        LOG.info("handover complete: {} workers now belong to the new control plane",
            state.getWorkersCount());
        predecessor.completed();
        return;
      } catch (IOException | RuntimeException e) {
        LOG.error("handover failed: {}; carrying on", e.getMessage());
      }
      if (prepared) {
        predecessor.resume();
      }
      try {
        if (server == null) {
          bind();
        }
      } catch (IOException e) {
        LOG.error("{}", e.getMessage());
      } finally {
        busy.set(false);
      }
    }

    private void closeServer() {
      Channel channel = server;
      if (channel != null) {
        channel.close().syncUninterruptibly();
        server = null;
      }
    }

    @Override
    public void close() {
      closeServer();
    }
  }

  /**
   * Asks the control plane on {@code path}, if any, for its listener and workers. Empty when no
   * control plane answers there (a stale socket file is removed): the caller starts fresh. Throws
   * when one answers but the handover fails.
   */
  public static boolean takeOver(Path path, Successor successor) throws IOException {
    if (!Files.exists(path)) {
      return false;
    }
    EventLoopGroup group = Epoll.group(1, "duckgres-handover-client");
    try {
      Optional<UnixConversation> connected = connect(group, path);
      if (connected.isEmpty()) {
        return false;
      }
      try (UnixConversation conversation = connected.get()) {
        LOG.info("taking over from the control plane on {}", path);
        conversation.send(REQUEST);
        byte[] answer = conversation.receive(STEP_TIMEOUT);
        if (answer.length == 0 || answer[0] != 'S') {
          throw new IOException("the running control plane refused the handover: "
              + new String(answer, 1, Math.max(0, answer.length - 1), StandardCharsets.UTF_8));
        }
        HandoverState state;
        try {
          state = HandoverState.parseFrom(Arrays.copyOfRange(answer, 1, answer.length));
        } catch (InvalidProtocolBufferException e) {
          throw new IOException("unreadable handover state: " + e.getMessage(), e);
        }
        try {
          successor.adopt(state);
        } catch (Exception e) {
          throw new IOException("taking over the workers failed: " + e.getMessage(), e);
        }
        conversation.expectFileDescriptor();
        conversation.send(SEND_FD);
        int listenerFd = conversation.receiveFileDescriptor(STEP_TIMEOUT);
        try {
          successor.listen(listenerFd);
        } catch (Exception e) {
          throw new IOException("cannot accept on the received socket: " + e.getMessage(), e);
        }
        conversation.send(DONE);
        return true;
      }
    } finally {
      group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  private static Optional<UnixConversation> connect(EventLoopGroup group, Path path)
      throws IOException {
    try {
      return Optional.of(UnixConversation.connect(group, path, Duration.ofSeconds(5)));
    } catch (IOException nobody) {
      LOG.info("no control plane answers on {} ({}); starting fresh", path, nobody.getMessage());
      Files.deleteIfExists(path);
      return Optional.empty();
    }
  }
}
