package org.cql4j.session.internal.metadata;

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
import org.cql4j.session.ClusterState;
import org.cql4j.session.KeyspaceMetadata;
import org.cql4j.session.Node;
import org.cql4j.session.TableMetadata;
import org.cql4j.session.Token;
import org.cql4j.session.internal.routing.PartitionKeyTokens;

/**
 * The driver's {@link ClusterState}: the nodes, lookups over them and the token map. Immutable and
 * thread-safe; only the nodes' up/down flags change under it.
 *
 * <p>Lookups by address, host id and datacenter, and the replicas of every token range, are
 * precomputed when the snapshot is built, so policies can call them per request without allocating.
 */
public final class DefaultClusterState implements ClusterState {
  /** The snapshot with no node. */
  public static final DefaultClusterState EMPTY =
      new DefaultClusterState(List.of(), TokenMap.EMPTY, new Tablets(), Map.of());

  private final List<Node> nodes;
  private final TokenMap tokenMap;
  private final Tablets tablets;
  private final Map<String, KeyspaceMetadata> keyspaces;
  private final Map<InetSocketAddress, Node> byAddress;
  private final Map<UUID, Node> byHostId;
  private final Map<String, List<Node>> byDatacenter;
  private final Map<String, Map<String, List<Node>>> byRack;

  /**
   * Creates a snapshot.
   *
   * @param nodes the nodes, in a stable order; addresses must be distinct
   * @param tokenMap the replicas of the nodes' token ranges
   * @param tablets the tablets learned so far (shared by the snapshots: they change with every
   *     payload, not with the topology)
   * @param keyspaces the schema, by keyspace name (empty when schema metadata is off)
   * @throws IllegalArgumentException if two nodes share an address
   */
  public DefaultClusterState(
      Collection<? extends Node> nodes,
      TokenMap tokenMap,
      Tablets tablets,
      Map<String, KeyspaceMetadata> keyspaces) {
    this.nodes = List.copyOf(nodes);
    this.tokenMap = tokenMap;
    this.tablets = tablets;
    this.keyspaces = Collections.unmodifiableMap(new LinkedHashMap<>(keyspaces));
    Map<InetSocketAddress, Node> addresses = new HashMap<>();
    Map<UUID, Node> hostIds = new HashMap<>();
    Map<String, List<Node>> dcs = new LinkedHashMap<>();
    Map<String, Map<String, List<Node>>> racks = new HashMap<>();
    for (Node node : this.nodes) {
      if (addresses.putIfAbsent(node.address(), node) != null) {
        throw new IllegalArgumentException("two nodes with address " + node.address());
      }
      if (node.hostId() != null) {
        hostIds.put(node.hostId(), node);
      }
      if (node.datacenter() != null) {
        dcs.computeIfAbsent(node.datacenter(), dc -> new ArrayList<>()).add(node);
        if (node.rack() != null) {
          racks
              .computeIfAbsent(node.datacenter(), dc -> new HashMap<>())
              .computeIfAbsent(node.rack(), r -> new ArrayList<>())
              .add(node);
        }
      }
    }
    this.byAddress = Map.copyOf(addresses);
    this.byHostId = Map.copyOf(hostIds);
    Map<String, List<Node>> frozen = new LinkedHashMap<>();
    dcs.forEach((dc, list) -> frozen.put(dc, List.copyOf(list)));
    this.byDatacenter = Collections.unmodifiableMap(frozen);
    Map<String, Map<String, List<Node>>> frozenRacks = new HashMap<>();
    racks.forEach(
        (dc, byName) -> {
          Map<String, List<Node>> copy = new HashMap<>();
          byName.forEach((rack, list) -> copy.put(rack, List.copyOf(list)));
          frozenRacks.put(dc, Map.copyOf(copy));
        });
    this.byRack = Map.copyOf(frozenRacks);
  }

  @Override
  public List<Node> nodes() {
    return nodes;
  }

  @Override
  public Optional<Node> node(InetSocketAddress address) {
    return Optional.ofNullable(byAddress.get(address));
  }

  @Override
  public Optional<Node> nodeByHostId(UUID hostId) {
    return Optional.ofNullable(byHostId.get(hostId));
  }

  @Override
  public Set<String> datacenters() {
    return byDatacenter.keySet();
  }

  @Override
  public List<Node> nodesInDatacenter(String datacenter) {
    return byDatacenter.getOrDefault(datacenter, List.of());
  }

  @Override
  public List<Node> nodesInRack(String datacenter, String rack) {
    Map<String, List<Node>> racks = byRack.get(datacenter);
    List<Node> nodes = racks == null ? null : racks.get(rack);
    return nodes == null ? List.of() : nodes;
  }

  @Override
  public List<Node> replicas(String keyspace, String table, Token token) {
    return replicas(keyspace, table, token.value());
  }

  @Override
  public List<Node> replicas(String keyspace, String table, long token) {
    Tablets.Entry tablet = tablets.isEmpty() ? null : tablets.find(keyspace, table, token);
    return tablet != null ? tablet.replicas() : tokenMap.replicas(keyspace, token);
  }

  /**
   * The shard of a node that holds a token's tablet, when the node is a replica of a known tablet
   * (ScyllaDB). Allocates nothing.
   *
   * @param keyspace the keyspace
   * @param table the table
   * @param token the token
   * @param node the node
   * @return the shard, or -1 when no known tablet says (the shard then follows from the token)
   */
  public int tabletShard(String keyspace, String table, long token, Node node) {
    Tablets.Entry tablet = tablets.isEmpty() ? null : tablets.find(keyspace, table, token);
    if (tablet != null) {
      List<Node> replicas = tablet.replicas();
      for (int i = 0; i < replicas.size(); i++) {
        if (replicas.get(i) == node) {
          return tablet.shards()[i];
        }
      }
    }
    return -1;
  }

  @Override
  public Map<String, KeyspaceMetadata> keyspaces() {
    return keyspaces;
  }

  @Override
  public Optional<KeyspaceMetadata> keyspace(String name) {
    return Optional.ofNullable(keyspaces.get(name));
  }

  @Override
  public Token computeToken(String keyspace, String table, Object values) {
    TableMetadata metadata =
        keyspace(keyspace)
            .flatMap(ks -> ks.table(table))
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        keyspaces.isEmpty()
                            ? "no schema metadata (SessionBuilder.fetchSchemaMetadata is off):"
                                + " cannot find the partition key of "
                                + keyspace
                                + "."
                                + table
                            : "no table " + keyspace + "." + table + " in the schema"));
    return Token.of(PartitionKeyTokens.compute(metadata, values));
  }

  /** A snapshot with the same nodes and replicas and another schema. */
  DefaultClusterState withKeyspaces(Map<String, KeyspaceMetadata> schema) {
    return new DefaultClusterState(nodes, tokenMap, tablets, schema);
  }

  /** The tablets learned so far. */
  public Tablets tablets() {
    return tablets;
  }

  /** The token map, to build the next snapshot from. */
  public TokenMap tokenMap() {
    return tokenMap;
  }

  @Override
  public String toString() {
    return "ClusterState" + nodes;
  }
}
