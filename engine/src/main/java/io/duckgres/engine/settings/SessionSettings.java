package io.duckgres.engine.settings;

import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The PostgreSQL run-time parameters a session keeps itself, because DuckDB has no such setting
 * or spells it differently, yet clients SET and SHOW them as a matter of course (pgJDBC sets
 * extra_float_digits and application_name on every connection). Names are matched
 * case-insensitively; values keep the caller's spelling, as SHOW shows them.
 *
 * <p>Parameters marked "reported" are those PostgreSQL reports with ParameterStatus whenever
 * they change (PostgreSQL docs, "Asynchronous Operations").
 */
public final class SessionSettings {
  /** Canonical name → default value. */
  private static final Map<String, String> DEFAULTS = new LinkedHashMap<>();
  private static final Set<String> REPORTED = Set.of("server_version", "server_encoding",
      "client_encoding", "application_name", "DateStyle", "IntervalStyle", "TimeZone",
      "integer_datetimes", "standard_conforming_strings", "is_superuser",
      "session_authorization", "in_hot_standby", "default_transaction_read_only");

  /** PostgreSQL's format ("major.minor"), so drivers parse it; the suffix names what we are. */
  public static final String SERVER_VERSION = "15.0 (duckgres)";

  static {
    DEFAULTS.put("server_version", SERVER_VERSION);
    DEFAULTS.put("server_version_num", "150000");
    DEFAULTS.put("server_encoding", "UTF8");
    DEFAULTS.put("client_encoding", "UTF8");
    DEFAULTS.put("application_name", "");
    DEFAULTS.put("DateStyle", "ISO, MDY");
    DEFAULTS.put("IntervalStyle", "postgres");
    DEFAULTS.put("TimeZone", "UTC");
    DEFAULTS.put("integer_datetimes", "on");
    DEFAULTS.put("standard_conforming_strings", "on");
    DEFAULTS.put("is_superuser", "on");
    DEFAULTS.put("session_authorization", "");
    DEFAULTS.put("in_hot_standby", "off");
    DEFAULTS.put("default_transaction_read_only", "off");
    DEFAULTS.put("extra_float_digits", "1");
    DEFAULTS.put("statement_timeout", "0");
    DEFAULTS.put("lock_timeout", "0");
    DEFAULTS.put("idle_in_transaction_session_timeout", "0");
    DEFAULTS.put("client_min_messages", "notice");
    DEFAULTS.put("search_path", "\"$user\", public");
    // PostgreSQL's default; DuckDB runs every transaction with snapshot isolation (see
    // TransactionModes), SHOW answers the level the client asked for.
    DEFAULTS.put("transaction_isolation", "read committed");
    DEFAULTS.put("default_transaction_isolation", "read committed");
    DEFAULTS.put("bytea_output", "hex");
    DEFAULTS.put("max_identifier_length", "63");
    DEFAULTS.put("synchronous_commit", "on");
    DEFAULTS.put("jit", "off");
    DEFAULTS.put("row_security", "on");
    DEFAULTS.put("escape_string_warning", "on");
    DEFAULTS.put("geqo", "on");
    DEFAULTS.put("lc_messages", "C");
    DEFAULTS.put("lc_monetary", "C");
    DEFAULTS.put("lc_numeric", "C");
    DEFAULTS.put("lc_time", "C");
    DEFAULTS.put("max_parallel_workers_per_gather", "2");
    DEFAULTS.put("work_mem", "4MB");
    DEFAULTS.put("xmloption", "content");
    DEFAULTS.put("max_connections", "100");
    // PostgreSQL's planner, cost and logging parameters: connection poolers and ORMs set them.
    // They are kept, shown and reset like any other, and change nothing: DuckDB plans and logs
    // on its own (docs/compatibility.md).
    for (String plan : List.of("async_append", "bitmapscan", "gathermerge", "hashagg", "hashjoin",
        "incremental_sort", "indexonlyscan", "indexscan", "material", "memoize", "mergejoin",
        "nestloop", "parallel_append", "parallel_hash", "partition_pruning", "seqscan", "sort",
        "tidscan")) {
      DEFAULTS.put("enable_" + plan, "on");
    }
    DEFAULTS.put("enable_partitionwise_join", "off");
    DEFAULTS.put("enable_partitionwise_aggregate", "off");
    DEFAULTS.put("seq_page_cost", "1");
    DEFAULTS.put("random_page_cost", "4");
    DEFAULTS.put("cpu_tuple_cost", "0.01");
    DEFAULTS.put("cpu_index_tuple_cost", "0.005");
    DEFAULTS.put("cpu_operator_cost", "0.0025");
    DEFAULTS.put("parallel_setup_cost", "1000");
    DEFAULTS.put("parallel_tuple_cost", "0.1");
    DEFAULTS.put("effective_cache_size", "4GB");
    DEFAULTS.put("effective_io_concurrency", "1");
    DEFAULTS.put("default_statistics_target", "100");
    DEFAULTS.put("from_collapse_limit", "8");
    DEFAULTS.put("join_collapse_limit", "8");
    DEFAULTS.put("geqo_threshold", "12");
    DEFAULTS.put("constraint_exclusion", "partition");
    DEFAULTS.put("cursor_tuple_fraction", "0.1");
    DEFAULTS.put("plan_cache_mode", "auto");
    DEFAULTS.put("maintenance_work_mem", "64MB");
    DEFAULTS.put("temp_buffers", "8MB");
    DEFAULTS.put("log_statement", "none");
    DEFAULTS.put("log_duration", "off");
    DEFAULTS.put("log_min_duration_statement", "-1");
    DEFAULTS.put("log_min_messages", "warning");
    DEFAULTS.put("log_min_error_statement", "error");
    DEFAULTS.put("log_error_verbosity", "default");
    DEFAULTS.put("log_lock_waits", "off");
    DEFAULTS.put("track_activities", "on");
    DEFAULTS.put("track_counts", "on");
    DEFAULTS.put("track_io_timing", "off");
    DEFAULTS.put("idle_session_timeout", "0");
    // pg_dump turns it off: DuckDB's scans never synchronise across sessions anyway.
    DEFAULTS.put("synchronize_seqscans", "on");
  }

