package io.duckgres.server.operations;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /metrics} in Prometheus' text format, from the JDK's HTTP server, on 127.0.0.1 only:
 * the numbers are for the operator, not the network. Every process that has metrics (standalone
 * server, worker, control plane) serves them this way.
 */
public final class MetricsEndpoint {
  private static final Logger LOG = LoggerFactory.getLogger(MetricsEndpoint.class);

  private MetricsEndpoint() {}

  /** Starts serving {@code scrape}'s text on {@code port}; stop the returned server to end. */
  public static HttpServer serve(int port, Supplier<String> scrape) throws IOException {
    HttpServer http =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
    http.createContext("/metrics", exchange -> {
      byte[] body = scrape.get().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    http.start();
    LOG.info("metrics on http://127.0.0.1:{}/metrics", http.getAddress().getPort());
    return http;
  }
}
