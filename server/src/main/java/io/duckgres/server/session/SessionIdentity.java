package io.duckgres.server.session;

import java.net.InetSocketAddress;
import java.util.Map;

/**
 * Who a session is: the authenticated user, the database they asked for, the client address and
 * the BackendKeyData a CancelRequest must present.
 */
public record SessionIdentity(
    String user,
    String database,
    String applicationName,
    InetSocketAddress remoteAddress,
    int processId,
    int secretKey,
    Map<String, String> startupParameters) {}
