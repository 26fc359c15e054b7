package io.duckgres.engine.ducklake;

import java.util.Locale;

/**
 * How DuckDB's httpfs reaches the object store that holds a lake's Parquet files. Either explicit
 * keys ({@code provider = config}) or the AWS credential chain ({@code provider =
 * credential_chain}: environment, profile, instance role; needs DuckDB's {@code aws} extension).
 *
 * @param endpoint host[:port] of an S3-compatible server, or null for AWS
 * @param accessKey access key id (provider config)
 * @param secretKey secret access key (provider config); never printed
 * @param region region, or null for httpfs's default
 * @param useSsl HTTPS (true) or plain HTTP; null for httpfs's default (HTTPS)
 * @param urlStyle {@code path} or {@code vhost}; null for httpfs's default
 * @param provider {@code config} or {@code credential_chain}; null picks config when an access key
 *     is given and credential_chain otherwise
 */
public record S3Settings(
    String endpoint,
    String accessKey,
    String secretKey,
    String region,
    Boolean useSsl,
    String urlStyle,
    String provider) {

  public static final String PROVIDER_CONFIG = "config";
  public static final String PROVIDER_CREDENTIAL_CHAIN = "credential_chain";

  public S3Settings {
    endpoint = blankToNull(endpoint);
    accessKey = blankToNull(accessKey);
    secretKey = blankToNull(secretKey);
    region = blankToNull(region);
    urlStyle = blankToNull(urlStyle);
    provider = blankToNull(provider);
    if (urlStyle != null) {
      urlStyle = urlStyle.toLowerCase(Locale.ROOT);
      if (!urlStyle.equals("path") && !urlStyle.equals("vhost")) {
        throw new IllegalArgumentException(
            "unknown S3 url style '" + urlStyle + "' (allowed: path, vhost)");
      }
    }
    if (provider != null) {
      provider = provider.toLowerCase(Locale.ROOT);
      if (!provider.equals(PROVIDER_CONFIG) && !provider.equals(PROVIDER_CREDENTIAL_CHAIN)) {
        throw new IllegalArgumentException(
            "unknown S3 provider '" + provider + "' (allowed: config, credential_chain)");
      }
    }
    if ((accessKey == null) != (secretKey == null)
        && !PROVIDER_CREDENTIAL_CHAIN.equals(provider)) {
      throw new IllegalArgumentException("S3 access key and secret key must be given together");
    }
  }

  /** Nothing set: the credential chain with httpfs's defaults. */
  public static S3Settings none() {
    return new S3Settings(null, null, null, null, null, null, null);
  }

  /** The provider in effect: explicit, else config with keys and credential_chain without. */
  public String effectiveProvider() {
    if (provider != null) {
      return provider;
    }
    return accessKey != null ? PROVIDER_CONFIG : PROVIDER_CREDENTIAL_CHAIN;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  /** Like the record's own, but the secret key is masked. */
  @Override
  public String toString() {
    return "S3Settings[endpoint=" + endpoint + ", accessKey=" + accessKey + ", secretKey="
        + (secretKey == null ? null : ConnectionStrings.MASK) + ", region=" + region
        + ", useSsl=" + useSsl + ", urlStyle=" + urlStyle + ", provider=" + effectiveProvider()
        + "]";
  }
}
