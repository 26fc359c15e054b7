package io.duckgres.server.net;

import io.duckgres.engine.EngineSession;
import io.duckgres.pgwire.BackendMessages;
import io.duckgres.pgwire.FrameDecoder;
import io.duckgres.pgwire.FrontendMessage;
import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import io.duckgres.pgwire.StartupErrors;
import io.duckgres.server.ServerConfig;
import io.duckgres.server.auth.AuthenticationFailedException;
import io.duckgres.server.auth.AuthenticationPayloads;
import io.duckgres.server.auth.ScramExchange;
import io.duckgres.server.session.Session;
import io.duckgres.server.session.SessionIdentity;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslHandler;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connection start-up (PostgreSQL docs, "Start-up" and "SSL Session Encryption"), on the I/O
 * thread:
 *
 * <pre>
 * AWAIT_STARTUP  --SSLRequest-->   'S', TLS handshake, AWAIT_STARTUP
 *                --GSSENCRequest-> 'N', AWAIT_STARTUP
 *                --CancelRequest-> cancel the matching session, close
 *                --StartupMessage-> AWAIT_SASL_INITIAL | AWAIT_PASSWORD (or FATAL)
 * AWAIT_SASL_INITIAL --SASLInitialResponse--> SASLContinue, AWAIT_SASL_FINAL
 * AWAIT_SASL_FINAL   --SASLResponse--> SASLFinal, AuthenticationOk, session opens
 * AWAIT_PASSWORD     --PasswordMessage--> AuthenticationOk, session opens
 * </pre>
 *
 * For a configured user, the session's DuckDB connection starts opening on the session pool when
 * the StartupMessage arrives, so it is ready (or nearly) by the time authentication succeeds;
 * it is closed again if authentication fails or the client leaves.
 *
 * Wrong password and unknown user fail identically (28P01), and failures count towards the
 * per-address ban.
 */
final class StartupProtocol {
  private static final Logger LOG = LoggerFactory.getLogger(StartupProtocol.class);

  private enum State {
    AWAIT_STARTUP,
    AWAIT_SASL_INITIAL,
    AWAIT_SASL_FINAL,
    AWAIT_PASSWORD,
    DONE
  }

  private final ServerContext context;
  private final ConnectionHandler handler;
  private State state = State.AWAIT_STARTUP;
  private FrontendMessage.StartupMessage startupMessage;
  private String user;
  private ScramExchange scram;
  private SessionIdentity identity;
  /** The DuckDB side of the session, opening while the client authenticates; null until then. */
  private CompletableFuture<EngineSession> opening;
  /** Holds a server connection slot / one of the user's slots (released when the channel ends). */
  private boolean holdsSlot;
  private boolean holdsUserSlot;

  StartupProtocol(ServerContext context, ConnectionHandler handler) {
    this.context = context;
    this.handler = handler;
  }

  void handle(ChannelHandlerContext ctx, FrontendMessage message) {
    switch (state) {
      case AWAIT_STARTUP:
        startupPacket(ctx, message);
        break;
      case AWAIT_SASL_INITIAL:
        saslInitial(ctx, authenticationResponse(message));
        break;
      case AWAIT_SASL_FINAL:
        saslFinal(ctx, authenticationResponse(message));
        break;
      case AWAIT_PASSWORD:
        password(ctx, authenticationResponse(message));
        break;
      default:
        throw violation("unexpected message during authentication");
    }
  }

  private void startupPacket(ChannelHandlerContext ctx, FrontendMessage message) {
    if (message instanceof FrontendMessage.SslRequest) {
      sslRequest(ctx);
    } else if (message instanceof FrontendMessage.GssEncRequest) {
      ctx.writeAndFlush(ctx.alloc().buffer(1).writeByte('N'));
    } else if (message instanceof FrontendMessage.CancelRequest) {
      FrontendMessage.CancelRequest cancel = (FrontendMessage.CancelRequest) message;
      Session target = context.sessions().forCancel(cancel.processId(), cancel.secretKey());
      if (target != null) {
        LOG.info("cancel request for session {} from {}", cancel.processId(),
            ConnectionHandler.remote(ctx));
        target.cancel();
      }
      ctx.close();
    } else if (message instanceof FrontendMessage.StartupMessage) {
      startupMessage(ctx, (FrontendMessage.StartupMessage) message);
    } else {
      throw violation("expected a startup message");
    }
  }

