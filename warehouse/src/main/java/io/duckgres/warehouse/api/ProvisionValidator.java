package io.duckgres.warehouse.api;

import io.duckgres.engine.ducklake.MetadataStoreFlavor;
import io.duckgres.warehouse.store.DataStore;
import io.duckgres.warehouse.store.MetadataStore;
import io.duckgres.warehouse.store.WarehouseSpec;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks a provisioning request before anything is written, and turns it into a
 * {@link WarehouseSpec}. Every refusal is a 400 naming the field: nothing is guessed, and in
 * particular an unknown metadata-store flavor is refused with the allowed values instead of being
 * read as PostgreSQL, where a typo would surface only as a failed ATTACH much later.
 */
final class ProvisionValidator {
  /** A DNS label: the org id is the first label of the tenant's host name. */
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  /** An unquoted PostgreSQL identifier of at most NAMEDATALEN - 1 bytes. */
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  private ProvisionValidator() {}

  static void requireOrgId(String org) {
    if (org == null || !DNS_LABEL.matcher(org).matches()) {
      throw ApiException.badRequest("org must be a DNS label: lowercase letters, digits and '-',"
          + " 1 to 63 characters, starting and ending with a letter or digit");
    }
  }

  static void requireUserName(String name) {
    if (name == null || name.isEmpty()) {
      throw ApiException.badRequest("user.name is required");
    }
    if (!IDENTIFIER.matcher(name).matches()) {
      throw ApiException.badRequest("user name must be an identifier: a letter or '_', then"
          + " letters, digits or '_', at most 63 characters");
    }
  }

  /** A password given by the client: non-empty, no NUL (PostgreSQL cannot carry one). */
  static void requirePassword(String field, String password) {
    if (password != null && (password.isEmpty() || password.indexOf('\0') >= 0
        || password.length() > 1024)) {
      throw ApiException.badRequest(field + " must be 1 to 1024 characters without NUL");
    }
  }

  static WarehouseSpec validate(String org, ApiRequests.Provision request) {
    requireOrgId(org);
    if (request == null) {
      throw ApiException.badRequest("the body must be a JSON object");
    }
    String database = request.databaseName();
    if (database == null || database.isEmpty()) {
      throw ApiException.badRequest("database_name is required");
    }
    if (!IDENTIFIER.matcher(database).matches()) {
      throw ApiException.badRequest("database_name must be an identifier: a letter or '_', then"
          + " letters, digits or '_', at most 63 characters");
    }
    if (request.user() == null) {
      throw ApiException.badRequest("user is required: {\"name\": \"...\"}");
    }
    requireUserName(request.user().name());
    requirePassword("user.password", request.user().password());

    ApiRequests.MetadataStore metadata = request.metadataStore();
    String metadataType = metadata == null || metadata.type() == null ? "internal"
        : metadata.type();
    ApiRequests.DataStore data = request.dataStore();
    String dataType = data == null || data.type() == null ? "local" : data.type();

    MetadataStore.Type metadataStoreType;
    ApiRequests.External external = metadata == null ? null : metadata.external();
    MetadataStoreFlavor flavor = MetadataStoreFlavor.POSTGRES;
    switch (metadataType) {
      case "internal" -> {
        metadataStoreType = MetadataStore.Type.INTERNAL;
        if (external != null) {
          throw ApiException.badRequest("metadata_store.external is only for type external");
        }
      }
      case "external" -> {
        metadataStoreType = MetadataStore.Type.EXTERNAL;
        flavor = checkExternal(external);
      }
      default -> throw ApiException.badRequest("unknown metadata_store.type '"
          + printable(metadataType) + "' (allowed: internal, external)");
    }

    DataStore.Type dataStoreType;
    ApiRequests.S3 s3 = data == null ? null : data.s3();
    switch (dataType) {
      case "local" -> {
        dataStoreType = DataStore.Type.LOCAL;
        if (s3 != null) {
          throw ApiException.badRequest("data_store.s3 is only for type s3");
        }
      }
      case "s3" -> {
        dataStoreType = DataStore.Type.S3;
        checkS3(s3);
      }
      default -> throw ApiException.badRequest("unknown data_store.type '" + printable(dataType)
          + "' (allowed: local, s3)");
    }
    boolean ext = external != null;
    boolean hasS3 = s3 != null;
    return new WarehouseSpec(metadataStoreType,
        ext ? external.host() : null, ext ? external.port() : null,
        ext ? external.database() : null, ext ? external.user() : null,
        ext ? external.password() : null, flavor, dataStoreType,
        hasS3 ? s3.bucket() : null, hasS3 ? s3.prefix() : null,
        hasS3 ? s3.endpoint() : null, hasS3 ? s3.region() : null,
        hasS3 && s3.urlStyle() != null ? s3.urlStyle().toLowerCase(Locale.ROOT) : null,
        hasS3 ? s3.useSsl() : null, hasS3 ? s3.accessKeyId() : null,
        hasS3 ? s3.secretAccessKey() : null);
  }

