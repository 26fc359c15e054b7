package io.duckgres.warehouse.store;

import io.duckgres.engine.ducklake.MetadataStoreFlavor;
import java.util.Objects;

/**
 * Where a warehouse's DuckLake catalog lives. {@code internal}: a database the provisioner creates
 * on the config store's own server ({@link #database()} names it, host and port are the config
 * store's), owned by a login role of the same name whose password is {@link #password()}. {@code external}: a PostgreSQL-protocol server the tenant runs, reached with
 * host, port, database, user and an encrypted password, whose {@link #flavor()} says whether it is
 * PostgreSQL or CockroachDB.
 */
public record MetadataStore(
    Type type,
    String host,
    Integer port,
    String database,
    String user,
    EncryptedSecret password,
    MetadataStoreFlavor flavor) {

  /** internal or external, spelled in lower case as in the API. */
  public enum Type {
    INTERNAL("internal"),
    EXTERNAL("external");

    private final String spelling;

    Type(String spelling) {
      this.spelling = spelling;
    }

    public String spelling() {
      return spelling;
    }

    static Type parse(String stored) {
      return stored.equals("external") ? EXTERNAL : INTERNAL;
    }

    @Override
    public String toString() {
      return spelling;
    }
  }

  public MetadataStore {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(database, "database");
    flavor = flavor == null ? MetadataStoreFlavor.POSTGRES : flavor;
  }

  /** An internal store in database {@code database} of the config store's server. */
  public static MetadataStore internal(String database) {
    return new MetadataStore(Type.INTERNAL, null, null, database, null, null,
        MetadataStoreFlavor.POSTGRES);
  }

  public boolean internal() {
    return type == Type.INTERNAL;
  }
}
