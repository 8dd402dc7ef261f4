package org.cql4j.session;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A snapshot of the cluster's topology: the known nodes and lookups over them. Immutable and
 * thread-safe; the session replaces the whole snapshot when the topology changes, so a request sees
 * one consistent view. Only the nodes' up/down flags ({@link Node#isUp()}) change under it.
 *
 * <p>Lookups by address, host id and datacenter are precomputed, so policies can call them per
 * request without allocating.
 */
public final class ClusterState {
  private static final ClusterState EMPTY = new ClusterState(List.of());

  private final List<Node> nodes;
  private final Map<InetSocketAddress, Node> byAddress;
  private final Map<UUID, Node> byHostId;
  private final Map<String, List<Node>> byDatacenter;

  private ClusterState(Collection<? extends Node> nodes) {
    this.nodes = List.copyOf(nodes);
    Map<InetSocketAddress, Node> addresses = new HashMap<>();
    Map<UUID, Node> hostIds = new HashMap<>();
    Map<String, List<Node>> dcs = new LinkedHashMap<>();
    for (Node node : this.nodes) {
      if (addresses.putIfAbsent(node.address(), node) != null) {
        throw new IllegalArgumentException("two nodes with address " + node.address());
      }
      if (node.hostId() != null) {
        hostIds.put(node.hostId(), node);
      }
      if (node.datacenter() != null) {
        dcs.computeIfAbsent(node.datacenter(), dc -> new ArrayList<>()).add(node);
      }
    }
    this.byAddress = Map.copyOf(addresses);
    this.byHostId = Map.copyOf(hostIds);
    Map<String, List<Node>> frozen = new LinkedHashMap<>();
    dcs.forEach((dc, list) -> frozen.put(dc, List.copyOf(list)));
    this.byDatacenter = Collections.unmodifiableMap(frozen);
  }

  /**
   * Creates a snapshot of the given nodes, in the given order. Thread-safe.
   *
   * @param nodes the nodes; addresses must be distinct
   * @return the snapshot
   * @throws IllegalArgumentException if two nodes share an address
   */
  public static ClusterState of(Collection<? extends Node> nodes) {
    return new ClusterState(nodes);
  }

  /** The snapshot with no node. Thread-safe. */
  public static ClusterState empty() {
    return EMPTY;
  }

  /** Every known node, up or down, in a stable order; unmodifiable. */
  public List<Node> nodes() {
    return nodes;
  }

  /**
   * Finds the node with the given address.
   *
   * @param address the address the driver connects to
   * @return the node, or empty
   */
  public Optional<Node> node(InetSocketAddress address) {
    return Optional.ofNullable(byAddress.get(address));
  }

  /**
   * Finds the node with the given host id.
   *
   * @param hostId the host id
   * @return the node, or empty
   */
  public Optional<Node> nodeByHostId(UUID hostId) {
    return Optional.ofNullable(byHostId.get(hostId));
  }

  /** The names of the datacenters that have known nodes, in order of first appearance. */
  public Set<String> datacenters() {
    return byDatacenter.keySet();
  }

  /**
   * The nodes of one datacenter, up or down, in the order of {@link #nodes()}; unmodifiable.
   *
   * @param datacenter the datacenter name
   * @return the nodes, empty for an unknown datacenter
   */
  public List<Node> nodesInDatacenter(String datacenter) {
    return byDatacenter.getOrDefault(datacenter, List.of());
  }

  @Override
  public String toString() {
    return "ClusterState" + nodes;
  }
}
