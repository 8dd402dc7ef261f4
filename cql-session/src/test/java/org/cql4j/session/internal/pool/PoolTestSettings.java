package org.cql4j.session.internal.pool;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.cql4j.protocol.ProtocolVersion;
import org.cql4j.session.Compression;
import org.cql4j.session.MonotonicTimestampGenerator;
import org.cql4j.session.PoolSize;
import org.cql4j.session.internal.metrics.SessionMetrics;
import org.cql4j.session.internal.session.ClusterPolicies;
import org.cql4j.session.internal.session.SessionConfig;
import org.cql4j.session.profile.ExecutionProfile;

/**
 * The connection settings of the pool tests, built in one place: a session of one node, without
 * TLS, compression or authentication, pinned to protocol v4 (what the tests' fake servers speak).
 * Immutable; static methods only.
 */
final class PoolTestSettings {
  private PoolTestSettings() {}

  /**
   * Settings for pools to one node.
   *
   * @param node the node's address
   * @param size the pool size
   * @param policies the reconnection policy, host filter and address translator
   * @return the settings
   */
  static ConnectionSettings of(InetSocketAddress node, PoolSize size, ClusterPolicies policies) {
    SessionConfig config =
        new SessionConfig(
            List.of(node.getHostString() + ":" + node.getPort()),
            null,
            Compression.NONE,
            null,
            false,
            null,
            ExecutionProfile.defaults().intoHandle(),
            Map.of(),
            size,
            ShardAwarePorts.DEFAULT_LOW,
            ShardAwarePorts.DEFAULT_HIGH,
            2,
            Duration.ofSeconds(5),
            Duration.ZERO,
            Duration.ofSeconds(5),
            new MonotonicTimestampGenerator(),
            Duration.ofMillis(200),
            Duration.ofSeconds(10),
            true,
            List.of(),
            false,
            policies,
            List.of(),
            List.of(),
            ProtocolVersion.V4,
            0,
            0);
    return new ConnectionSettings(config, new SessionMetrics());
  }
}
