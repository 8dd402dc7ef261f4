package org.cql4j.testkit.internal.proxy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the proxy knows of the cluster behind it: each node's host id and tokens, and each
 * keyspace's replication; thread-safe (an immutable snapshot swapped on refresh).
 *
 * <p>Replicas follow SimpleStrategy and NetworkTopologyStrategy as if every node were in one data
 * center and one rack (the test kit's clusters are): the replication factor's nodes clockwise from
 * the token's owner. LocalStrategy keyspaces (the system ones) are owned by every node.
 */
final class ClusterMetadata {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterMetadata.class);

  private record Snapshot(
      Map<Integer, UUID> hostIds,
      TreeMap<Long, Integer> ring,
      Map<String, Integer> replicationFactors) {}

  private final List<InetSocketAddress> nodes;
  private final String username;
  private final String password;
  private volatile Snapshot snapshot = new Snapshot(Map.of(), new TreeMap<>(), Map.of());

  ClusterMetadata(List<InetSocketAddress> nodes, String username, String password) {
    this.nodes = List.copyOf(nodes);
    this.username = username;
    this.password = password;
  }

  /**
   * Reads the topology and replication again, from the first node that answers; blocks (call it off
   * the event loops).
   *
   * @return whether a node answered
   */
  boolean refresh() {
    for (InetSocketAddress node : nodes) {
      try (MetadataReader reader = new MetadataReader(node, username, password)) {
        snapshot = read(reader);
        return true;
      } catch (IOException | RuntimeException e) {
        LOG.debug("CqlProxy could not read metadata from {}: {}", node, e.toString());
      }
    }
    return false;
  }

  private Snapshot read(MetadataReader reader) throws IOException {
    Map<Integer, UUID> hostIds = new HashMap<>();
    TreeMap<Long, Integer> ring = new TreeMap<>();
    List<Map<String, byte[]>> rows = new ArrayList<>();
    for (Map<String, byte[]> local :
        reader.rows("SELECT host_id, tokens, rpc_address FROM system.local")) {
      rows.add(local);
    }
    rows.addAll(reader.rows("SELECT host_id, tokens, rpc_address FROM system.peers"));
    for (Map<String, byte[]> row : rows) {
      int number = numberOf(MetadataReader.inet(row.get("rpc_address")));
      if (number < 0) {
        continue;
      }
      hostIds.put(number, MetadataReader.uuid(row.get("host_id")));
      for (String token : MetadataReader.texts(row.get("tokens"))) {
        ring.put(Long.parseLong(token), number);
      }
    }
    Map<String, Integer> factors = new HashMap<>();
    for (Map<String, byte[]> row :
        reader.rows("SELECT keyspace_name, replication FROM system_schema.keyspaces")) {
      String keyspace =
          new String(row.get("keyspace_name"), java.nio.charset.StandardCharsets.UTF_8);
      factors.put(keyspace, factor(MetadataReader.textMap(row.get("replication"))));
    }
    return new Snapshot(Map.copyOf(hostIds), ring, Map.copyOf(factors));
  }

  /** The replication factor, or 0 for "every node" (LocalStrategy, EverywhereStrategy). */
  private static int factor(Map<String, String> replication) {
    String strategy = replication.getOrDefault("class", "");
    if (strategy.endsWith("SimpleStrategy")) {
      return Integer.parseInt(replication.getOrDefault("replication_factor", "1"));
    }
    if (strategy.endsWith("NetworkTopologyStrategy")) {
      int sum = 0;
      for (Map.Entry<String, String> e : replication.entrySet()) {
        if (!e.getKey().equals("class") && !e.getKey().equals("replication_factor")) {
          sum += Integer.parseInt(e.getValue().replaceAll("\\D.*", ""));
        }
      }
      return sum;
    }
    return 0;
  }

  private int numberOf(InetAddress address) {
    for (int i = 0; i < nodes.size(); i++) {
      if (nodes.get(i).getAddress().equals(address)) {
        return i + 1;
      }
    }
    return -1;
  }

  /** A node's host id, by number. */
  Optional<UUID> hostId(int node) {
    return Optional.ofNullable(snapshot.hostIds().get(node));
  }

  /** The node with a host id, or -1. */
  int nodeOf(UUID hostId) {
    for (Map.Entry<Integer, UUID> e : snapshot.hostIds().entrySet()) {
      if (e.getValue().equals(hostId)) {
        return e.getKey();
      }
    }
    return -1;
  }

  /**
   * The nodes that replicate a token of a keyspace.
   *
   * @return node numbers, primary first; empty when the keyspace or the ring is unknown; every node
   *     for keyspaces replicated everywhere
   */
  List<Integer> replicas(String keyspace, long token) {
    Snapshot s = snapshot;
    Integer factor = keyspace == null ? null : s.replicationFactors().get(keyspace);
    if (factor == null || s.ring().isEmpty()) {
      return List.of();
    }
    if (factor == 0) {
      return List.copyOf(s.hostIds().keySet());
    }
    List<Integer> out = new ArrayList<>(factor);
    Map.Entry<Long, Integer> entry = s.ring().ceilingEntry(token);
    Long start = entry == null ? s.ring().firstKey() : entry.getKey();
    int distinct = (int) s.ring().values().stream().distinct().count();
    Long key = start;
    while (out.size() < Math.min(factor, distinct)) {
      int node = s.ring().get(key);
      if (!out.contains(node)) {
        out.add(node);
      }
      key = s.ring().higherKey(key);
      if (key == null) {
        key = s.ring().firstKey();
      }
    }
    return out;
  }
}
