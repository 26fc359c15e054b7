package io.duckgres.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.opentest4j.AssertionFailedError;

/**
 * A client/server conversation written down byte for byte, in the style of QuestDB's pgwire
 * replay tests, and replayed against a {@link ClientConnection}. The text format, one step per
 * line:
 *
 * <pre>
 * # comment (also after a step)
 * &gt; 51 0000000d 'select 1' 00     client bytes
 * &lt; 5a 00000005 49                 the next backend message, exactly
 * &lt;* 53 ........ *                 zero or more next messages matching this pattern
 * &lt;! 4e                            bytes that are not a framed message (answer to SSLRequest)
 * &lt;closed                          the server closes the connection and sends nothing else
 * {@literal @}include login           the steps of conversations/login.inc
 * {@literal @}disabled all at once: bug: …  not replayed this way ("all": not at all)
 * </pre>
 *
 * Bytes are hex with free spacing, or {@code 'quoted'} text for its UTF-8 bytes (a NUL terminator
 * is always written out as {@code 00}, an apostrophe as {@code 27}). In expected messages {@code ..} stands for any one byte
 * ({@code ........} for an int32 whose value varies, such as a length around server-chosen text)
 * and a final {@code *} for the rest of the message. A message line must cover the whole message.
 */
final class Conversation {
  static final HexFormat HEX = HexFormat.of();

  sealed interface Step {
    int line();
  }

  record Send(byte[] bytes, String source, int line) implements Step {}

  record Expect(List<Token> pattern, boolean repeated, String source, int line) implements Step {}

  record ExpectRaw(byte[] bytes, String source, int line) implements Step {}

  record ExpectClosed(int line) implements Step {}

  /** One element of an expected message: fixed bytes, some bytes of any value, or the rest. */
  record Token(byte[] bytes, int any, boolean rest) {}

  private final String name;
  private final List<Step> steps;
  private final Map<String, String> disabled;

  private Conversation(String name, List<Step> steps, Map<String, String> disabled) {
    this.name = name;
    this.steps = steps;
    this.disabled = disabled;
  }

  /** Why this conversation is not replayed with {@code feeding}, or null when it is. */
  String disabledReason(Feeding feeding) {
    String reason = disabled.get(feeding.name().startsWith("random chunks") ? "random chunks"
        : feeding.name());
    return reason != null ? reason : disabled.get("all");
  }

  String name() {
    return name;
  }

  List<Step> steps() {
    return steps;
  }

