package org.cql4j.session.internal.metadata;

import java.util.List;
import java.util.Map;
import org.cql4j.session.Node;

/**
 * {@code NetworkTopologyStrategy}, immutable and thread-safe: a replication factor per datacenter,
 * and replicas spread over the racks of each datacenter.
 *
 * <p>The replicas of a range are found as Cassandra's {@code NetworkTopologyStrategy} finds them,
 * walking the ring from the range (see {@link RackAwarePlacement}). A datacenter missing from the
 * topology gets no replicas; one with fewer nodes than its factor gets all of them.
 *
 * @param replicationFactors the number of replicas per datacenter name, each at least 0
 */
public record NetworkTopologyReplication(Map<String, Integer> replicationFactors)
    implements ReplicationStrategy {

  /**
   * Copies the factors.
   *
   * @throws IllegalArgumentException if a factor is negative
   */
  public NetworkTopologyReplication {
    replicationFactors = Map.copyOf(replicationFactors);
    for (Map.Entry<String, Integer> factor : replicationFactors.entrySet()) {
      if (factor.getValue() < 0) {
        throw new IllegalArgumentException(
            "negative replication factor " + factor.getValue() + " for " + factor.getKey());
      }
    }
  }

  @Override
  public List<List<Node>> replicasByRange(TokenRing ring) {
    return ring.size() == 0 ? List.of() : new RackAwarePlacement(ring, replicationFactors).place();
  }
}
