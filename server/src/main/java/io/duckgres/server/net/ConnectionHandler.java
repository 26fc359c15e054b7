package io.duckgres.server.net;

import io.duckgres.pgwire.BackendMessages;
import io.duckgres.pgwire.Frame;
import io.duckgres.pgwire.FrameDecoder;
import io.duckgres.pgwire.FrontendMessage;
import io.duckgres.pgwire.FrontendMessageDecoder;
import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import io.duckgres.server.session.Session;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection on its I/O thread (the connection's own loop, see {@link
 * ConnectionLoops}). Until authentication completes it runs {@link StartupProtocol} (cheap,
 * non-blocking work); afterwards it only decodes messages and queues them on the {@link Session},
 * which runs them as tasks after the read.
 *
 * <p>Any protocol violation ends this connection alone with FATAL 08P01 and a log line.
 */
public final class ConnectionHandler extends SimpleChannelInboundHandler<Frame> {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionHandler.class);
  /** Like PostgreSQL's authentication_timeout: a client must finish startup within this. */
  static final long STARTUP_TIMEOUT_SECONDS = 60;

  private final ServerContext context;
  private final StartupProtocol startup;
  private Session session;
  /** Messages of the current read, handed to the session together at the end of the read. */
  private List<FrontendMessage> pending = new ArrayList<>(4);
  private ScheduledFuture<?> startupTimeout;
  private boolean closing;

  public ConnectionHandler(ServerContext context) {
    this.context = context;
    this.startup = new StartupProtocol(context, this);
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    startupTimeout = ctx.executor().schedule(() -> {
      if (session == null) {
        LOG.info("connection from {} did not complete startup in {}s", remote(ctx),
            STARTUP_TIMEOUT_SECONDS);
        ctx.close();
      }
    }, STARTUP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    super.channelActive(ctx);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
    if (closing) {
      return;
    }
    FrontendMessage message = FrontendMessageDecoder.decode(frame);
    if (session != null) {
      pending.add(message);
    } else {
      startup.handle(ctx, message);
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
    handOver();
    super.channelReadComplete(ctx);
  }

  /** Queues the messages of this read on the session, as one task. */
  private void handOver() {
    if (pending.isEmpty() || session == null) {
      return;
    }
    List<FrontendMessage> messages = pending;
    pending = new ArrayList<>(4);
    session.receive(messages);
  }

  /** Called by the startup protocol once the client is authenticated. */
  void authenticated(Session authenticated) {
    session = authenticated;
    if (startupTimeout != null) {
      startupTimeout.cancel(false);
    }
    context.sessions().add(authenticated);
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
    if (session != null) {
      session.writabilityChanged();
    }
    super.channelWritabilityChanged(ctx);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof IdleStateEvent && session != null && !session.isBusy()) {
      LOG.info("session {} idle for longer than {}, closing", session.identity().processId(),
          context.config().idleTimeout());
      session.terminate(PgException.fatal(SqlState.IDLE_SESSION_TIMEOUT,
          "terminating connection due to idle-session timeout"));
      return;
    }
    super.userEventTriggered(ctx, event);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (startupTimeout != null) {
      startupTimeout.cancel(false);
    }
    startup.releaseSlots();
    if (session == null) {
      startup.abandon();
    } else {
      // A client may send Terminate (or a last statement) and close at once.
      handOver();
      context.sessions().remove(session);
      session.disconnected();
      LOG.info("session {} of user {} from {} disconnected", session.identity().processId(),
          session.identity().user(), remote(ctx));
    }
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Throwable error = cause instanceof DecoderException && cause.getCause() != null
        ? cause.getCause()
        : cause;
    if (error instanceof PgException) {
      PgException pgError = (PgException) error;
      LOG.warn("connection from {} ended: {}", remote(ctx), pgError.getMessage());
      closing = true;
      if (session != null) {
        // The session may still be answering messages the client sent before the bad one:
        // PostgreSQL answers those first, in order, so the FATAL queues behind them.
        ctx.channel().config().setAutoRead(false);
        handOver();
        session.terminate(asFatal(pgError));
      } else {
        fatal(ctx, pgError);
      }
      return;
    }
    if (error instanceof IOException) {
      LOG.debug("connection from {} failed: {}", remote(ctx), error.toString());
    } else if (error instanceof javax.net.ssl.SSLException
        || error.getCause() instanceof javax.net.ssl.SSLException) {
      LOG.info("TLS failure from {}: {}", remote(ctx), error.getMessage());
    } else {
      LOG.warn("connection from {} failed", remote(ctx), error);
    }
    ctx.close();
  }

  /** Sends a FATAL ErrorResponse and closes the connection once it is written. */
  static void fatal(ChannelHandlerContext ctx, PgException error) {
    if (!ctx.channel().isActive()) {
      return;
    }
    PgException fatal = asFatal(error);
    ByteBuf out = ctx.alloc().buffer();
    BackendMessages.errorResponse(out, fatal);
    // Stop reading: whatever else this client sends is of no interest any more.
    ctx.channel().config().setAutoRead(false);
    ctx.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
  }

  private static PgException asFatal(PgException error) {
    return error.isFatal()
        ? error
        : new PgException(PgException.Severity.FATAL, error.sqlState(), error.getMessage(),
            error.detail(), error.hint(), 0, error);
  }

  static boolean isTls(ChannelHandlerContext ctx) {
    return ctx.pipeline().get(SslHandler.class) != null
        || ClientOrigin.encryptedUpstream(ctx.channel());
  }

  static FrameDecoder frameDecoder(ChannelHandlerContext ctx) {
    return ctx.pipeline().get(FrameDecoder.class);
  }

  static String remote(ChannelHandlerContext ctx) {
    InetSocketAddress address = ClientOrigin.address(ctx.channel());
    if (address != null) {
      return address.getAddress().getHostAddress() + ":" + address.getPort();
    }
    return String.valueOf(ctx.channel().remoteAddress());
  }
}
