package io.duckgres.warehouse.api;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The admin console's page, script and style sheet, bundled into the jar at build time (see
 * {@code warehouse/src/main/console}); served without the token, as they hold no data: the page
 * asks for the token and every call it makes needs it.
 */
final class ConsoleAssets {
  static final String RESOURCE_DIRECTORY = "/io/duckgres/warehouse/console/";
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8",
      "js", "text/javascript; charset=utf-8",
      "css", "text/css; charset=utf-8",
      "svg", "image/svg+xml");

  private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

  /** {@code GET /console/} (the page) and {@code GET /console/{file}}. */
  void serve(Context ctx) {
    String name = ctx.pathParamMap().getOrDefault("file", "index.html");
    String extension = name.substring(name.lastIndexOf('.') + 1);
    String type = TYPES.get(extension);
    byte[] body = NAME.matcher(name).matches() && type != null ? read(name) : null;
    if (body == null) {
      throw new ApiException(404, name.equals("index.html")
          ? "the admin console is not in this build (its bundle is made by the Maven build)"
          : "no such file: /console/" + ProvisionValidator.printable(name));
    }
    // The page must never be framed by another site, nor load anything from elsewhere.
    ctx.header("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline';"
        + " img-src 'self' data:; frame-ancestors 'none'");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Cache-Control", "no-cache");
    ctx.status(200).contentType(type).result(body);
  }

  private byte[] read(String name) {
    byte[] cached = cache.get(name);
    if (cached != null) {
      return cached;
    }
    try (InputStream in = ConsoleAssets.class.getResourceAsStream(RESOURCE_DIRECTORY + name)) {
      if (in == null) {
        return null;
      }
      byte[] bytes = in.readAllBytes();
      cache.put(name, bytes);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
