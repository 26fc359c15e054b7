package io.duckgres.it.ducklake;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * A real S3-API server (s3proxy) on 127.0.0.1 with its filesystem backend: buckets are
 * directories under {@code root}, objects are files, and requests must be signed with the
 * access key and secret below, as httpfs signs them for AWS.
 */
final class ObjectStore implements AutoCloseable {
  static final String ACCESS_KEY = "duckgres-access";
  static final String SECRET_KEY = "duckgres-secret-key-0123456789";

  private final Path root;
  private final S3Proxy proxy;

  private ObjectStore(Path root, S3Proxy proxy) {
    this.root = root;
    this.proxy = proxy;
  }

  /** Starts the server with one empty bucket. */
  static ObjectStore start(Path root, String bucket) throws Exception {
    Files.createDirectories(root);
    FilesystemNio2BlobStore store = new FilesystemNio2BlobStore(root.toString());
    store.createContainer(bucket);
    S3Proxy proxy = S3Proxy.builder()
        .blobStore(store)
        .endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
        .jettyMaxThreads(16)
        .build();
    proxy.start();
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!"STARTED".equals(proxy.getState())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
      }
      Thread.sleep(10);
    }
    return new ObjectStore(root, proxy);
  }

  /** {@code 127.0.0.1:port}, as httpfs's ENDPOINT takes it. */
  String endpoint() {
    return "127.0.0.1:" + proxy.getPort();
  }

  /** Object keys under {@code bucket} that end with {@code suffix}. */
  List<String> objects(String bucket, String suffix) throws Exception {
    Path directory = root.resolve(bucket);
    try (Stream<Path> files = Files.walk(directory)) {
      return files.filter(Files::isRegularFile)
          .map(file -> directory.relativize(file).toString())
          .filter(key -> key.endsWith(suffix))
          .toList();
    }
  }

  @Override
  public void close() throws Exception {
    proxy.stop();
  }
}
