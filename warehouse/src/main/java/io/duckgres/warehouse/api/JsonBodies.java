package io.duckgres.warehouse.api;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.stream.Collectors;

/**
 * Reads a request body as JSON, strictly: at most {@link #MAX_BODY_BYTES} (more is 413, checked
 * while reading, so a chunked body cannot slip past a missing Content-Length), unknown fields
 * refused, numbers not taken from strings. Messages name the field, never quote a value.
 */
final class JsonBodies {
  static final int MAX_BODY_BYTES = 64 * 1024;

  static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS);

  private JsonBodies() {}

  /** The body, or null when it is empty and {@code optional}. */
  static <T> T read(Context ctx, Class<T> type, boolean optional) {
    byte[] body = boundedBody(ctx);
    if (body.length == 0 || new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
      if (optional) {
        return null;
      }
      throw ApiException.badRequest("the body must be a JSON object");
    }
    try {
      return MAPPER.readValue(body, type);
    } catch (UnrecognizedPropertyException unknown) {
      throw ApiException.badRequest("unknown field '" + where(unknown) + "'");
    } catch (MismatchedInputException wrongType) {
      String field = where(wrongType);
      throw ApiException.badRequest(field.isEmpty() ? "the body must be a JSON object"
          : "field '" + field + "' has the wrong type");
    } catch (JacksonException malformed) {
      throw ApiException.badRequest("the body is not valid JSON");
    } catch (IOException e) {
      throw ApiException.badRequest("the body could not be read");
    }
  }

  private static byte[] boundedBody(Context ctx) {
    String length = ctx.header("Content-Length");
    if (length != null) {
      try {
        if (Long.parseLong(length.strip()) > MAX_BODY_BYTES) {
          throw tooLarge();
        }
      } catch (NumberFormatException ignored) {
        // Jetty refuses a malformed Content-Length before we get here.
      }
    }
    try (InputStream in = ctx.bodyInputStream()) {
      byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
      if (bytes.length > MAX_BODY_BYTES) {
        throw tooLarge();
      }
      return bytes;
    } catch (IOException e) {
      throw ApiException.badRequest("the body could not be read");
    }
  }

  static ApiException tooLarge() {
    return new ApiException(413, "the body is larger than " + MAX_BODY_BYTES / 1024 + " KiB");
  }

  /** {@code metadata_store.external.flavr}: the JSON path of the offending field. */
  private static String where(JsonMappingException e) {
    return e.getPath().stream()
        .map(reference -> reference.getFieldName() != null ? reference.getFieldName()
            : "[" + reference.getIndex() + "]")
        .collect(Collectors.joining("."));
  }
}
