package io.duckgres.controlplane.connection;

import io.duckgres.controlplane.pool.Placement;
import io.duckgres.controlplane.pool.WorkerPool;
import io.duckgres.controlplane.proto.Prelude;
import io.duckgres.controlplane.tenant.Tenant;
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
import io.netty.handler.ssl.SslHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control plane's part of one client connection: the first packets, and where the socket goes.
 *
 * <pre>
 * SSLRequest     -> choose a worker; answer 'S'; hand the socket over (the worker does TLS)
 * GSSENCRequest  -> 'N', read the next packet
 * CancelRequest  -> CancelQuery on the worker whose PID range holds the PID; close
 * StartupMessage -> TLS required: FATAL 28000 (standalone's words); otherwise hand the socket
 *                   over with the bytes read so far, which the worker replays
 * </pre>
 *
 * With tenants ({@link TenantRouting}) the worker must serve the connection's org, so the org is
 * found first:
 *
 * <pre>
 * SSLRequest     -> 'S'; read the ClientHello (bounded, however TCP cuts it)
 *   server name &lt;org&gt;.&lt;suffix&gt; -> an org worker; hand the raw socket over with the
 *                   ClientHello as replay bytes (the worker does TLS; nothing is relayed)
 *   no such name -> terminate TLS here, read the StartupMessage inside it, route by its
 *                   database, and relay the session to an org worker over a loopback pair
 *   an org that cannot be served -> terminate TLS here and answer its FATAL inside TLS
 * StartupMessage (plaintext allowed) -> route by database; hand over with the startup replayed
 * </pre>
 *
 * Looking up the org and binding a worker to it run on the hand-off executor, never here.
 */
public final class ConnectionPrelude extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionPrelude.class);
  /** Like PostgreSQL's authentication_timeout, for the part of startup that happens here. */
  static final Duration PRELUDE_TIMEOUT = Duration.ofSeconds(60);

  private enum Phase {
    /** Plain packets: SSLRequest, GSSENCRequest, CancelRequest, StartupMessage. */
    PRELUDE,
    /** 'S' answered here (tenants): the TLS ClientHello is arriving. */
    CLIENT_HELLO,
    /** TLS terminated here (tenants): packets arrive decrypted. */
    INSIDE_TLS
  }

  private final Handoff handoff;
  private final boolean allowPlaintext;
  private final PreludeLimiter limiter;
  private final TenantRouting tenants;
  private Phase phase = Phase.PRELUDE;
  private InetAddress counted;
  private ByteBuf buffered;
  private ScheduledFuture<?> timeout;
  private boolean decided;
  /** The org is being looked up: what arrives meanwhile is only kept. */
  private boolean routing;
  /** A FATAL to answer once the client's startup arrives inside TLS. */
  private PgException answerInsideTls;

  public ConnectionPrelude(Handoff handoff, boolean allowPlaintext, PreludeLimiter limiter) {
    this(handoff, allowPlaintext, limiter, null);
  }

  /** @param tenants routing to the org's workers, or null for any worker */
  public ConnectionPrelude(Handoff handoff, boolean allowPlaintext, PreludeLimiter limiter,
      TenantRouting tenants) {
    this.handoff = handoff;
    this.allowPlaintext = allowPlaintext;
    this.limiter = limiter;
    this.tenants = tenants;
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
    if (routing) {
      return;
    }
    try {
      if (phase == Phase.CLIENT_HELLO) {
        readClientHello(ctx);
      } else {
        readPackets(ctx);
      }
    } catch (PgException refused) {
      fatal(ctx, refused);
    }
  }

  private void readPackets(ChannelHandlerContext ctx) {
    while (!decided && phase != Phase.CLIENT_HELLO && buffered.readableBytes() >= 4) {
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
        if (phase == Phase.INSIDE_TLS) {
          throw PgException.fatal(SqlState.PROTOCOL_VIOLATION,
              "SSL request received on an encrypted connection");
        }
        if (buffered.readableBytes() > length) {
          // Bytes sent after SSLRequest but before 'S' would be read as if they came over TLS.
          throw PgException.fatal(SqlState.PROTOCOL_VIOLATION,
              "received unencrypted data after SSL request");
        }
        if (tenants == null) {
          decide(ctx);
          handoff.handOff(ctx.channel(), Prelude.SSL_ACCEPTED, new byte[0]);
        } else {
          buffered.skipBytes(length);
          phase = Phase.CLIENT_HELLO;
          ctx.writeAndFlush(ctx.alloc().buffer(1).writeByte('S'));
        }
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
      } else if (tenants == null) {
        startup(ctx, length);
      } else {
        tenantStartup(ctx, length);
      }
    }
  }

  private void startup(ChannelHandlerContext ctx, int length) {
    FrontendMessage.StartupMessage startup = startupMessage(length);
    String refusedUser = allowPlaintext ? null : plaintextUser(startup);
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
   * A startup with tenants, in the clear or inside TLS terminated here: its database names the
   * org. In the clear the socket goes to the worker with the startup replayed; inside TLS the
   * session is relayed.
   */
  private void tenantStartup(ChannelHandlerContext ctx, int length) {
    FrontendMessage.StartupMessage startup = startupMessage(length);
    if (answerInsideTls != null) {
      throw answerInsideTls;
    }
    boolean encrypted = phase == Phase.INSIDE_TLS;
    if (!encrypted && !allowPlaintext) {
      String user = plaintextUser(startup);
      LOG.info("refused plaintext connection from {} for user {}", remote(ctx.channel()), user);
      throw StartupErrors.plaintextRefused(user == null ? "" : user);
    }
    if (startup == null || startup.protocolVersion() != FrontendMessage.PROTOCOL_3_0) {
      throw PgException.fatal(SqlState.PROTOCOL_VIOLATION, "invalid startup packet");
    }
    String user = startup.parameters().get("user");
    if (user == null || user.isEmpty()) {
      throw PgException.fatal(SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
          "no PostgreSQL user name specified in startup packet");
    }
    String database = startup.parameters().getOrDefault("database", user);
    byte[] replay = ByteBufUtil.getBytes(buffered);
    Channel channel = ctx.channel();
    decide(ctx);
    route(ctx, () -> tenants.router.byDatabase(database), tenant -> {
      Placement placement = handoff.pool().forTenant(tenant);
      if (encrypted) {
        handoff.routed("relay");
        relay(channel, placement, replay);
      } else {
        handoff.routed("plaintext");
        handoff.handOff(channel, placement, Prelude.PLAINTEXT_STARTUP, replay,
            error -> Handoff.refuse(channel, error));
      }
    }, error -> Handoff.refuse(channel, error));
  }

  // ---- TLS with tenants ----

  private void readClientHello(ChannelHandlerContext ctx) {
    ClientHelloReader.Result result = ClientHelloReader.read(buffered);
    if (result instanceof ClientHelloReader.NeedMore) {
      return;
    }
    if (result instanceof ClientHelloReader.NotAClientHello refused) {
      LOG.info("connection from {} sent no TLS ClientHello after 'S': {}", remote(ctx.channel()),
          refused.why());
      decided = true;
      release();
      ctx.close();
      return;
    }
    String serverName = ((ClientHelloReader.Hello) result).serverName();
    String label = tenants.router.serverNameLabel(serverName);
    if (label == null) {
      terminateTls(ctx, null);
      return;
    }
    // Nothing more is read until the org's worker is known: then the socket goes there whole.
    ctx.channel().config().setAutoRead(false);
    routing = true;
    Channel channel = ctx.channel();
    route(ctx, () -> {
      Tenant tenant = tenants.router.byServerName(label);
      Placement placement = handoff.pool().forTenant(tenant);
      return new Placed(placement, placement.now().orElseGet(placement::await));
    }, placed -> {
      byte[] replay = ByteBufUtil.getBytes(buffered);
      decide(ctx);
      handoff.routed("sni");
      handoff.handOffTo(channel, placed.worker(), placed.placement(), Prelude.TLS_CLIENT_HELLO,
          replay);
    }, error -> {
      // The client is in its TLS handshake: it can read the error only inside TLS.
      routing = false;
      ctx.channel().config().setAutoRead(true);
      terminateTls(ctx, error);
    });
  }

  private record Placed(Placement placement, WorkerPool.WorkerRef worker) {}

  /**
   * Does the client's TLS handshake here: the ClientHello read so far goes through a new TLS
   * handler in front of this one, and what the client sends from then on arrives decrypted.
   */
  private void terminateTls(ChannelHandlerContext ctx, PgException answer) {
    answerInsideTls = answer;
    phase = Phase.INSIDE_TLS;
    SslHandler tls = tenants.tls.newHandler(ctx.alloc());
    ctx.pipeline().addBefore(ctx.name(), "tls", tls);
    ByteBuf hello = buffered;
    buffered = null;
    ctx.pipeline().fireChannelRead(hello);
    ctx.pipeline().fireChannelReadComplete();
  }

  /**
   * Relays a session whose TLS ends here: a loopback pair, its far end to the org's worker with
   * the client's address and startup as the note, and the near end joined to the client.
   */
  private void relay(Channel client, Placement placement, byte[] startup) {
    InetSocketAddress address = (InetSocketAddress) client.remoteAddress();
    Relay clientSide = new Relay();
    Relay nearSide = new Relay();
    client.pipeline().replace(this, "relay", clientSide);
    tenants.pairs.connect(client.eventLoop(), nearSide).whenComplete((pair, failed) -> {
      if (failed != null) {
        LOG.error("cannot relay the connection from {}: {}", remote(client), failed.toString());
        client.close();
        return;
      }
      tenants.relaying(client);
      Relay.join(client, clientSide, pair.near(), nearSide);
      byte[] note = new RelayedClient(address, startup).encode();
      client.eventLoop().execute(() -> handoff.handOff(pair.far(), placement,
          Prelude.RELAYED_STARTUP, note, error -> client.eventLoop().execute(() -> {
            // No worker: the pair goes, and the client reads why (inside its TLS).
            nearSide.detach();
            pair.far().close();
            pair.near().close();
            Handoff.refuse(client, error);
          })));
    });
  }

  /**
   * Looks the org up (and whatever else {@code lookup} does) on the hand-off executor, then
   * continues on this connection's event loop with the result or the client's FATAL.
   */
  private <T> void route(ChannelHandlerContext ctx, Supplier<T> lookup,
      java.util.function.Consumer<T> then, java.util.function.Consumer<PgException> refused) {
    Channel channel = ctx.channel();
    // Counted as in flight from here: a handover waits for it like for a hand-off.
    handoff.begin();
    boolean queued = handoff.offload(() -> {
      Runnable next;
      try {
        T found = lookup.get();
        next = () -> then.accept(found);
      } catch (PgException error) {
        next = () -> refused.accept(error);
      } catch (RuntimeException error) {
        LOG.error("routing the connection from {} failed: {}", remote(channel), error.toString());
        next = () -> refused.accept(StartupErrors.cannotConnectNow(
            "the tenant directory is not available; try again"));
      }
      Runnable continuation = next;
      channel.eventLoop().execute(() -> {
        try {
          continuation.run();
        } finally {
          handoff.end();
        }
      });
    });
    if (!queued) {
      handoff.end();
      LOG.warn("hand-off queue full; closing connection from {}", remote(channel));
      channel.close();
    }
  }

  // ---- startup packets ----

  /** The startup packet at the reader index, or null when it does not decode as one. */
  private FrontendMessage.StartupMessage startupMessage(int length) {
    Frame frame = new Frame(Frame.STARTUP,
        buffered.retainedSlice(buffered.readerIndex() + 4, length - 4));
    try {
      return FrontendMessageDecoder.decode(frame) instanceof FrontendMessage.StartupMessage startup
          ? startup : null;
    } catch (RuntimeException malformed) {
      return null;
    } finally {
      frame.release();
    }
  }

  /**
   * The user of a plain 3.0 startup packet, which is refused here when TLS is required. Null for
   * anything unusual (another version, _pq_ options, no user): the worker's startup code answers
   * those exactly as standalone does, including the refusal.
   */
  private static String plaintextUser(FrontendMessage.StartupMessage startup) {
    if (startup == null || startup.protocolVersion() != FrontendMessage.PROTOCOL_3_0) {
      return null;
    }
    String user = startup.parameters().get("user");
    boolean protocolOptions =
        startup.parameters().keySet().stream().anyMatch(name -> name.startsWith("_pq_."));
    return user == null || user.isEmpty() || protocolOptions ? null : user;
  }

  // ---- end of the prelude ----

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
