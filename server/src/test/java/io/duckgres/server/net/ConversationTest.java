package io.duckgres.server.net;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays every conversation under {@code src/test/resources/conversations} through the server's
 * real pipeline and a real DuckDB, with the client's bytes cut into reads in several ways: as
 * written, one byte at a time, in random chunks, and all at once before the first answer.
 * The server must answer the same bytes whichever way its input arrives.
 *
 * <p>A conversation marked {@code @disabled} documents a known bug with the bytes PostgreSQL
 * would send; run with {@code -Dconversations.runDisabled=true} to replay it anyway.
 */
class ConversationTest {
  @TempDir static Path dataDir;
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = new TestServer(dataDir);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    server.close();
  }

  static Stream<Arguments> conversations() throws IOException, URISyntaxException {
    URL directory = ConversationTest.class.getResource("/conversations");
    List<String> names;
    try (Stream<Path> files = Files.list(Path.of(directory.toURI()))) {
      names = files.map(file -> file.getFileName().toString())
          .filter(name -> name.endsWith(".conv"))
          .sorted()
          .toList();
    }
    List<Conversation.Feeding> feedings = Stream.concat(
        Stream.of(Conversation.Feeding.LINES, Conversation.Feeding.BYTES,
            Conversation.Feeding.ALL_AT_ONCE),
        LongStream.rangeClosed(1, 3).mapToObj(Conversation.Feeding::randomChunks)).toList();
    return names.stream().flatMap(name -> feedings.stream()
        .map(feeding -> Arguments.of(name, feeding)));
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("conversations")
  void replay(String name, Conversation.Feeding feeding) {
    Conversation conversation = Conversation.load(name);
    String disabled = conversation.disabledReason(feeding);
    Assumptions.assumeTrue(disabled == null || Boolean.getBoolean("conversations.runDisabled"),
        disabled);
    try (ClientConnection client = new ClientConnection(server.newContext())) {
      conversation.replay(client, feeding);
    }
  }
}
