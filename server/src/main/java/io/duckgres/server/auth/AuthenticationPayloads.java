package io.duckgres.server.auth;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads the bodies of the frontend messages that share type byte 'p' (PasswordMessage,
 * SASLInitialResponse, SASLResponse); only the session's authentication state says which one a
 * payload is, so the decoder hands them over raw and these functions give them meaning.
 * Text is decoded as strict UTF-8: SCRAM's AuthMessage is hashed over the exact bytes, so a lossy
 * decode would make a correct proof fail in a confusing way; invalid bytes are a protocol error.
 */
public final class AuthenticationPayloads {
  private AuthenticationPayloads() {}

  /**
   * SASLInitialResponse: {@code cstring mechanism | int32 length (-1: none) | bytes}.
   *
   * @param mechanism the SASL mechanism the client selected
   * @param clientFirstMessage the initial response decoded as UTF-8
   */
  public record SaslInitialResponse(String mechanism, String clientFirstMessage) {}

  /**
   * @throws AuthenticationProtocolException (08P01) if the payload is malformed or carries no
   *     initial response (allowed by SASL, but no PostgreSQL client omits it for SCRAM, and
   *     supporting it would need an extra empty AuthenticationSASLContinue round trip)
   */
  public static SaslInitialResponse saslInitialResponse(byte[] payload) {
    int nul = indexOfNul(payload, 0);
    if (nul < 0 || payload.length - nul - 1 < 4) {
      throw AuthenticationProtocolException.violation("malformed SASLInitialResponse message");
    }
    String mechanism = utf8(payload, 0, nul);
    int length = ByteBuffer.wrap(payload, nul + 1, 4).getInt();
    int dataStart = nul + 5;
    if (length == -1) {
      throw AuthenticationProtocolException.violation(
          "SASLInitialResponse without an initial response is not supported");
    }
    if (length != payload.length - dataStart) {
      throw AuthenticationProtocolException.violation("malformed SASLInitialResponse message");
    }
    return new SaslInitialResponse(mechanism, utf8(payload, dataStart, length));
  }

  /** SASLResponse: the whole body is the client-final-message. */
  public static String saslResponse(byte[] payload) {
    return utf8(payload, 0, payload.length);
  }

  /**
   * PasswordMessage: {@code cstring password}, the NUL being the last byte.
   *
   * @throws AuthenticationProtocolException (08P01) with PostgreSQL's "invalid password packet
   *     size" when the terminator is missing or not last
   */
  public static String passwordMessage(byte[] payload) {
    if (payload.length == 0 || indexOfNul(payload, 0) != payload.length - 1) {
      throw AuthenticationProtocolException.violation("invalid password packet size");
    }
    return utf8(payload, 0, payload.length - 1);
  }

  private static int indexOfNul(byte[] bytes, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        return i;
      }
    }
    return -1;
  }

  private static String utf8(byte[] bytes, int offset, int length) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, offset, length))
          .toString();
    } catch (CharacterCodingException e) {
      throw AuthenticationProtocolException.violation(
          "invalid byte sequence for encoding \"UTF8\" in authentication message");
    }
  }
}
