package org.cql4j.testkit.proxy;

import java.util.List;

/**
 * One tablet of a table: a token range and its replicas (scylla-protocol-extensions.md, "Tablets
 * routing v1"). Immutable and thread-safe.
 *
 * @param firstToken the range's start, exclusive
 * @param lastToken the range's end, inclusive
 * @param replicas the replicas in order
 * @param version the tablet's version, sent with {@code tablets-routing-v2} ("Tablets routing v2")
 */
public record Tablet(long firstToken, long lastToken, List<TabletReplica> replicas, long version) {
  /** Copies the replicas and checks the range. */
  public Tablet {
    replicas = List.copyOf(replicas);
    if (lastToken <= firstToken) {
      throw new IllegalArgumentException(
          "a tablet covers (firstToken, lastToken], got (" + firstToken + ", " + lastToken + "]");
    }
    if (replicas.isEmpty()) {
      throw new IllegalArgumentException("a tablet needs at least one replica");
    }
  }

  /** A tablet at version 1. */
  public Tablet(long firstToken, long lastToken, List<TabletReplica> replicas) {
    this(firstToken, lastToken, replicas, 1);
  }

  /** Whether the tablet owns {@code token}. */
  public boolean contains(long token) {
    return token > firstToken && token <= lastToken;
  }

  /** The same range with other replicas and the next version: the tablet migrated. */
  public Tablet migratedTo(List<TabletReplica> newReplicas) {
    return new Tablet(firstToken, lastToken, newReplicas, version + 1);
  }
}
