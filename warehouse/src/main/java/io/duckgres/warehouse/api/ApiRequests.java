package io.duckgres.warehouse.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The JSON bodies the provisioning API accepts, field for field; a field not named here is
 * refused (400), so a typo never passes silently. Secrets inside are masked by {@code toString}.
 */
final class ApiRequests {
  private ApiRequests() {}

  record Provision(
      @JsonProperty("database_name") String databaseName,
      @JsonProperty("metadata_store") MetadataStore metadataStore,
      @JsonProperty("data_store") DataStore dataStore,
      @JsonProperty("user") User user) {}

  record MetadataStore(
      @JsonProperty("type") String type,
      @JsonProperty("external") External external) {}

  record External(
      @JsonProperty("host") String host,
      @JsonProperty("port") Integer port,
      @JsonProperty("database") String database,
      @JsonProperty("user") String user,
      @JsonProperty("password") String password,
      @JsonProperty("flavor") String flavor) {
    @Override
    public String toString() {
      return "External[" + user + "@" + host + ":" + port + "/" + database + ", flavor=" + flavor
          + ", password=" + (password == null ? null : "***") + "]";
    }
  }

  record DataStore(
      @JsonProperty("type") String type,
      @JsonProperty("s3") S3 s3) {}

  record S3(
      @JsonProperty("bucket") String bucket,
      @JsonProperty("prefix") String prefix,
      @JsonProperty("endpoint") String endpoint,
      @JsonProperty("region") String region,
      @JsonProperty("url_style") String urlStyle,
      @JsonProperty("use_ssl") Boolean useSsl,
      @JsonProperty("access_key_id") String accessKeyId,
      @JsonProperty("secret_access_key") String secretAccessKey) {
    @Override
    public String toString() {
      return "S3[s3://" + bucket + "/" + prefix + ", endpoint=" + endpoint + ", keys="
          + (accessKeyId == null ? null : "***") + "]";
    }
  }

  /** A new user; {@code admin} (default false) makes it the org's admin. */
  record User(
      @JsonProperty("name") String name,
      @JsonProperty("password") String password,
      @JsonProperty("admin") Boolean admin) {
    boolean isAdmin() {
      return Boolean.TRUE.equals(admin);
    }

    @Override
    public String toString() {
      return "User[" + name + ", password=" + (password == null ? null : "***") + ", admin="
          + isAdmin() + "]";
    }
  }

  /** A change to a user: {@code admin} is the only field that may change this way. */
  record UserChange(@JsonProperty("admin") Boolean admin) {}

  record Password(@JsonProperty("password") String password) {
    @Override
    public String toString() {
      return "Password[" + (password == null ? null : "***") + "]";
    }
  }
}
