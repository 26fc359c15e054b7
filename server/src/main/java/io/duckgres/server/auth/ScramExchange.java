package io.duckgres.server.auth;

import io.duckgres.pgwire.auth.ScramCredential;
import io.duckgres.pgwire.auth.ScramCrypto;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The server side of one SCRAM-SHA-256 authentication attempt (RFC 5802, RFC 7677), as
 * PostgreSQL runs it (documentation, Frontend/Backend Protocol, "SASL Authentication":
 * https://www.postgresql.org/docs/current/sasl-authentication.html):
 *
 * <pre>
 *   S: AuthenticationSASL         "SCRAM-SHA-256"
 *   C: SASLInitialResponse        mechanism + client-first-message   -> {@link #serverFirst}
 *   S: AuthenticationSASLContinue server-first-message
 *   C: SASLResponse               client-final-message               -> {@link #serverFinal}
 *   S: AuthenticationSASLFinal    server-final-message ("v=..."), then AuthenticationOk
 * </pre>
 *
 * <p>PostgreSQL differences from plain RFC 5802 kept here: the user name inside client-first is
 * ignored (clients send "" or "*"; the startup message's user counts); we offer only
 * SCRAM-SHA-256, never -PLUS, so channel-binding flags 'n' and 'y' are accepted and 'p' is an
 * error; authzid and mandatory extensions are refused with 0A000.
 *
 * <p>A user that does not exist (or has no password) gets a mock credential from
 * {@link UserDirectory} and the exchange runs to the end with the same messages and the same work;
 * only the final step fails, with the same {@link AuthenticationFailedException} a wrong password
 * gets. States: awaiting client-first, awaiting client-final, finished; any exception finishes the
 * exchange. One exchange per connection attempt; not thread-safe.
 */
public final class ScramExchange {
  /** The only mechanism name we advertise in AuthenticationSASL. */
  public static final String MECHANISM = "SCRAM-SHA-256";
  /** PostgreSQL's {@code SCRAM_RAW_NONCE_LEN}; base64 makes it 24 characters. */
  static final int SERVER_NONCE_BYTES = 18;

  private enum State {
    AWAITING_CLIENT_FIRST,
    AWAITING_CLIENT_FINAL,
    FINISHED
  }

  private final String user;
  private final ScramCredential credential;
  private final String doomedReason;
  private final Supplier<String> serverNonce;

  private State state = State.AWAITING_CLIENT_FIRST;
  private String channelBinding;
  private String clientFirstBare;
  private String serverFirst;
  private String nonce;

  /**
   * @param doomedReason null for a real user; otherwise why this exchange must fail (server log
   *     only), and {@code credential} is a mock
   */
  ScramExchange(
      String user, ScramCredential credential, String doomedReason, Supplier<String> serverNonce) {
    this.user = Objects.requireNonNull(user, "user");
    this.credential = Objects.requireNonNull(credential, "credential");
    this.doomedReason = doomedReason;
    this.serverNonce = Objects.requireNonNull(serverNonce, "serverNonce");
  }

  static Supplier<String> randomNonces(SecureRandom random) {
    return () -> {
      byte[] raw = new byte[SERVER_NONCE_BYTES];
      random.nextBytes(raw);
      return Base64.getEncoder().encodeToString(raw);
    };
  }

  /** Refuses any mechanism but ours, with PostgreSQL's message (08P01). */
  public static void requireMechanism(String mechanism) {
    if (!MECHANISM.equals(mechanism)) {
      throw AuthenticationProtocolException.violation(
          "client selected an invalid SASL authentication mechanism");
    }
  }

  /** The user from the startup message this exchange authenticates. */
  public String user() {
    return user;
  }

  /**
   * Takes the client-first-message (the SASLInitialResponse data after the mechanism name) and
   * returns the server-first-message for AuthenticationSASLContinue.
   *
   * @throws AuthenticationProtocolException if the message is malformed (08P01) or asks for
   *     authzid or a mandatory extension (0A000)
   */
  public String serverFirst(String clientFirstMessage) {
    expect(State.AWAITING_CLIENT_FIRST);
    state = State.FINISHED; // until this step succeeds
    String message = checked(clientFirstMessage);
    char flag = message.charAt(0);
    if (flag == 'p') {
      throw AuthenticationProtocolException.malformedScram(
          "The client selected SCRAM-SHA-256 without channel binding, but the SCRAM message "
              + "includes channel binding data.");
    }
    if (flag != 'n' && flag != 'y') {
      throw AuthenticationProtocolException.malformedScram(
          "Unexpected channel-binding flag \"" + ScramMessageReader.sanitize(flag) + "\".");
    }
    char afterFlag = message.length() > 1 ? message.charAt(1) : '\0';
    if (afterFlag != ',') {
      throw AuthenticationProtocolException.malformedScram(
          "Comma expected, but found character \""
              + ScramMessageReader.sanitize(afterFlag) + "\".");
    }
    char afterHeader = message.length() > 2 ? message.charAt(2) : '\0';
    if (afterHeader == 'a') {
      throw AuthenticationProtocolException.unsupported(
          "client uses authorization identity, but it is not supported");
    }
    if (afterHeader != ',') {
      throw AuthenticationProtocolException.malformedScram(
          "Unexpected attribute \"" + ScramMessageReader.sanitize(afterHeader)
              + "\" in client-first-message.");
    }
    ScramMessageReader reader = new ScramMessageReader(message, 3);
    if (reader.peek() == 'm') {
      throw AuthenticationProtocolException.unsupported(
          "client requires an unsupported SCRAM extension");
    }
    reader.value('n'); // ignored, as in PostgreSQL: the startup message names the user
    String clientNonce = reader.value('r');
    if (!ScramMessageReader.isPrintable(clientNonce)) {
      throw AuthenticationProtocolException.violation("non-printable characters in SCRAM nonce");
    }
    while (!reader.atEnd()) {
      reader.anyAttribute(); // optional extensions: none supported, so ignored
    }
    // c= in client-final must repeat the GS2 header ("n,," or "y,,") in base64.
    channelBinding = b64(message.substring(0, 3).getBytes(StandardCharsets.US_ASCII));
    clientFirstBare = message.substring(3);
    nonce = clientNonce + serverNonce.get();
    serverFirst = "r=" + nonce + ",s=" + b64(credential.saltView())
        + ",i=" + credential.iterations();
    state = State.AWAITING_CLIENT_FINAL;
    return serverFirst;
  }

  /**
   * Takes the client-final-message (SASLResponse data), verifies the proof in constant time and
   * returns the server-final-message ({@code v=ServerSignature}) for AuthenticationSASLFinal.
   *
   * @throws AuthenticationProtocolException if the message is malformed or the nonce or
   *     channel-binding attribute does not match (08P01)
   * @throws AuthenticationFailedException if the proof is wrong or the user cannot log in (28P01)
   */
  public String serverFinal(String clientFinalMessage) {
    expect(State.AWAITING_CLIENT_FINAL);
    state = State.FINISHED;
    String message = checked(clientFinalMessage);
    ScramMessageReader reader = new ScramMessageReader(message, 0);
    if (!channelBinding.equals(reader.value('c'))) {
      throw AuthenticationProtocolException.violation(
          "unexpected SCRAM channel-binding attribute in client-final-message");
    }
    String finalNonce = reader.value('r');
    int proofStart;
    String proofText;
    while (true) { // extensions may precede the proof, which must come last
      proofStart = reader.position();
      if (reader.peek() == 'p') {
        proofText = reader.value('p');
        break;
      }
      reader.anyAttribute();
    }
    byte[] proof = decodeProof(proofText);
    if (!reader.atEnd()) {
      throw AuthenticationProtocolException.malformedScram(
          "Garbage found at the end of client-final-message.");
    }
    if (!nonce.equals(finalNonce)) {
      throw AuthenticationProtocolException.malformedScram("Nonce does not match.");
    }
    String withoutProof = message.substring(0, proofStart - 1);
    byte[] authMessage = (clientFirstBare + "," + serverFirst + "," + withoutProof)
        .getBytes(StandardCharsets.UTF_8);
    // ClientKey = ClientProof XOR HMAC(StoredKey, AuthMessage); valid if H(ClientKey) = StoredKey.
    byte[] clientSignature = ScramCrypto.hmac(credential.storedKeyView(), authMessage);
    byte[] clientKey = ScramCrypto.xor(proof, clientSignature);
    boolean proofMatches =
        ScramCrypto.constantTimeEquals(ScramCrypto.sha256(clientKey), credential.storedKeyView());
    if (doomedReason != null) {
      throw new AuthenticationFailedException(user, doomedReason);
    }
    if (!proofMatches) {
      throw new AuthenticationFailedException(
          user, "Password does not match for user \"" + user + "\".");
    }
    return "v=" + b64(ScramCrypto.hmac(credential.serverKeyView(), authMessage));
  }

  private void expect(State expected) {
    if (state != expected) {
      throw new IllegalStateException("SCRAM exchange is " + state + ", not " + expected);
    }
  }

  /** PostgreSQL's checks on every SASL message body before parsing it. */
  private static String checked(String message) {
    if (message == null || message.isEmpty()) {
      throw AuthenticationProtocolException.malformedScram("The message is empty.");
    }
    if (message.indexOf('\0') >= 0) {
      throw AuthenticationProtocolException.malformedScram(
          "Message length does not match input length.");
    }
    return message;
  }

  private static byte[] decodeProof(String text) {
    byte[] proof;
    try {
      proof = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      proof = new byte[0];
    }
    if (proof.length != ScramCrypto.KEY_LENGTH) {
      throw AuthenticationProtocolException.malformedScram(
          "Malformed proof in client-final-message.");
    }
    return proof;
  }

  private static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
