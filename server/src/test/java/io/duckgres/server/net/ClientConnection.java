package io.duckgres.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.duckgres.pgwire.FrameDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import org.opentest4j.AssertionFailedError;

/**
 * One client connection to the real server pipeline (the {@link FrameDecoder} and {@link
 * ConnectionHandler} that {@code DuckgresServer} installs), run on an {@link EmbeddedChannel}
 * instead of a socket. The test thread plays the I/O thread: it feeds the client's bytes in and
 * reads the server's bytes out.
 *
 * <p>Sessions run their statements on the session pool and write from there. An {@code
 * EmbeddedChannel} is not thread-safe (its event loop claims every thread as its own), so the
 * handler at the head of the pipeline takes over: writes from any thread land in a concurrent
 * queue instead of the channel's outbound buffer, and a close requested by a session thread is
 * handed to the test thread, which performs it the next time it waits for output. That keeps the
 * channel itself single-threaded, as Netty's real event loop would.
 */
final class ClientConnection implements AutoCloseable {
  /** The client's address: the startup protocol keys its brute-force limits on it. */
  static final InetSocketAddress CLIENT_ADDRESS =
      new InetSocketAddress(InetAddress.getLoopbackAddress(), 50432);
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** A backend message as received: type byte, then the body without type and length. */
  record Message(char type, byte[] body) {
    /** Type, length and body: the message's bytes exactly as they came over the wire. */
    byte[] wire() {
      ByteBuf out = Unpooled.buffer(5 + body.length);
      out.writeByte(type).writeInt(4 + body.length).writeBytes(body);
      return ByteBufUtil.getBytes(out);
    }

    /** ErrorResponse/NoticeResponse fields by code ('S', 'V', 'C', 'M', ...). */
    Map<Character, String> fields() {
      Map<Character, String> fields = new LinkedHashMap<>();
      int i = 0;
      while (i < body.length && body[i] != 0) {
        char code = (char) body[i++];
        int end = i;
        while (body[end] != 0) {
          end++;
        }
        fields.put(code, new String(body, i, end - i, StandardCharsets.UTF_8));
        i = end + 1;
      }
      return fields;
    }

    @Override
    public String toString() {
      return Conversation.describe(wire());
    }
  }

  private final Thread ioThread = Thread.currentThread();
  private final Queue<Runnable> handedOver = new ConcurrentLinkedQueue<>();
  private final Queue<ByteBuf> written = new ConcurrentLinkedQueue<>();
  private final ByteBuf received = Unpooled.buffer();
  private final List<ByteBuf> sent = new ArrayList<>();
  private final EmbeddedChannel channel;
  private volatile boolean closeRequested;

  ClientConnection(ServerContext context) {
    channel = new LoopbackChannel(new ServerOutput(),
        new FrameDecoder(context.config().maxMessageSize()), new ConnectionHandler(context));
  }

  EmbeddedChannel channel() {
    return channel;
  }

  boolean isOpen() {
    return channel.isOpen();
  }

  /** Sends bytes as one read; false (and nothing sent) once the server has closed. */
  boolean send(byte[] bytes) {
    pump();
    if (!channel.isOpen()) {
      return false;
    }
    ByteBuf input = Unpooled.buffer(bytes.length).writeBytes(bytes);
    sent.add(input);
    channel.writeInbound(input);
    pump();
    return true;
  }

  /** Waits for the next whole backend message and consumes it. */
  Message nextMessage() {
    return awaitMessage(true);
  }

  /** Waits for the next whole backend message without consuming it. */
  Message peekMessage() {
    return awaitMessage(false);
  }

  private Message awaitMessage(boolean consume) {
    return awaitOutput("a message", () -> {
      int start = received.readerIndex();
      if (received.readableBytes() < 5) {
        return null;
      }
      int length = received.getInt(start + 1);
      if (received.readableBytes() < 1 + length) {
        return null;
      }
      char type = (char) received.getByte(start);
      byte[] body = new byte[length - 4];
      received.getBytes(start + 5, body);
      if (consume) {
        received.skipBytes(1 + length);
        received.discardReadBytes();
      }
      return new Message(type, body);
    });
  }

  /** Waits for {@code count} bytes that are not a framed message (the answer to SSLRequest). */
  byte[] nextBytes(int count) {
    return awaitOutput(count + " bytes", () -> {
      if (received.readableBytes() < count) {
        return null;
      }
      byte[] bytes = new byte[count];
      received.readBytes(bytes);
      received.discardReadBytes();
      return bytes;
    });
  }

  /** Waits until the server has closed the connection. */
  void awaitClosed() {
    awaitOutput("the connection to close", () -> channel.isOpen() ? null : Boolean.TRUE);
  }

  /** Waits until the server has closed the connection and returns every message it sent. */
  List<Message> messagesUntilClosed() {
    awaitClosed();
    List<Message> messages = new ArrayList<>();
    while (received.readableBytes() >= 5) {
      messages.add(nextMessage());
    }
    assertThat(unread()).as("a partial message before the server closed").isEmpty();
    return messages;
  }

  /** Output received but not yet read by the test. */
  byte[] unread() {
    pump();
    return ByteBufUtil.getBytes(received);
  }

  private interface Poll<T> {
    T attempt();
  }

  private <T> T awaitOutput(String what, Poll<T> poll) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      pump();
      T result = poll.attempt();
      if (result != null) {
        return result;
      }
      if (!channel.isOpen() && written.isEmpty() && handedOver.isEmpty()) {
        throw new AssertionFailedError("connection closed while waiting for " + what
            + "; unread output: " + Conversation.describe(ByteBufUtil.getBytes(received)));
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionFailedError("no " + what + " within " + TIMEOUT + "; unread output: "
            + Conversation.describe(ByteBufUtil.getBytes(received)));
      }
      LockSupport.parkNanos(500_000);
    }
  }

  /** Does, on the test thread, what the I/O thread would: closes requested elsewhere, output. */
  private void pump() {
    Runnable task;
    while ((task = handedOver.poll()) != null) {
      task.run();
    }
    channel.runPendingTasks();
    ByteBuf batch;
    while ((batch = written.poll()) != null) {
      received.writeBytes(batch);
      batch.release();
    }
  }

  /**
   * Closes the client side, drops unread output and checks that every buffer the client sent was
   * released by the pipeline.
   */
  @Override
  public void close() {
    pump();
    if (channel.isOpen()) {
      channel.close();
    }
    channel.finishAndReleaseAll();
    pump();
    received.release();
    for (ByteBuf input : sent) {
      assertThat(input.refCnt()).as("client input released by the pipeline").isZero();
    }
  }

  /** Takes every outbound operation at the head of the pipeline (see the class comment). */
  private final class ServerOutput extends ChannelOutboundHandlerAdapter {
    @Override
    public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) {
      if (closeRequested) {
        ReferenceCountUtil.release(message);
        promise.tryFailure(new ClosedChannelException());
        return;
      }
      written.add((ByteBuf) message);
      promise.trySuccess();
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
      // Everything written is already in the queue the test reads.
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
      if (Thread.currentThread() == ioThread) {
        closeRequested = true;
        ctx.close(promise);
      } else {
        handedOver.add(() -> close(ctx, promise));
      }
    }
  }

  /** An embedded channel whose peer has an IP address, as a TCP client's would. */
  private static final class LoopbackChannel extends EmbeddedChannel {
    LoopbackChannel(ChannelHandler... handlers) {
      super(handlers);
    }

    @Override
    protected SocketAddress remoteAddress0() {
      return CLIENT_ADDRESS;
    }
  }
}