  private void sslRequest(ChannelHandlerContext ctx) {
    if (ConnectionHandler.isTls(ctx)) {
      throw violation("SSL request received on an encrypted connection");
    }
    FrameDecoder decoder = ConnectionHandler.frameDecoder(ctx);
    if (decoder.bufferedBytes() > 0) {
      // Bytes sent after SSLRequest but before 'S' would be read as if they came over TLS.
      throw violation("received unencrypted data after SSL request");
    }
    ctx.writeAndFlush(ctx.alloc().buffer(1).writeByte('S'));
    SslHandler tls = context.sslContext().newHandler(ctx.alloc());
    ctx.pipeline().addFirst("tls", tls);
  }

  private void startupMessage(ChannelHandlerContext ctx, FrontendMessage.StartupMessage startup) {
    if (startup.majorVersion() != 3) {
      throw PgException.fatal(SqlState.FEATURE_NOT_SUPPORTED, String.format(
          "unsupported frontend protocol %d.%d: server supports 3.0 to 3.0",
          startup.majorVersion(), startup.minorVersion()));
    }
    List<String> unrecognized = new ArrayList<>();
    for (String name : startup.parameters().keySet()) {
      if (name.startsWith("_pq_.")) {
        unrecognized.add(name);
      }
    }
    if (startup.minorVersion() > 0 || !unrecognized.isEmpty()) {
      ByteBuf out = ctx.alloc().buffer();
      BackendMessages.negotiateProtocolVersion(out, 0, unrecognized);
      ctx.write(out);
    }
    startupMessage = startup;
    user = startup.parameters().get("user");
    if (user == null || user.isEmpty()) {
      throw PgException.fatal(SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
          "no PostgreSQL user name specified in startup packet");
    }
    if (!ConnectionHandler.isTls(ctx) && !context.config().allowPlaintext()) {
      LOG.info("refused plaintext connection from {} for user {}", ConnectionHandler.remote(ctx),
          user);
      throw StartupErrors.plaintextRefused(user);
    }
    String database = startup.parameters().getOrDefault("database", user);
    if (context.onlyDatabase() != null && !context.onlyDatabase().equals(database)) {
      LOG.info("refused connection from {} for database {}: this worker serves {} only",
          ConnectionHandler.remote(ctx), database, context.onlyDatabase());
      throw StartupErrors.databaseDoesNotExist(database);
    }
    if (context.rateLimiter().isBanned(clientAddress(ctx))) {
      throw PgException.fatal(SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
          "too many failed authentication attempts from this address; try again later");
    }
    context.slots().acquire();
    holdsSlot = true;
    if (context.users().scram(user).isPresent()) {
      // Only for a configured user: an unknown name must not open (or create) a database file.
      opening = Session.openEngine(context.databases(), databaseFile(),
          context.users().isSuperuser(user), identity(ctx), context.sessionPool(),
          serverValues());
    }
    ByteBuf out = ctx.alloc().buffer();
    if (context.config().authMethod() == ServerConfig.AuthMethod.SCRAM_SHA_256) {
      scram = context.users().newScramExchange(user);
      BackendMessages.authenticationSasl(out, List.of("SCRAM-SHA-256"));
      state = State.AWAIT_SASL_INITIAL;
    } else {
      BackendMessages.authenticationCleartextPassword(out);
      state = State.AWAIT_PASSWORD;
    }
    ctx.writeAndFlush(out);
  }

  private void saslInitial(ChannelHandlerContext ctx, byte[] payload) {
    AuthenticationPayloads.SaslInitialResponse initial =
        AuthenticationPayloads.saslInitialResponse(payload);
    ScramExchange.requireMechanism(initial.mechanism());
    String serverFirst = authenticate(ctx, () -> scram.serverFirst(initial.clientFirstMessage()));
    ByteBuf out = ctx.alloc().buffer();
    BackendMessages.authenticationSaslContinue(out, serverFirst.getBytes(StandardCharsets.UTF_8));
    ctx.writeAndFlush(out);
    state = State.AWAIT_SASL_FINAL;
  }

  private void saslFinal(ChannelHandlerContext ctx, byte[] payload) {
    String clientFinal = AuthenticationPayloads.saslResponse(payload);
    String serverFinal = authenticate(ctx, () -> scram.serverFinal(clientFinal));
    ByteBuf out = ctx.alloc().buffer();
    BackendMessages.authenticationSaslFinal(out, serverFinal.getBytes(StandardCharsets.UTF_8));
    ctx.write(out);
    succeed(ctx);
  }

