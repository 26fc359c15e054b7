package io.duckgres.app;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;

/**
 * The YAML configuration file: the same settings as the flags, in snake_case, with the rate-limit
 * settings nested under {@code rate_limit} and a {@code users} map of name to password (or to
 * {@code {password, superuser}} for a user who keeps every capability).
 *
 * <pre>
 * port: 5433
 * data_dir: /var/lib/duckgres
 * rate_limit: {max_failures: 5, window: 1m, ban_duration: 5m}
 * users:
 *   alice: secret
 *   admin: {password: other, superuser: true}
 * </pre>
 *
 * Every scalar is kept as text so the file goes through the same parsers, and gives the same
 * messages, as flags and environment variables. Unknown keys are refused rather than ignored: a
 * misspelt {@code alow_plaintext} silently doing nothing is worse than not starting.
 */
final class YamlConfigFile {
  private static final String USERS_KEY = "users";
  private static final String RATE_LIMIT_KEY = "rate_limit";
  private static final String DUCKLAKE_KEY = "ducklake";
  private static final String EXTENSIONS_KEY = "extensions";

  private static final ObjectMapper YAML =
      new ObjectMapper(
          YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

  private final Path path;
  private final Map<Setting, RawValue> values = new EnumMap<>(Setting.class);
  private Map<String, String> users;
  private final Set<String> superusers = new java.util.LinkedHashSet<>();

  private YamlConfigFile(Path path) {
    this.path = path;
  }

  /** Reads and checks the file; the path should already be absolute so messages are clear. */
  static YamlConfigFile read(Path path) throws ConfigException {
    YamlConfigFile file = new YamlConfigFile(path);
    file.load(parse(path));
    return file;
  }

  Path path() {
    return path;
  }

  /** The settings the file sets; absent, null and empty values are left out. */
  Map<Setting, RawValue> values() {
    return values;
  }

  /** The users map when the file has one; it replaces the built-in users entirely. */
  Optional<Map<String, String>> users() {
    return Optional.ofNullable(users);
  }

  private static JsonNode parse(Path path) throws ConfigException {
    try {
      return YAML.readTree(Files.readAllBytes(path));
    } catch (JsonProcessingException malformed) {
      throw new ConfigException(
          "cannot parse config file " + path + location(malformed.getLocation()) + ": "
              + firstLine(malformed.getOriginalMessage()));
    } catch (NoSuchFileException missing) {
      throw new ConfigException("cannot read config file " + path + " (file not found)");
    } catch (AccessDeniedException denied) {
      throw new ConfigException("cannot read config file " + path + " (permission denied)");
    } catch (IOException unreadable) {
      throw new ConfigException(
          "cannot read config file " + path + " (" + firstLine(unreadable.getMessage()) + ")");
    }
  }

  private void load(JsonNode root) throws ConfigException {
    if (root == null || root.isMissingNode() || root.isNull()) {
      return;
    }
    if (!root.isObject()) {
      throw new ConfigException(
          "cannot use config file " + path + ": expected a mapping of settings at the top level");
    }
    for (Map.Entry<String, JsonNode> field : root.properties()) {
      switch (field.getKey()) {
        case USERS_KEY:
          users = readUsers(field.getValue());
          break;
        case RATE_LIMIT_KEY:
          readNested(RATE_LIMIT_KEY, field.getValue(),
              "{max_failures: 5, window: 1m, ban_duration: 5m}");
          break;
        case DUCKLAKE_KEY:
          readNested(DUCKLAKE_KEY, field.getValue(),
              "{metadata_store: 'postgres:dbname=lake host=db', data_path: /var/lib/lake}");
          break;
        case EXTENSIONS_KEY:
          readList(EXTENSIONS_KEY, field.getValue());
          break;
        case "control_plane": // Issue 7: the control-plane mode's settings.
          readNested("control_plane", field.getValue(), "{worker_count: 4, drain_timeout: 1h}");
          break;
        case "tenants":
          readNested("tenants", field.getValue(),
              "{enabled: true, config_store: 'postgresql://USER:PASS@HOST:PORT/DB'}");
          break;
        default:
          readSetting(field.getKey(), field.getValue());
      }
    }
  }

  private void readNested(String sectionKey, JsonNode section, String example)
      throws ConfigException {
    if (section.isNull()) {
      return;
    }
    if (!section.isObject()) {
      throw new ConfigException(
          "invalid value for " + sectionKey + " in " + path
              + " (expected a mapping such as " + example + ")");
    }
    for (Map.Entry<String, JsonNode> field : section.properties()) {
      readSetting(sectionKey + "." + field.getKey(), field.getValue());
    }
  }

  private void readSetting(String dottedKey, JsonNode value) throws ConfigException {
    Setting setting = Setting.forYamlKey(dottedKey);
    if (setting == null) {
      throw new ConfigException(
          "unknown key '" + dottedKey + "' in config file " + path + " (allowed: "
              + String.join(", ", allowedKeys()) + ")");
    }
    // "cert:" with nothing after it reads as an empty string; like an empty environment
    // variable, it means the setting is not given.
    if (value.isNull() || (value.isTextual() && value.asText().isBlank())) {
      return;
    }
    String origin = dottedKey + " in " + path;
    if (!value.isValueNode()) {
      throw new ConfigException(
          "invalid value for " + origin + " (expected a single value, not a list or mapping)");
    }
    values.put(setting, new RawValue(value.asText(), origin));
  }

  /**
   * A list setting ({@code extensions: [ducklake, httpfs]}), kept as the comma-separated text a
   * flag or environment variable would carry. A plain string is taken as that text; an empty list
   * means "none", which differs from leaving the key out.
   */
  private void readList(String key, JsonNode value) throws ConfigException {
    Setting setting = Setting.forYamlKey(key);
    String origin = key + " in " + path;
    if (value.isNull()) {
      return;
    }
    if (value.isValueNode()) {
      values.put(setting, new RawValue(value.asText(), origin));
      return;
    }
    if (!value.isArray()) {
      throw new ConfigException(
          "invalid value for " + origin + " (expected a list such as [ducklake, httpfs])");
    }
    List<String> items = new ArrayList<>();
    for (JsonNode item : value) {
      if (!item.isValueNode() || item.isNull() || item.asText().contains(",")) {
        throw new ConfigException(
            "invalid value for " + origin + " (expected a list of names such as [ducklake, httpfs])");
      }
      items.add(item.asText());
    }
    values.put(setting, new RawValue(String.join(",", items), origin));
  }

  /** Users flagged {@code superuser: true} in the users section. */
  Set<String> superusers() {
    return Set.copyOf(superusers);
  }

  /**
   * Each user is {@code name: password} or {@code name: {password: ..., superuser: true}}.
   * Passwords are never echoed back: the messages name the user, not the value.
   */
  private Map<String, String> readUsers(JsonNode node) throws ConfigException {
    if (node.isNull()) {
      return Map.of();
    }
    if (!node.isObject()) {
      throw new ConfigException(
          "invalid value for users in " + path + " (expected a mapping of user name to password)");
    }
    Map<String, String> passwords = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      String user = field.getKey();
      JsonNode password = field.getValue();
      if (user.isBlank()) {
        throw new ConfigException("invalid user in " + path + " (user name must not be empty)");
      }
      if (password.isObject()) {
        JsonNode flag = password.path("superuser");
        for (Map.Entry<String, JsonNode> key : password.properties()) {
          if (!key.getKey().equals("password") && !key.getKey().equals("superuser")) {
            throw new ConfigException("unknown setting '" + ConfigException.printable(key.getKey())
                + "' for user '" + ConfigException.printable(user) + "' in " + path
                + " (allowed: password, superuser)");
          }
        }
        if (!flag.isMissingNode() && !flag.isBoolean()) {
          throw new ConfigException("invalid value for superuser of user '"
              + ConfigException.printable(user) + "' in " + path + " (expected true or false)");
        }
        if (flag.asBoolean(false)) {
          superusers.add(user);
        }
        password = password.path("password");
      }
      if (!password.isValueNode() || password.isNull() || password.asText().isEmpty()) {
        throw new ConfigException(
            "invalid password for user '" + ConfigException.printable(user) + "' in " + path
                + " (expected a non-empty string)");
      }
      passwords.put(user, password.asText());
    }
    return passwords;
  }

  private static List<String> allowedKeys() {
    List<String> keys = new ArrayList<>();
    for (Setting setting : Setting.values()) {
      if (setting.yamlKey() != null) {
        keys.add(setting.yamlKey());
      }
    }
    keys.add(USERS_KEY);
    return keys;
  }

  private static String location(JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return "";
    }
    return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "malformed YAML";
    }
    String trimmed = message.strip();
    int newline = trimmed.indexOf('\n');
    return newline < 0 ? trimmed : trimmed.substring(0, newline).strip();
  }
}
