package org.cql4j.testkit.proxy;

import java.util.Objects;
import java.util.UUID;

/**
 * One replica of a tablet: a node, by host id, and the shard on it. Immutable and thread-safe.
 *
 * @param hostId the node's host id ({@code system.local.host_id}; see {@code ProxyNode.hostId()})
 * @param shard the shard on that node
 */
public record TabletReplica(UUID hostId, int shard) {
  /** Checks the host id is present and the shard not negative. */
  public TabletReplica {
    Objects.requireNonNull(hostId, "hostId");
    if (shard < 0) {
      throw new IllegalArgumentException("shard must be >= 0, was " + shard);
    }
  }
}