  private static final Map<String, String> CANONICAL = new LinkedHashMap<>();

  static {
    for (String name : DEFAULTS.keySet()) {
      CANONICAL.put(name.toLowerCase(Locale.ROOT), name);
    }
  }

  private final Map<String, String> startup = new LinkedHashMap<>();
  private final Map<String, String> values = new LinkedHashMap<>();
  /** Changed in the open transaction: name → value before its first change (for ROLLBACK). */
  private final Map<String, String> beforeTransaction = new LinkedHashMap<>();
  /** Last changed by SET LOCAL: name → the value it has again after COMMIT. */
  private final Map<String, String> afterCommit = new LinkedHashMap<>();

  /** How long a SET lasts (PostgreSQL docs, "SET"). */
  public enum Scope {
    /** Outside a transaction block: until changed again. */
    SESSION,
    /** SET inside a transaction block: kept at COMMIT, undone by ROLLBACK. */
    TRANSACTION,
    /** SET LOCAL (or set_config(..., true)) inside a transaction block: until it ends. */
    LOCAL
  }

  /**
   * @param user the session user (session_authorization)
   * @param startupParameters the StartupMessage parameters; known run-time parameters among them
   *     (application_name, DateStyle, TimeZone, …) become this session's starting values
   */
  public SessionSettings(String user, Map<String, String> startupParameters) {
    this(user, startupParameters, Map.of());
  }

  /**
   * @param serverValues values of fixed parameters the server decides (max_connections,
   *     is_superuser); they override the defaults and cannot be SET
   */
  public SessionSettings(String user, Map<String, String> startupParameters,
      Map<String, String> serverValues) {
    startup.putAll(DEFAULTS);
    serverValues.forEach((name, value) -> {
      if (canonical(name) != null && isFixed(canonical(name))) {
        startup.put(canonical(name), value);
      }
    });
    startup.put("session_authorization", user);
    startupParameters.forEach((name, value) -> {
      String canonical = canonical(name);
      if (canonical != null && !isFixed(canonical)) {
        startup.put(canonical, canonical.equals("client_encoding") ? encoding(value)
            : startupValue(canonical, value));
      }
    });
    values.putAll(startup);
  }

  /** Canonical spelling of a parameter we keep, or null when it is not ours. */
  public static String canonical(String name) {
    return CANONICAL.get(name.toLowerCase(Locale.ROOT));
  }

  public String get(String canonicalName) {
    return values.get(canonicalName);
  }

  /** Sets a parameter; returns true when the client must be told (ParameterStatus). */
  public boolean set(String canonicalName, String value) {
    if (isFixed(canonicalName)) {
      throw new PgException(SqlState.CANT_CHANGE_RUNTIME_PARAM,
          "parameter \"" + canonicalName + "\" cannot be changed");
    }
    if (canonicalName.equals("client_encoding")) {
      value = encoding(value);
    }
    if (canonicalName.equals("TimeZone")) {
      value = TimeZones.canonical(value);
    }
    if (canonicalName.equals("DateStyle")) {
      value = DateStyles.canonical(value, values.get("DateStyle"), startup.get("DateStyle"));
    }
    if (canonicalName.equals("statement_timeout")) {
      durationMillis(value);
    }
    if (canonicalName.endsWith("transaction_isolation")) {
      value = TransactionModes.level(canonicalName, value);
    }
    String previous = values.put(canonicalName, value);
    return REPORTED.contains(canonicalName) && !value.equals(previous);
  }