  private static MetadataStoreFlavor checkExternal(ApiRequests.External external) {
    if (external == null) {
      throw ApiException.badRequest("metadata_store.external is required for type external:"
          + " {\"host\", \"port\", \"database\", \"user\", \"password\", \"flavor\"}");
    }
    requireText("metadata_store.external.host", external.host());
    if (external.port() == null) {
      throw ApiException.badRequest("metadata_store.external.port is required");
    }
    if (external.port() < 1 || external.port() > 65535) {
      throw ApiException.badRequest("metadata_store.external.port must be 1 to 65535");
    }
    requireText("metadata_store.external.database", external.database());
    requireText("metadata_store.external.user", external.user());
    requirePassword("metadata_store.external.password", external.password());
    try {
      // Absent or empty means postgres, as for rows written before the flavor existed.
      return MetadataStoreFlavor.parse(external.flavor());
    } catch (IllegalArgumentException unknown) {
      throw ApiException.badRequest("metadata_store.external.flavor: unknown flavor '"
          + printable(external.flavor()) + "' (allowed: postgres, cockroachdb)");
    }
  }

  private static void checkS3(ApiRequests.S3 s3) {
    if (s3 == null) {
      throw ApiException.badRequest("data_store.s3 is required for type s3: {\"bucket\", \"prefix\","
          + " \"endpoint\", \"region\", \"url_style\", \"use_ssl\", \"access_key_id\","
          + " \"secret_access_key\"}");
    }
    requireText("data_store.s3.bucket", s3.bucket());
    if (!BUCKET.matcher(s3.bucket()).matches()) {
      throw ApiException.badRequest("data_store.s3.bucket must be an S3 bucket name: 3 to 63"
          + " lowercase letters, digits, '.' or '-'");
    }
    if (s3.urlStyle() != null) {
      String style = s3.urlStyle().toLowerCase(Locale.ROOT);
      if (!style.equals("path") && !style.equals("vhost")) {
        throw ApiException.badRequest("data_store.s3.url_style must be path or vhost");
      }
    }
    if ((s3.accessKeyId() == null) != (s3.secretAccessKey() == null)) {
      throw ApiException.badRequest("data_store.s3.access_key_id and secret_access_key must be"
          + " given together (or neither, for the AWS credential chain)");
    }
    if (s3.prefix() != null && s3.prefix().contains("..")) {
      throw ApiException.badRequest("data_store.s3.prefix must not contain '..'");
    }
  }

  private static void requireText(String field, String value) {
    if (value == null || value.isBlank()) {
      throw ApiException.badRequest(field + " is required");
    }
    if (value.indexOf('\0') >= 0 || value.length() > 255) {
      throw ApiException.badRequest(field + " must be at most 255 characters without NUL");
    }
  }

  /** A client's word, quoted back in a message: bounded and without control characters. */
  static String printable(String value) {
    String cut = value.length() > 40 ? value.substring(0, 40) + "…" : value;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }
}
