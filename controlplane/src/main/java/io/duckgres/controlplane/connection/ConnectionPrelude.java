package io.duckgres.controlplane.connection;

import io.duckgres.controlplane.proto.Prelude;
import io.duckgres.pgwire.BackendMessages;
import io.duckgres.pgwire.Frame;
import io.duckgres.pgwire.FrameDecoder;
import io.duckgres.pgwire.FrontendMessage;
import io.duckgres.pgwire.FrontendMessageDecoder;
import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import io.duckgres.pgwire.StartupErrors;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control plane's part of one client connection: the first packet, and where the socket goes.
 *
 * <pre>
 * SSLRequest     -> choose a worker; answer 'S'; hand the socket over (the worker does TLS)
 * GSSENCRequest  -> 'N', read the next packet
 * CancelRequest  -> CancelQuery on the worker whose PID range holds the PID; close
 * StartupMessage -> TLS required: FATAL 28000 (standalone's words); otherwise hand the socket
 *                   over with the bytes read so far, which the worker replays
 * </pre>
 *
 * <p>The hand-off ({@link Handoff}) runs on event loops when a worker is free: 'S', deregistering
 * the channel from this process's epoll (so no event here can close the fd, and let the number be
 * reused, while it is in flight), the fd and its note to the worker, and on the worker's answer
 * closing this process's copy — no blocking call, no gRPC. Only waiting for a worker to start
 * runs on the executor.
 */
