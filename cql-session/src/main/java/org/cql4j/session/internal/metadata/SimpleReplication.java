package org.cql4j.session.internal.metadata;

import java.util.List;
import org.cql4j.session.Node;

/**
 * {@code SimpleStrategy}, immutable and thread-safe: the replicas of a range are the first {@code
 * replicationFactor} distinct nodes met walking the ring from the range, ignoring datacenters and
 * racks.
 *
 * @param replicationFactor the number of replicas, at least 0; a factor above the number of nodes
 *     places a replica on every node
 */
public record SimpleReplication(int replicationFactor) implements ReplicationStrategy {

  /**
   * Checks the factor.
   *
   * @throws IllegalArgumentException if the factor is negative
   */
  public SimpleReplication {
    if (replicationFactor < 0) {
      throw new IllegalArgumentException("negative replication factor " + replicationFactor);
    }
  }

  @Override
  public List<List<Node>> replicasByRange(TokenRing ring) {
    int size = ring.size();
    if (size == 0) {
      return List.of();
    }
    int wanted = Math.min(replicationFactor, ring.nodes().size());
    ReplicaLists lists = new ReplicaLists(ring);
    for (int i = 0; i < size; i++) {
      lists.startRange();
      for (int at = i; lists.size() < wanted; at = at + 1 == size ? 0 : at + 1) {
        lists.add(ring.ownerId(at));
      }
      lists.endRange();
    }
    return lists.build();
  }
}
