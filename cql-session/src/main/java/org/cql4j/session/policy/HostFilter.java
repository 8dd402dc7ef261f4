package org.cql4j.session.policy;

import java.util.Arrays;
import java.util.Set;
import org.cql4j.session.Node;

/**
 * Which nodes the session connects to (the Rust driver's {@code HostFilter}, the Java driver's node
 * filter); implementations must be thread-safe and quick. A node the filter refuses stays in {@code
 * ClusterState.nodes()} (it is part of the cluster) but gets no connection pool, so it is down for
 * the session and no request goes to it. Set with {@code SessionBuilder.hostFilter}; by default
 * every node is accepted.
 */
@FunctionalInterface
public interface HostFilter {

  /**
   * Whether the session may connect to a node. Called when a node appears in the topology.
   *
   * @param node the node, with its address, datacenter and rack
   * @return true to connect to it
   */
  boolean accept(Node node);

  /**
   * The filter that accepts only the nodes of some datacenters.
   *
   * @param datacenters the datacenters to connect to, at least one (repeats are harmless)
   * @return the filter
   * @throws NullPointerException if a name is null
   * @throws IllegalArgumentException if no datacenter is given
   */
  static HostFilter datacenters(String... datacenters) {
    if (datacenters.length == 0) {
      throw new IllegalArgumentException("name at least one datacenter");
    }
    Set<String> accepted = Set.copyOf(Arrays.asList(datacenters));
    return node -> accepted.contains(node.datacenter());
  }
}
