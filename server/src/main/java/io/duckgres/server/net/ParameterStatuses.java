package io.duckgres.server.net;

import io.duckgres.server.session.SessionIdentity;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ParameterStatus messages sent after authentication. Drivers read these: pgJDBC refuses to
 * work unless client_encoding is UTF8, and parses server_version to decide what SQL it may send.
 */
final class ParameterStatuses {
  /** PostgreSQL's format ("major.minor"), so drivers parse it; the suffix names what we are. */
  static final String SERVER_VERSION = "15.0 (duckgres)";

  private ParameterStatuses() {}

  static Map<String, String> initial(SessionIdentity identity) {
    Map<String, String> status = new LinkedHashMap<>();
    status.put("server_version", SERVER_VERSION);
    status.put("server_encoding", "UTF8");
    status.put("client_encoding", "UTF8");
    status.put("DateStyle", "ISO, MDY");
    status.put("IntervalStyle", "postgres");
    status.put("TimeZone", "UTC");
    status.put("integer_datetimes", "on");
    status.put("standard_conforming_strings", "on");
    status.put("application_name", identity.applicationName());
    status.put("is_superuser", "on");
    status.put("session_authorization", identity.user());
    status.put("in_hot_standby", "off");
    status.put("default_transaction_read_only", "off");
    return status;
  }
}
