package io.duckgres.warehouse.store;

import java.util.Objects;

/**
 * Something in the config store changed. Listeners re-read what they need: a change carries which
 * thing changed, not its new value, so a listener never acts on a stale copy.
 *
 * @param entity what changed; {@link Entity#ALL} after the notification stream was interrupted,
 *     when changes may have been missed and everything should be read again
 * @param action added, changed or deleted
 * @param orgId the org concerned; null only for {@link Entity#ALL}
 * @param userName the user concerned, for {@link Entity#USER}; null otherwise
 */
public record ConfigChange(Entity entity, Action action, String orgId, String userName) {

  /** The kind of row that changed. */
  public enum Entity {
    ORG,
    WAREHOUSE,
    USER,
    ALL
  }

  /** What happened to it. */
  public enum Action {
    ADDED,
    CHANGED,
    DELETED
  }

  public ConfigChange {
    Objects.requireNonNull(entity, "entity");
    Objects.requireNonNull(action, "action");
  }

  public static ConfigChange org(Action action, String orgId) {
    return new ConfigChange(Entity.ORG, action, orgId, null);
  }

  public static ConfigChange warehouse(Action action, String orgId) {
    return new ConfigChange(Entity.WAREHOUSE, action, orgId, null);
  }

  public static ConfigChange user(Action action, String orgId, String userName) {
    return new ConfigChange(Entity.USER, action, orgId, userName);
  }

  /** Everything may have changed: read it all again. */
  public static ConfigChange resync() {
    return new ConfigChange(Entity.ALL, Action.CHANGED, null, null);
  }

  /** {@code entity|action|org|user}, the NOTIFY payload (org ids and user names hold no '|'). */
  String encode() {
    return entity + "|" + action + "|" + (orgId == null ? "" : orgId) + "|"
        + (userName == null ? "" : userName);
  }

  static ConfigChange decode(String text) {
    String[] parts = text.split("\\|", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException("not a config change: " + text);
    }
    return new ConfigChange(Entity.valueOf(parts[0]), Action.valueOf(parts[1]),
        parts[2].isEmpty() ? null : parts[2], parts[3].isEmpty() ? null : parts[3]);
  }
}