public final class ConnectionPrelude extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionPrelude.class);
  /** Like PostgreSQL's authentication_timeout, for the part of startup that happens here. */
  static final Duration PRELUDE_TIMEOUT = Duration.ofSeconds(60);

  private final Handoff handoff;
  private final boolean allowPlaintext;
  private final PreludeLimiter limiter;
  private InetAddress counted;
  private ByteBuf buffered;
  private ScheduledFuture<?> timeout;
  private boolean decided;

  public ConnectionPrelude(Handoff handoff, boolean allowPlaintext, PreludeLimiter limiter) {
    this.handoff = handoff;
    this.allowPlaintext = allowPlaintext;
    this.limiter = limiter;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    if (ctx.channel().remoteAddress() instanceof InetSocketAddress) {
      InetAddress address =
          ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
      if (!limiter.enter(address)) {
        LOG.warn("refused a connection from {}: {} connections from there are already starting",
            address.getHostAddress(), PreludeLimiter.MAX_PER_ADDRESS);
        fatal(ctx, PgException.fatal(SqlState.TOO_MANY_CONNECTIONS,
            "too many connections from this address are starting up; try again later"));
        return;
      }
      counted = address;
    }
    timeout = ctx.executor().schedule(() -> {
      if (!decided) {
        LOG.info("connection from {} sent no startup packet in {}s", remote(ctx.channel()),
            PRELUDE_TIMEOUT.toSeconds());
        ctx.close();
      }
    }, PRELUDE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    super.channelActive(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object message) {
    ByteBuf bytes = (ByteBuf) message;
    if (decided) {
      bytes.release();
      return;
    }
    if (buffered == null) {
      buffered = ctx.alloc().buffer(Math.max(64, bytes.readableBytes()));
    }
    buffered.writeBytes(bytes);
    bytes.release();
    try {
      readPackets(ctx);
    } catch (PgException refused) {
      fatal(ctx, refused);
    }
  }

  private void readPackets(ChannelHandlerContext ctx) {
    while (!decided && buffered.readableBytes() >= 4) {
      int length = buffered.getInt(buffered.readerIndex());
      if (length < 8 || length > FrameDecoder.MAX_STARTUP_PACKET_LENGTH) {
        throw PgException.fatal(SqlState.PROTOCOL_VIOLATION,
            "invalid length of startup packet: " + length);
      }
      if (buffered.readableBytes() < length) {
        return;
      }
      int code = buffered.getInt(buffered.readerIndex() + 4);
      if (code == FrontendMessage.SSL_REQUEST_CODE) {
        if (buffered.readableBytes() > length) {
          // Bytes sent after SSLRequest but before 'S' would be read as if they came over TLS.
          throw PgException.fatal(SqlState.PROTOCOL_VIOLATION,
              "received unencrypted data after SSL request");
        }
        decide(ctx);
        handoff.handOff(ctx.channel(), Prelude.SSL_ACCEPTED, new byte[0]);
      } else if (code == FrontendMessage.GSSENC_REQUEST_CODE) {
        buffered.skipBytes(length);
        ctx.writeAndFlush(ctx.alloc().buffer(1).writeByte('N'));
      } else if (code == FrontendMessage.CANCEL_REQUEST_CODE) {
        if (length != 16) {
          throw PgException.fatal(SqlState.PROTOCOL_VIOLATION, "invalid cancel request length");
        }
        int processId = buffered.getInt(buffered.readerIndex() + 8);
        int secretKey = buffered.getInt(buffered.readerIndex() + 12);
        decide(ctx);
        handoff.cancel(ctx.channel(), processId, secretKey);
      } else {
        startup(ctx, length);
      }
    }
  }

  private void startup(ChannelHandlerContext ctx, int length) {
    String refusedUser = allowPlaintext ? null : plaintextUser(length);
    if (refusedUser != null) {
      LOG.info("refused plaintext connection from {} for user {}", remote(ctx.channel()),
          refusedUser);
      throw StartupErrors.plaintextRefused(refusedUser);
    }
    // Everything read so far, the startup packet and whatever the client pipelined after it,
    // is the worker's to process.
    byte[] replay = ByteBufUtil.getBytes(buffered);
    decide(ctx);
    handoff.handOff(ctx.channel(), Prelude.PLAINTEXT_STARTUP, replay);
  }

  /**
   * The user of a plain 3.0 startup packet, which is refused here when TLS is required. Null for
   * anything unusual (another version, _pq_ options, no user): the worker's startup code answers
   * those exactly as standalone does, including the refusal.
   */
  private String plaintextUser(int length) {
    Frame frame = new Frame(Frame.STARTUP,
        buffered.retainedSlice(buffered.readerIndex() + 4, length - 4));
    FrontendMessage message;
    try {
      message = FrontendMessageDecoder.decode(frame);
    } catch (RuntimeException malformed) {
      return null;
    } finally {
      frame.release();
    }
    if (!(message instanceof FrontendMessage.StartupMessage startup)
        || startup.protocolVersion() != FrontendMessage.PROTOCOL_3_0) {
      return null;
    }
    String user = startup.parameters().get("user");
    boolean protocolOptions =
        startup.parameters().keySet().stream().anyMatch(name -> name.startsWith("_pq_."));
    return user == null || user.isEmpty() || protocolOptions ? null : user;
  }

  /** From here the connection is the hand-off's: read nothing more, no prelude timeout. */
  private void decide(ChannelHandlerContext ctx) {
    decided = true;
    leaveLimiter();
    // What the worker needs was copied out; a handed-off channel never sees channelInactive here.
    release();
    ctx.channel().config().setAutoRead(false);
    if (timeout != null) {
      timeout.cancel(false);
    }
  }

  private void fatal(ChannelHandlerContext ctx, PgException error) {
    decided = true;
    leaveLimiter();
    if (timeout != null) {
      timeout.cancel(false);
    }
    ctx.channel().config().setAutoRead(false);
    ByteBuf out = ctx.alloc().buffer();
    BackendMessages.errorResponse(out, error);
    ctx.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
  }

  private void leaveLimiter() {
    if (counted != null) {
      limiter.leave(counted);
      counted = null;
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    leaveLimiter();
    release();
    if (timeout != null) {
      timeout.cancel(false);
    }
    super.channelInactive(ctx);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    release();
  }

  private void release() {
    if (buffered != null) {
      buffered.release();
      buffered = null;
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug("connection from {} failed: {}", remote(ctx.channel()), cause.toString());
    ctx.close();
  }

  static String remote(Channel channel) {
    return String.valueOf(channel.remoteAddress());
  }
}
