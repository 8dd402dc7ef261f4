package org.cql4j.session.internal.pool;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.cql4j.protocol.ProtocolVersion;
import org.cql4j.protocol.compression.Compressors;
import org.cql4j.protocol.message.Event;
import org.cql4j.session.Compression;
import org.cql4j.session.internal.connection.ConnectionConfig;
import org.cql4j.session.internal.metrics.NodeCounters;
import org.cql4j.session.internal.metrics.SessionMetrics;
import org.cql4j.session.internal.session.ClusterPolicies;
import org.cql4j.session.internal.session.SessionConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the session's settings into the configuration of each connection, and holds the protocol
 * version the session speaks. Thread-safe.
 *
 * <p>Without a pinned version the session offers the highest (v5) and, when the first node it
 * reaches refuses it, v4 for the whole session ({@link #downgrade}), as the Java driver does; every
 * later connection then speaks the version the control connection negotiated.
 */
public final class ConnectionSettings {
  /** The events the control connection registers for (native_protocol_v4.spec §4.2.6). */
  public static final List<String> EVENT_TYPES =
      List.of("TOPOLOGY_CHANGE", "STATUS_CHANGE", "SCHEMA_CHANGE");

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionSettings.class);

  private final SessionConfig session;
  private final SessionMetrics metrics;
  private volatile ProtocolVersion version;
  private final AtomicBoolean snappyWarned = new AtomicBoolean();

  /**
   * Creates the settings.
   *
   * @param session the session's configuration
   */
  public ConnectionSettings(SessionConfig session, SessionMetrics metrics) {
    this.session = session;
    this.metrics = metrics;
    this.version =
        session.protocolVersion() != null ? session.protocolVersion() : ProtocolVersion.highest();
  }

  /** The protocol version connections speak. */
  public ProtocolVersion protocolVersion() {
    return version;
  }

  /**
   * Called when a node refused {@code refused}: moves the session to v4 unless the version is
   * pinned or was already lowered.
   *
   * @param refused the version the node refused
   * @return whether connections should be tried again, with v4
   */
  public boolean downgrade(ProtocolVersion refused) {
    if (session.protocolVersion() != null || refused != ProtocolVersion.V5) {
      return false;
    }
    synchronized (this) {
      if (version == ProtocolVersion.V5) {
        version = ProtocolVersion.V4;
        LOG.info("The node refused native protocol v5; the session speaks v4");
      }
    }
    return true;
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
    ProtocolVersion v = version;
    ConnectionConfig.Builder builder =
        ConnectionConfig.builder(address)
            .protocolVersion(v)
            .connectTimeout(session.connectTimeout())
            .keepalive(session.keepaliveInterval(), session.keepaliveTimeout());
    if (session.compression() == Compression.SNAPPY && v == ProtocolVersion.V5) {
      // native_protocol_v5.spec §2.3.2: LZ4 only
      if (snappyWarned.compareAndSet(false, true)) {
        LOG.warn(
            "Snappy compression is not available in protocol v5; connections run uncompressed"
                + " (choose LZ4, or pin protocol v4 to keep Snappy)");
      }
    } else if (session.compression() != Compression.NONE) {
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
