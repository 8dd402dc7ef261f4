package org.cql4j.session;

import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.cql4j.session.internal.metadata.DefaultClusterState;
import org.cql4j.session.internal.metadata.Tablets;
import org.cql4j.session.internal.metadata.TokenMap;

/**
 * A snapshot of what the driver knows of the cluster: the nodes, and where each token's replicas
 * are (the Rust driver's {@code ClusterState}). Immutable and thread-safe; the session replaces the
 * whole snapshot when the topology or the schema changes, so a request sees one consistent view.
 * Only the nodes' up/down flags ({@link Node#isUp()}) change under it.
 *
 * <p>Every lookup is precomputed when the snapshot is built, so policies can call them per request
 * without allocating.
 */
public interface ClusterState {

  /**
   * A snapshot of the given nodes, in the given order, without replication: {@link #replicas} knows
   * none. Thread-safe.
   *
   * @param nodes the nodes; addresses must be distinct
   * @return the snapshot
   * @throws IllegalArgumentException if two nodes share an address
   */
  static ClusterState of(Collection<? extends Node> nodes) {
    return new DefaultClusterState(nodes, TokenMap.EMPTY, new Tablets(), Map.of());
  }

  /**
   * A snapshot of the given nodes and keyspaces, with the replicas of every token range placed as
   * the keyspaces' replication says. Thread-safe; for tests and for checking a custom policy.
   *
   * @param nodes the nodes, with their tokens; addresses must be distinct
   * @param replicationByKeyspace each keyspace's replication options, as in {@code
   *     system_schema.keyspaces.replication} (e.g. {@code {class=SimpleStrategy,
   *     replication_factor=3}})
   * @return the snapshot
   * @throws IllegalArgumentException if two nodes share an address
   */
  static ClusterState of(
      Collection<? extends Node> nodes, Map<String, Map<String, String>> replicationByKeyspace) {
    return new DefaultClusterState(
        nodes, TokenMap.build(nodes, replicationByKeyspace), new Tablets(), Map.of());
  }

  /** The snapshot with no node. Thread-safe. */
  static ClusterState empty() {
    return DefaultClusterState.EMPTY;
  }

  /** Every known node, up or down, in a stable order; unmodifiable. */
  List<Node> nodes();

  /**
   * Finds the node with the given address.
   *
   * @param address the address the driver connects to
   * @return the node, or empty
   */
  Optional<Node> node(InetSocketAddress address);

  /**
   * Finds the node with the given host id.
   *
   * @param hostId the host id
   * @return the node, or empty
   */
  Optional<Node> nodeByHostId(UUID hostId);

  /** The names of the datacenters that have known nodes, in order of first appearance. */
  Set<String> datacenters();

  /**
   * The nodes of one datacenter, up or down, in the order of {@link #nodes()}; unmodifiable.
   *
   * @param datacenter the datacenter name
   * @return the nodes, empty for an unknown datacenter
   */
  List<Node> nodesInDatacenter(String datacenter);

  /**
   * The nodes of one rack of a datacenter, up or down, in the order of {@link #nodes()};
   * unmodifiable.
   *
   * @param datacenter the datacenter name
   * @param rack the rack name
   * @return the nodes, empty for an unknown datacenter or rack
   */
  List<Node> nodesInRack(String datacenter, String rack);

  /**
   * The replicas of a token of a table, primary replica first (the Rust driver's {@code
   * get_token_endpoints}), up or down: those of the token's tablet when the table uses ScyllaDB's
   * tablets and the session has learned that tablet, else those the keyspace's replication strategy
   * places on the token ring.
   *
   * @param keyspace the keyspace, as stored (case-sensitive)
   * @param table the table (tables of one keyspace share their replicas on a token ring)
   * @param token the token, e.g. from {@code PreparedStatement.computeToken}
   * @return the replicas, unmodifiable; empty for an unknown keyspace, one whose replication the
   *     driver cannot place (it logs why, once), or {@code LocalStrategy}
   */
  List<Node> replicas(String keyspace, String table, Token token);

  /**
   * As {@link #replicas(String, String, Token)}, for a token held as a primitive (what {@code
   * RoutingInfo.tokenValue()} gives): allocates nothing, for policies.
   *
   * @param keyspace the keyspace, as stored
   * @param table the table
   * @param token the token's value
   * @return the replicas, primary first, unmodifiable
   */
  List<Node> replicas(String keyspace, String table, long token);

  /**
   * The schema, by keyspace name (the Rust driver's {@code ClusterState::get_keyspace_info}); empty
   * when {@code SessionBuilder.fetchSchemaMetadata(false)}. Kept current through SCHEMA_CHANGE
   * events; the session's own DDL is visible when its request completes.
   *
   * @return the keyspaces, unmodifiable
   */
  Map<String, KeyspaceMetadata> keyspaces();

  /**
   * One keyspace's schema.
   *
   * @param name the keyspace's name, as stored (case-sensitive)
   * @return its metadata, or empty when unknown
   */
  Optional<KeyspaceMetadata> keyspace(String name);

  /**
   * The token of a partition of a table, from its partition key values (the Rust driver's {@code
   * compute_token}): the values are serialized with the columns' types from the schema and hashed
   * as the server does.
   *
   * @param keyspace the keyspace, as stored
   * @param table the table
   * @param values the partition key: positional in key order ({@code Values.of(pk1, pk2)}, a {@code
   *     List}, an {@code Object[]}), by column name (a {@code Map}), or a {@code @Row} record
   * @return the token
   * @throws IllegalArgumentException if the table is not in the schema (or schema metadata is off),
   *     or a key value is missing or null
   * @throws org.cql4j.protocol.serialize.SerializationException if a value does not fit its column
   */
  Token computeToken(String keyspace, String table, Object values);
}
