package org.cql4j.session.internal.metadata;

import java.util.List;
import java.util.Map;

/**
 * What one read of the system tables says: the nodes and how each keyspace is replicated.
 * Immutable.
 *
 * @param nodes the nodes, the control node first
 * @param replication each keyspace's {@code system_schema.keyspaces.replication} map, by name
 */
public record Topology(List<NodeInfo> nodes, Map<String, Map<String, String>> replication) {
  /** Copies the lists and maps. */
  public Topology {
    nodes = List.copyOf(nodes);
    replication = Map.copyOf(replication);
  }
}
