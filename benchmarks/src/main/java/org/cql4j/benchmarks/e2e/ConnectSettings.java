package org.cql4j.benchmarks.e2e;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * What a {@link DriverUnderTest} connects with, immutable and thread-safe.
 *
 * @param contactPoints the CQL endpoints to start from: the one node of a single-node target, every
 *     node of a ring
 * @param localDataCenter the nodes' data center
 * @param requestTimeout the request timeout to configure
 * @param topology one node, a Cassandra ring, or ScyllaDB nodes
 */
public record ConnectSettings(
    List<InetSocketAddress> contactPoints,
    String localDataCenter,
    Duration requestTimeout,
    Topology topology) {

  /** Copies the contact points and checks that there is at least one. */
  public ConnectSettings {
    contactPoints = List.copyOf(contactPoints);
    if (contactPoints.isEmpty()) {
      throw new IllegalArgumentException("At least one contact point is needed");
    }
  }
}
