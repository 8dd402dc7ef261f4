package org.cql4j.session.internal.metadata;

import java.util.List;
import java.util.Map;
import org.cql4j.session.Node;

/**
 * A keyspace's replication strategy, immutable and thread-safe: parsed from its {@code
 * system_schema.keyspaces.replication} map, it places the replicas of each token range.
 *
 * <p>The variants are records, so two keyspaces whose options mean the same placement (the class
 * written in full or short) compare equal, which lets a {@link TokenMap} compute their replicas
 * once.
 */
public sealed interface ReplicationStrategy
    permits SimpleReplication,
        NetworkTopologyReplication,
        LocalReplication,
        EverywhereReplication,
        UnsupportedReplication {

  /**
   * Parses a keyspace's replication options. Never throws: options it cannot use (an unknown class,
   * a missing, negative or non-numeric replication factor) give an {@link UnsupportedReplication}
   * that says why.
   *
   * @param replication the options, e.g. {@code {class=org.apache.cassandra.locator.SimpleStrategy,
   *     replication_factor=3}}; may be null
   * @return the strategy
   */
  static ReplicationStrategy parse(Map<String, String> replication) {
    return ReplicationOptions.parse(replication);
  }

  /**
   * Places the replicas of every range of a ring. Not for the request path: it walks the ring from
   * every token.
   *
   * @param ring the ring
   * @return for each position {@code i} of the ring, the replicas of the range ending at {@code
   *     ring.token(i)}, primary first; each list unmodifiable, equal lists often the same instance.
   *     An empty list (not one per range) when the strategy places no replica the driver can know:
   *     an empty ring, {@link LocalReplication} and {@link UnsupportedReplication}
   */
  List<List<Node>> replicasByRange(TokenRing ring);
}