  private void password(ChannelHandlerContext ctx, byte[] payload) {
    String password = AuthenticationPayloads.passwordMessage(payload);
    authenticate(ctx, () -> {
      context.users().requirePassword(user, password);
      return "";
    });
    succeed(ctx);
  }

  /** Runs one authentication step; a failure is counted, logged and sent as FATAL 28P01. */
  private String authenticate(ChannelHandlerContext ctx, java.util.function.Supplier<String> step) {
    try {
      return step.get();
    } catch (AuthenticationFailedException e) {
      InetAddress address = clientAddress(ctx);
      boolean banned = context.rateLimiter().recordFailure(address);
      io.duckgres.server.operations.Operations.process().metrics().authenticationFailed(banned);
      LOG.info("authentication failed for user {} from {}: {}{}", user,
          ConnectionHandler.remote(ctx), e.logDetail(), banned ? " (address now banned)" : "");
      throw e;
    }
  }

  private void succeed(ChannelHandlerContext ctx) {
    context.rateLimiter().recordSuccess(clientAddress(ctx));
    if (!context.users().isSuperuser(user)) {
      // Superusers are exempt from a role's connection limit, as in PostgreSQL.
      context.slots().acquire(user);
      holdsUserSlot = true;
    }
    state = State.DONE;
    ConnectionHandler.frameDecoder(ctx).authenticated();
    ByteBuf out = ctx.alloc().buffer();
    BackendMessages.authenticationOk(out);
    ctx.writeAndFlush(out);
    SessionIdentity identity = identity(ctx);
    Session session = new Session(ctx.channel(), identity, context.sessionPool());
    handler.authenticated(session);
    LOG.info("session {} started: user {} database {} from {}{}", identity.processId(), user,
        identity.database(), ConnectionHandler.remote(ctx),
        ConnectionHandler.isTls(ctx) ? " (TLS)" : "");
    if (opening == null) {
      session.open(Session.openEngine(context.databases(), databaseFile(),
          context.users().isSuperuser(user), identity, context.sessionPool(), serverValues()));
    } else {
      session.open(opening);
      opening = null;
    }
  }

  /**
   * The DuckDB database the session runs on: the user's own, or on a worker bound to one tenant,
   * the tenant's (one per org, shared by all its users).
   */
  private String databaseFile() {
    return context.onlyDatabase() != null ? context.onlyDatabase() : user;
  }

  /** Who the session is, fixed once the startup message has arrived. */
  private SessionIdentity identity(ChannelHandlerContext ctx) {
    if (identity == null) {
      Map<String, String> parameters = startupMessage.parameters();
      identity = new SessionIdentity(user, parameters.getOrDefault("database", user),
          parameters.getOrDefault("application_name", ""),
          ClientOrigin.address(ctx.channel()), context.sessions().nextProcessId(),
          context.sessions().newSecretKey(), parameters);
    }
    return identity;
  }

  /** Values of fixed run-time parameters the server decides for this user's sessions. */
  private Map<String, String> serverValues() {
    return Map.of("max_connections", Integer.toString(context.config().maxConnections()),
        "is_superuser", context.users().isSuperuser(user) ? "on" : "off");
  }

  /** The connection ended: its connection slots are free again. */
  void releaseSlots() {
    if (holdsSlot) {
      holdsSlot = false;
      context.slots().release();
    }
    if (holdsUserSlot) {
      holdsUserSlot = false;
      context.slots().release(user);
    }
  }

  /** The connection ended before authentication completed: release what opened meanwhile. */
  void abandon() {
    if (opening != null) {
      opening.thenAccept(EngineSession::close);
      opening = null;
    }
  }

  private static byte[] authenticationResponse(FrontendMessage message) {
    if (!(message instanceof FrontendMessage.AuthenticationResponse)) {
      throw violation("expected password response, got message type "
          + message.getClass().getSimpleName());
    }
    return ((FrontendMessage.AuthenticationResponse) message).payload();
  }

  private static InetAddress clientAddress(ChannelHandlerContext ctx) {
    return ClientOrigin.address(ctx.channel()).getAddress();
  }

  private static PgException violation(String message) {
    return PgException.fatal(SqlState.PROTOCOL_VIOLATION, message);
  }
}
