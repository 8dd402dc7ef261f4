package org.cql4j.session.internal.pool;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.cql4j.protocol.compression.Compressors;
import org.cql4j.protocol.message.Event;
import org.cql4j.session.Compression;
import org.cql4j.session.internal.connection.ConnectionConfig;
import org.cql4j.session.internal.metrics.NodeCounters;
import org.cql4j.session.internal.metrics.SessionMetrics;
import org.cql4j.session.internal.session.ClusterPolicies;
import org.cql4j.session.internal.session.SessionConfig;

/**
 * Turns the session's settings into the configuration of each connection. Immutable and
 * thread-safe.
 */
public final class ConnectionSettings {
  /** The events the control connection registers for (native_protocol_v4.spec §4.2.6). */
  public static final List<String> EVENT_TYPES =
      List.of("TOPOLOGY_CHANGE", "STATUS_CHANGE", "SCHEMA_CHANGE");

  private final SessionConfig session;
  private final SessionMetrics metrics;

  /**
   * Creates the settings.
   *
   * @param session the session's configuration
   */
  public ConnectionSettings(SessionConfig session, SessionMetrics metrics) {
    this.session = session;
    this.metrics = metrics;
  }

  /**
   * The metrics a node's pool connections count into.
   *
   * @param address the node
   * @return its counters
   */
  public NodeCounters counters(InetSocketAddress address) {
    return metrics.forNode(address);
  }

  /**
   * The configuration of a pool connection.
   *
   * @param address the node
   * @param keyspace the keyspace to {@code USE} during the handshake, or null
   * @param counters the node's metrics
   * @return the configuration
   */
  public ConnectionConfig forPool(
      InetSocketAddress address, String keyspace, NodeCounters counters) {
    return base(address).keyspace(keyspace).counters(counters).build();
  }

  /**
   * The configuration of a pool connection from a chosen local address (ScyllaDB's shard-aware
   * port: the local port picks the shard).
   *
   * @param address the node's shard-aware port
   * @param localAddress the local address and port to bind
   * @param keyspace the keyspace to {@code USE} during the handshake, or null
   * @param counters the node's metrics
   * @return the configuration
   */
  public ConnectionConfig forPool(
      InetSocketAddress address,
      InetSocketAddress localAddress,
      String keyspace,
      NodeCounters counters) {
    return base(address).localAddress(localAddress).keyspace(keyspace).counters(counters).build();
  }

  /** The reconnection policy, host filter and address translator. */
  public ClusterPolicies policies() {
    return session.policies();
  }

  /** How long a heartbeat may wait for its answer. */
  public Duration keepaliveTimeout() {
    return session.keepaliveTimeout();
  }

  /** Whether connections use TLS (which has its own shard-aware port). */
  public boolean usesTls() {
    return session.sslContext() != null;
  }

  /**
   * The configuration of the control connection: no keyspace, registered for events.
   *
   * @param address the node
   * @param listener receives the events, on the connection's event loop
   * @return the configuration
   */
  public ConnectionConfig forControl(InetSocketAddress address, Consumer<Event> listener) {
    return base(address).events(EVENT_TYPES, listener).build();
  }

  private ConnectionConfig.Builder base(InetSocketAddress address) {
    ConnectionConfig.Builder builder =
        ConnectionConfig.builder(address)
            .connectTimeout(session.connectTimeout())
            .keepalive(session.keepaliveInterval(), session.keepaliveTimeout());
    if (session.compression() != Compression.NONE) {
      builder.compressor(Compressors.forAlgorithm(session.compression().protocolName()));
    }
    if (session.sslContext() != null) {
      builder.tls(session.sslContext(), session.hostnameVerification());
    }
    if (session.authProvider() != null) {
      builder.authProvider(session.authProvider());
    }
    return builder;
  }
}
