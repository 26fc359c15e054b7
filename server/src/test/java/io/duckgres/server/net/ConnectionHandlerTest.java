package io.duckgres.server.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.duckgres.pgwire.FrameDecoder;
import io.duckgres.server.ServerConfig;
import io.duckgres.server.net.ClientConnection.Message;
import io.duckgres.server.session.Session;
import io.netty.buffer.Unpooled;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conversations with the connection handler that a byte fixture cannot express: values chosen at
 * run time (BackendKeyData), TLS, timers, two connections at once (cancel, brute-force ban), and
 * the server's own bookkeeping (the session registry).
 */
class ConnectionHandlerTest {
  private static final String STARTUP = "0000003f 00030000 'user' 00 'postgres' 00"
      + " 'database' 00 'postgres' 00 'application_name' 00 'psql' 00 00";
  private static final String PASSWORD = "70 0000000d 'postgres' 00";
  private static final String SSL_REQUEST = "00000008 04d2162f";
  private static final String TERMINATE = "58 00000004";

  @TempDir static Path dataDir;
  private static TestServer server;
  private final List<ClientConnection> clients = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    server = new TestServer(dataDir);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    server.close();
  }

  @AfterEach
  void closeClients() {
    clients.forEach(ClientConnection::close);
  }

  private ClientConnection connect(ServerContext context) {
    ClientConnection client = new ClientConnection(context);
    clients.add(client);
    return client;
  }

  private static void send(ClientConnection client, String... specs) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (String spec : specs) {
      bytes.writeBytes(Conversation.bytes(spec));
    }
    assertThat(client.send(bytes.toByteArray())).as("server still listening").isTrue();
  }

  /** Logs in as postgres/postgres and returns every message up to the first ReadyForQuery. */
  private static List<Message> login(ClientConnection client) {
    send(client, STARTUP);
    assertThat(client.nextMessage().toString()).isEqualTo("52 00000008 00 00 00 03");
    send(client, PASSWORD);
    return untilReady(client);
  }

  private static List<Message> untilReady(ClientConnection client) {
    List<Message> messages = new ArrayList<>();
    Message message;
    do {
      message = client.nextMessage();
      messages.add(message);
    } while (message.type() != 'Z');
    return messages;
  }

  private static String query(String sql) {
    byte[] text = sql.getBytes(StandardCharsets.UTF_8);
    return String.format("51 %08x '%s' 00", text.length + 5, sql);
  }

  private static void awaitTrue(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + ClientConnection.TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for %s", what).isLessThan(deadline);
      Thread.onSpinWait();
    }
  }

  @Test
  void loginReportsParametersAndARegisteredBackendKey() {
    ServerContext context = server.newContext();
    ClientConnection client = connect(context);

    List<Message> messages = login(client);

    assertThat(messages.get(0).toString()).as("AuthenticationOk")
        .isEqualTo("52 00000008 00 00 00 00");
    Map<String, String> parameters = new LinkedHashMap<>();
    messages.stream().filter(m -> m.type() == 'S').forEach(m -> {
      String[] nameAndValue = new String(m.body(), StandardCharsets.UTF_8)
          .split("\0", -1);
      parameters.put(nameAndValue[0], nameAndValue[1]);
    });
    // The parameters PostgreSQL reports at start-up (docs, "ParameterStatus"), that drivers read.
    assertThat(parameters).containsKeys("server_version", "server_encoding", "client_encoding",
        "application_name", "default_transaction_read_only", "in_hot_standby", "is_superuser",
        "session_authorization", "DateStyle", "IntervalStyle", "TimeZone", "integer_datetimes",
        "standard_conforming_strings");
    assertThat(parameters).contains(entry("server_encoding", "UTF8"),
        entry("client_encoding", "UTF8"), entry("application_name", "psql"),
        entry("DateStyle", "ISO, MDY"), entry("integer_datetimes", "on"),
        entry("standard_conforming_strings", "on"));
    assertThat(parameters.get("server_version")).matches("\\d+\\.\\d+.*");

    Message keyData = messages.get(messages.size() - 2);
    assertThat(keyData.type()).isEqualTo('K');
    int processId = Unpooled.wrappedBuffer(keyData.body()).getInt(0);
    int secretKey = Unpooled.wrappedBuffer(keyData.body()).getInt(4);
    assertThat(processId).isEqualTo(TestServer.FIRST_PROCESS_ID);
    assertThat(context.sessions().forCancel(processId, secretKey)).isNotNull();
    assertThat(messages.get(messages.size() - 1).toString()).isEqualTo("5a 00000005 49");
  }

  @Test
  void terminateEndsTheSessionAndUnregistersIt() {
    ServerContext context = server.newContext();
    ClientConnection client = connect(context);
    login(client);
    assertThat(context.sessions().size()).isEqualTo(1);

    send(client, TERMINATE);

    client.awaitClosed();
    assertThat(context.sessions().size()).isZero();
  }

  @Test
  void clientHangingUpUnregistersTheSession() {
    ServerContext context = server.newContext();
    ClientConnection client = connect(context);
    login(client);

    client.channel().close();

    assertThat(client.isOpen()).isFalse();
    assertThat(context.sessions().size()).isZero();
  }

  @Test
  void sslRequestIsAnsweredSAndTlsStartsBeforeTheStartupMessage() {
    ClientConnection client = connect(server.newContext());

    send(client, SSL_REQUEST);

    assertThat(client.nextBytes(1)).containsExactly('S');
    assertThat(client.channel().pipeline().first()).isInstanceOf(SslHandler.class);
    assertThat(client.channel().pipeline().get(FrameDecoder.class).inStartupPhase()).isTrue();
  }

  @Test
  void bytesPipelinedAfterSslRequestAreRefusedBeforeTls() {
    // They would otherwise be read as if they had come over TLS (CVE-2021-23214).
    ClientConnection client = connect(server.newContext());

    send(client, SSL_REQUEST, STARTUP);

    Message error = client.nextMessage();
    assertThat(error.fields()).contains(entry('S', "FATAL"), entry('C', "08P01"),
        entry('M', "received unencrypted data after SSL request"));
    client.awaitClosed();
    assertThat(client.unread()).isEmpty();
    assertThat(client.channel().pipeline().get(SslHandler.class)).isNull();
  }

  @Test
  void plaintextStartupIsRefusedWhenTlsIsRequired() {
    ClientConnection client = connect(server.newContext(config -> new ServerConfig(
        config.host(), config.port(), config.dataDir(), null, null, false, config.authMethod(),
        config.users(), config.idleTimeout(), null, config.threads(), config.rateLimit(),
        config.maxMessageSize(), config.shutdownTimeout(), config.extensions(), null, null)));

    send(client, STARTUP);

    assertThat(client.nextMessage().fields()).contains(entry('S', "FATAL"), entry('C', "28000"),
        entry('M', "SSL/TLS is required: connect with sslmode=require (unencrypted connection"
            + " for user \"postgres\" refused)"));
    client.awaitClosed();
  }

  @Test
  void scramIsOfferedWhenConfigured() {
    ClientConnection client = connect(server.newContext(config -> new ServerConfig(
        config.host(), config.port(), config.dataDir(), null, null, true,
        ServerConfig.AuthMethod.SCRAM_SHA_256, config.users(), config.idleTimeout(), null,
        config.threads(), config.rateLimit(), config.maxMessageSize(), config.shutdownTimeout(),
        config.extensions(), null, null)));

    send(client, STARTUP);

    // AuthenticationSASL: int32 10, mechanism list ended by an empty string
    assertThat(client.nextMessage().toString())
        .isEqualTo("52 00000017 00 00 00 0a 'SCRAM-SHA-256' 00 00");
  }

  @Test
  void repeatedFailedLoginsBanTheAddressEvenForTheRightPassword() {
    ServerContext context = server.newContext();
    int maxFailures = context.config().rateLimit().maxFailures();
    for (int i = 0; i < maxFailures; i++) {
      ClientConnection client = connect(context);
      send(client, STARTUP);
      client.nextMessage();
      send(client, "70 0000000a 'wrong' 00");
      assertThat(client.nextMessage().fields()).contains(entry('C', "28P01"));
      client.awaitClosed();
    }

    ClientConnection banned = connect(context);
    send(banned, STARTUP);

    assertThat(banned.nextMessage().fields()).contains(entry('S', "FATAL"), entry('C', "28000"),
        entry('M', "too many failed authentication attempts from this address; try again later"));
    banned.awaitClosed();
  }

  @Test
  void cancelRequestWithTheRightKeyCancelsTheRunningStatement() {
    ServerContext context = server.newContext();
    ClientConnection client = connect(context);
    List<Message> messages = login(client);
    byte[] key = messages.get(messages.size() - 2).body();
    Session session = context.sessions().forCancel(
        Unpooled.wrappedBuffer(key).getInt(0), Unpooled.wrappedBuffer(key).getInt(4));

    send(client, query("select count(*) from range(100000000000) a, range(1000) b"));
    awaitTrue("the statement to run", session::isBusy);
    ClientConnection canceller = connect(context);
    send(canceller, "00000010 04d2162e", Conversation.HEX.formatHex(key));

    canceller.awaitClosed();
    assertThat(canceller.unread()).as("a CancelRequest is never answered").isEmpty();
    Message error = client.nextMessage();
    assertThat(error.fields()).contains(entry('S', "ERROR"), entry('C', "57014"),
        entry('M', "canceling statement due to user request"));
    assertThat(client.nextMessage().toString()).isEqualTo("5a 00000005 49");
  }

  @Test
  void cancelRequestWithAWrongKeyChangesNothing() {
    ServerContext context = server.newContext();
    ClientConnection client = connect(context);
    List<Message> messages = login(client);
    byte[] key = messages.get(messages.size() - 2).body().clone();
    key[7] ^= 1;

    ClientConnection canceller = connect(context);
    send(canceller, "00000010 04d2162e", Conversation.HEX.formatHex(key));
    canceller.awaitClosed();

    send(client, query("select 1"));
    assertThat(untilReady(client)).extracting(Message::type).containsExactly('T', 'D', 'C', 'Z');
  }

  @Test
  void connectionThatNeverFinishesStartupIsClosedAfterTheTimeout() {
    ClientConnection client = connect(server.newContext());
    client.channel().freezeTime();
    send(client, "0000003f 0003"); // half a StartupMessage, then silence

    client.channel().advanceTimeBy(ConnectionHandler.STARTUP_TIMEOUT_SECONDS - 1, TimeUnit.SECONDS);
    client.channel().runScheduledPendingTasks();
    assertThat(client.isOpen()).isTrue();

    client.channel().advanceTimeBy(2, TimeUnit.SECONDS);
    client.channel().runScheduledPendingTasks();
    assertThat(client.isOpen()).isFalse();
  }

  @Test
  void startupTimeoutDoesNotEndAnAuthenticatedSession() {
    ClientConnection client = connect(server.newContext());
    client.channel().freezeTime();
    login(client);

    client.channel().advanceTimeBy(ConnectionHandler.STARTUP_TIMEOUT_SECONDS + 1, TimeUnit.SECONDS);
    client.channel().runScheduledPendingTasks();

    assertThat(client.isOpen()).isTrue();
    send(client, query("select 1"));
    assertThat(untilReady(client)).extracting(Message::type).containsExactly('T', 'D', 'C', 'Z');
  }

  @Test
  void idleSessionIsEndedWithFatal57P05() {
    ServerContext context = server.newContext();
    ClientConnection client = connect(context);
    login(client);

    client.channel().pipeline()
        .fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);

    assertThat(client.nextMessage().fields()).contains(entry('S', "FATAL"), entry('C', "57P05"),
        entry('M', "terminating connection due to idle-session timeout"));
    client.awaitClosed();
    assertThat(context.sessions().size()).isZero();
  }

  @Test
  void pipelinedProtocolViolationComesAfterEarlierReplies() {
    ClientConnection client = connect(server.newContext());

    send(client, STARTUP, PASSWORD, query("select 1"), "71 00000004");

    List<Message> messages = client.messagesUntilClosed();
    String types = messages.stream().map(m -> String.valueOf(m.type()))
        .collect(Collectors.joining());
    assertThat(types).as("message types").matches("RRS+KZTDCZE");
    assertThat(messages.get(messages.size() - 1).fields()).contains(entry('S', "FATAL"),
        entry('C', "08P01"), entry('M', "invalid frontend message type 113"));
  }

  @Test
  void unknownUserOpensNoDatabaseWhileAuthenticating() {
    // A known user's database starts opening as soon as the startup message arrives; a name that
    // is not configured must never reach the database manager (it would create a file).
    ClientConnection client = connect(server.newContext());
    send(client, "00000027 00030000 'user' 00 'mallory' 00 'database' 00 'mallory' 00 00");
    assertThat(client.nextMessage().toString()).isEqualTo("52 00000008 00 00 00 03");
    send(client, "70 0000000a 'wrong' 00");

    List<Message> messages = client.messagesUntilClosed();
    assertThat(messages.get(messages.size() - 1).fields()).contains(entry('C', "28P01"));
    assertThat(dataDir.resolve("mallory.duckdb")).doesNotExist();
  }
}