  static Conversation load(String fileName) {
    List<Step> steps = new ArrayList<>();
    Map<String, String> disabled = new HashMap<>();
    parse(fileName, steps, disabled);
    if (steps.isEmpty() || !(steps.get(steps.size() - 1) instanceof ExpectClosed)) {
      throw new IllegalArgumentException(fileName + ": a conversation must end with <closed");
    }
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i) instanceof Expect expect && expect.repeated()
          && !(steps.get(i + 1) instanceof Expect)) {
        throw new IllegalArgumentException(fileName + ":" + expect.line()
            + ": <* must be followed by a message line");
      }
    }
    return new Conversation(fileName, List.copyOf(steps), disabled);
  }

  private static void parse(String fileName, List<Step> steps,
      Map<String, String> disabled) {
    String text;
    try (InputStream in = Conversation.class.getResourceAsStream("/conversations/" + fileName)) {
      if (in == null) {
        throw new IllegalArgumentException("no conversation " + fileName);
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      int number = i + 1;
      String line = withoutComment(lines[i]).strip();
      try {
        if (line.isEmpty()) {
          continue;
        } else if (line.startsWith("@include ")) {
          parse(line.substring("@include ".length()).strip() + ".inc", steps, disabled);
        } else if (line.startsWith("@disabled ")) {
          String rest = line.substring("@disabled ".length());
          int colon = rest.indexOf(':');
          String feeding = rest.substring(0, colon).strip();
          if (!List.of("all", "line by line", "byte by byte", "all at once", "random chunks")
              .contains(feeding)) {
            throw new IllegalArgumentException("unknown feeding " + feeding);
          }
          disabled.put(feeding, rest.substring(colon + 1).strip());
        } else if (line.startsWith(">")) {
          String source = line.substring(1).strip();
          steps.add(new Send(bytes(source), source, number));
        } else if (line.equals("<closed")) {
          steps.add(new ExpectClosed(number));
        } else if (line.startsWith("<!")) {
          String source = line.substring(2).strip();
          steps.add(new ExpectRaw(bytes(source), source, number));
        } else if (line.startsWith("<*")) {
          String source = line.substring(2).strip();
          steps.add(new Expect(pattern(source), true, source, number));
        } else if (line.startsWith("<")) {
          String source = line.substring(1).strip();
          steps.add(new Expect(pattern(source), false, source, number));
        } else {
          throw new IllegalArgumentException("unknown step");
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            fileName + ":" + number + ": " + e.getMessage() + ": " + lines[i], e);
      }
    }
  }

  private static String withoutComment(String line) {
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      } else if (c == '#' && !quoted) {
        return line.substring(0, i);
      }
    }
    return line;
  }

  static byte[] bytes(String source) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Token token : pattern(source)) {
      if (token.bytes() == null) {
        throw new IllegalArgumentException("wildcards only in expected messages");
      }
      out.writeBytes(token.bytes());
    }
    return out.toByteArray();
  }

  private static List<Token> pattern(String source) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    while (i < source.length()) {
      char c = source.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '\'') {
        int end = source.indexOf('\'', i + 1);
        if (end < 0) {
          throw new IllegalArgumentException("unterminated quote");
        }
        tokens.add(new Token(source.substring(i + 1, end).getBytes(StandardCharsets.UTF_8), 0,
            false));
        i = end + 1;
      } else if (c == '*') {
        if (!source.substring(i + 1).isBlank()) {
          throw new IllegalArgumentException("* must come last");
        }
        tokens.add(new Token(null, 0, true));
        i++;
      } else if (c == '.') {
        int end = i;
        while (end < source.length() && source.charAt(end) == '.') {
          end++;
        }
        if ((end - i) % 2 != 0) {
          throw new IllegalArgumentException("odd number of dots");
        }
        tokens.add(new Token(null, (end - i) / 2, false));
        i = end;
      } else {
        int end = i;
        while (end < source.length() && Character.digit(source.charAt(end), 16) >= 0) {
          end++;
        }
        if (end == i || (end - i) % 2 != 0) {
          throw new IllegalArgumentException("bad hex at column " + i);
        }
        tokens.add(new Token(HEX.parseHex(source, i, end), 0, false));
        i = end;
      }
    }
    return tokens;
  }

  static boolean matches(List<Token> pattern, byte[] actual) {
    int at = 0;
    for (Token token : pattern) {
      if (token.rest()) {
        return true;
      }
      if (token.bytes() == null) {
        at += token.any();
        if (at > actual.length) {
          return false;
        }
        continue;
      }
      for (byte b : token.bytes()) {
        if (at >= actual.length || actual[at++] != b) {
          return false;
        }
      }
    }
    return at == actual.length;
  }

  /**
   * Bytes in this file's own notation: printable runs quoted, the rest hex, a framed message's
   * type and length set apart; so a failure can be read, and pasted into a fixture.
   */
  static String describe(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    if (bytes.length >= 5) {
      out.append(HEX.toHexDigits(bytes[0])).append(' ')
          .append(HEX.formatHex(bytes, 1, 5)).append(' ');
      i = 5;
    }
    while (i < bytes.length) {
      int end = i;
      while (end < bytes.length && bytes[end] >= 0x20 && bytes[end] < 0x7f && bytes[end] != '\'') {
        end++;
      }
      if (end - i >= 2) {
        out.append('\'').append(new String(bytes, i, end - i, StandardCharsets.US_ASCII))
            .append("' ");
        i = end;
      } else {
        out.append(HEX.toHexDigits(bytes[i])).append(' ');
        i++;
      }
    }
    return out.toString().strip();
  }

  /** How the client's bytes are cut into reads. */
  record Feeding(String name, long seed) {
    /** Each {@code >} line is one read. */
    static final Feeding LINES = new Feeding("line by line", 0);
    /** Every byte is a read of its own. */
    static final Feeding BYTES = new Feeding("byte by byte", 0);
    /** The whole conversation in one read before any answer is awaited (pipelining). */
    static final Feeding ALL_AT_ONCE = new Feeding("all at once", 0);

    static Feeding randomChunks(long seed) {
      return new Feeding("random chunks, seed " + seed, seed);
    }

    List<byte[]> reads(List<byte[]> lines, Random random) {
      if (this == LINES) {
        return lines;
      }
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      lines.forEach(all::writeBytes);
      byte[] bytes = all.toByteArray();
      List<byte[]> reads = new ArrayList<>();
      int at = 0;
      while (at < bytes.length) {
        int size = this == BYTES ? 1
            : this == ALL_AT_ONCE ? bytes.length
            : 1 + random.nextInt(random.nextBoolean() ? 3 : 24);
        int end = Math.min(bytes.length, at + size);
        reads.add(Arrays.copyOfRange(bytes, at, end));
        at = end;
      }
      return reads;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** Plays the client's part and checks every answer of the server. */
  void replay(ClientConnection client, Feeding feeding) {
    Random random = new Random(feeding.seed());
    if (feeding == Feeding.ALL_AT_ONCE) {
      List<byte[]> everything = new ArrayList<>();
      steps.stream().filter(Send.class::isInstance).map(s -> ((Send) s).bytes())
          .forEach(everything::add);
      send(client, feeding.reads(everything, random));
    }
    List<byte[]> block = new ArrayList<>();
    for (Step step : steps) {
      if (step instanceof Send send) {
        if (feeding != Feeding.ALL_AT_ONCE) {
          block.add(send.bytes());
        }
        continue;
      }
      if (!block.isEmpty()) {
        send(client, feeding.reads(block, random));
        block.clear();
      }
      check(client, step);
    }
  }

  private static void send(ClientConnection client, List<byte[]> reads) {
    for (byte[] read : reads) {
      if (!client.send(read)) {
        return; // the server has hung up; the rest is never read, as over TCP
      }
    }
  }

  private void check(ClientConnection client, Step step) {
    if (step instanceof Expect expect) {
      if (expect.repeated()) {
        while (matches(expect.pattern(), client.peekMessage().wire())) {
          client.nextMessage();
        }
        return;
      }
      byte[] actual = client.nextMessage().wire();
      if (!matches(expect.pattern(), actual)) {
        throw mismatch(step, expect.source(), actual);
      }
    } else if (step instanceof ExpectRaw raw) {
      byte[] actual = client.nextBytes(raw.bytes().length);
      if (!Arrays.equals(raw.bytes(), actual)) {
        throw mismatch(step, raw.source(), actual);
      }
    } else if (step instanceof ExpectClosed) {
      client.awaitClosed();
      assertThat(describe(client.unread()))
          .as("%s:%d: nothing more before the server closed", name, step.line())
          .isEmpty();
    }
  }

  private AssertionFailedError mismatch(Step step, String expected, byte[] actual) {
    String got = describe(actual);
    return new AssertionFailedError(name + ":" + step.line() + ": unexpected server output"
        + "\n  expected: " + expected + "\n  but got:  " + got, expected, got);
  }
}