  /**
   * Sets a parameter for {@code scope}; returns true when the client must be told. The previous
   * value is remembered so that {@link #endTransaction} can restore it.
   */
  public boolean set(String canonicalName, String value, Scope scope) {
    String previous = values.get(canonicalName);
    boolean report = set(canonicalName, value);
    if (scope != Scope.SESSION) {
      beforeTransaction.putIfAbsent(canonicalName, previous);
      if (scope == Scope.LOCAL) {
        afterCommit.putIfAbsent(canonicalName, previous);
      } else {
        afterCommit.remove(canonicalName);
      }
    }
    return report;
  }

  /**
   * The transaction ended: COMMIT keeps its SETs but not its SET LOCALs, ROLLBACK undoes both.
   *
   * @return the parameters whose value changed, with their value now
   */
  public Map<String, String> endTransaction(boolean committed) {
    Map<String, String> restore = committed ? afterCommit : beforeTransaction;
    Map<String, String> changed = new LinkedHashMap<>();
    restore.forEach((name, value) -> {
      if (value != null && !value.equals(values.put(name, value))) {
        changed.put(name, value);
      }
    });
    beforeTransaction.clear();
    afterCommit.clear();
    return changed;
  }

  /** Whether PostgreSQL reports {@code canonicalName} with ParameterStatus when it changes. */
  public static boolean isReported(String canonicalName) {
    return REPORTED.contains(canonicalName);
  }

  /**
   * statement_timeout in milliseconds (0 = none). PostgreSQL reads a bare number as milliseconds
   * and accepts the units ms, s, min, h and d.
   */
  public long statementTimeoutMillis() {
    return durationMillis(values.get("statement_timeout"));
  }

  static long durationMillis(String value) {
    String text = value.trim().toLowerCase(Locale.ROOT);
    int unitStart = 0;
    while (unitStart < text.length()
        && (Character.isDigit(text.charAt(unitStart)) || text.charAt(unitStart) == '.')) {
      unitStart++;
    }
    if (unitStart == 0) {
      return 0;
    }
    double number = Double.parseDouble(text.substring(0, unitStart));
    String unit = text.substring(unitStart).trim();
    double factor;
    switch (unit) {
      case "":
      case "ms":
        factor = 1;
        break;
      case "s":
        factor = 1000;
        break;
      case "min":
        factor = 60_000;
        break;
      case "h":
        factor = 3_600_000;
        break;
      case "d":
        factor = 86_400_000;
        break;
      default:
        throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
            "invalid value for parameter \"statement_timeout\": \"" + value + "\"");
    }
    return Math.round(number * factor);
  }

  /** A startup parameter in SHOW's spelling; one PostgreSQL would refuse is kept as sent. */
  private static String startupValue(String canonicalName, String value) {
    if (canonicalName.equals("DateStyle")) {
      try {
        return DateStyles.canonical(value, null, null);
      } catch (PgException notADateStyle) {
        return value;
      }
    }
    return canonicalValue(canonicalName, value);
  }

  /** {@code value} as {@link #set} would keep it for {@code canonicalName}. */
  public static String canonicalValue(String canonicalName, String value) {
    return canonicalName.equals("TimeZone") ? TimeZones.canonical(value) : value;
  }

  /** The value the session started with. */
  public String startupValue(String canonicalName) {
    return startup.get(canonicalName);
  }

  /** UTF8 under any of its spellings (asyncpg sends {@code 'utf-8'}, quotes included). */
  private static String encoding(String value) {
    String normalized = value.replace("'", "").replace("-", "").replace("_", "")
        .trim().toUpperCase(Locale.ROOT);
    if (!normalized.equals("UTF8") && !normalized.equals("UNICODE")) {
      throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
          "invalid value for parameter \"client_encoding\": \"" + value
              + "\" (this server speaks UTF8 only)");
    }
    return "UTF8";
  }

  /** RESET: back to the value the session started with. */
  public boolean reset(String canonicalName) {
    return set(canonicalName, startup.get(canonicalName));
  }

  /** The parameters PostgreSQL reports at startup, with this session's values. */
  public Map<String, String> reported() {
    Map<String, String> reported = new LinkedHashMap<>();
    for (Map.Entry<String, String> entry : values.entrySet()) {
      if (REPORTED.contains(entry.getKey())) {
        reported.put(entry.getKey(), entry.getValue());
      }
    }
    return reported;
  }

  public Set<String> names() {
    return values.keySet();
  }

  private static boolean isFixed(String canonicalName) {
    switch (canonicalName) {
      case "server_version":
      case "server_version_num":
      case "server_encoding":
      case "integer_datetimes":
      case "max_identifier_length":
      case "is_superuser":
      case "in_hot_standby":
      case "session_authorization":
      case "max_connections":
        return true;
      default:
        return false;
    }
  }
}
