package org.cql4j.session.internal.metadata;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.UUID;

/**
 * One node as a row of {@code system.local} or {@code system.peers(_v2)} describes it. Immutable.
 *
 * @param address the address the driver connects to
 * @param hostId the host id, or null
 * @param datacenter the datacenter, or null
 * @param rack the rack, or null
 * @param tokens the tokens (Murmur3 longs); empty if unknown or another partitioner
 * @param schemaVersion the schema version the node reported, or null
 * @param releaseVersion the Cassandra release, or null
 */
public record NodeInfo(
    InetSocketAddress address,
    UUID hostId,
    String datacenter,
    String rack,
    List<Long> tokens,
    UUID schemaVersion,
    String releaseVersion) {

  /** Copies the tokens. */
  public NodeInfo {
    tokens = List.copyOf(tokens);
  }
}
