package org.cql4j.session.internal.metadata;

import java.util.List;
import org.cql4j.session.Node;

/**
 * {@code LocalStrategy}, immutable and thread-safe: each node keeps its own copy of the data (the
 * {@code system} keyspace), so the replica of any token is whichever node is asked.
 *
 * <p>No replica is known in advance: {@link #replicasByRange} is empty, and routing falls back to
 * the load-balancing policy's plan, which is right because every node answers for itself. (The Java
 * driver names the range's owner instead, which says nothing about where the data is.) Such a
 * keyspace is supported, not reported as unsupported: there is nothing to warn about.
 */
public record LocalReplication() implements ReplicationStrategy {
  /** The one instance. */
  public static final LocalReplication INSTANCE = new LocalReplication();

  @Override
  public List<List<Node>> replicasByRange(TokenRing ring) {
    return List.of();
  }
}
