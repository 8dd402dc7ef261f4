package org.cql4j.session.internal.metadata;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cql4j.session.Node;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replicas of every token range of every keyspace, precomputed for token-aware routing;
 * immutable and thread-safe: built off the request path and published whole, then read by any
 * number of requests.
 *
 * <p>{@link #replicas} allocates nothing: a map lookup, a binary search over the ring's tokens and
 * an array read. Keyspaces with the same replication share one computation and its lists.
 */
public final class TokenMap {
  private static final Logger LOG = LoggerFactory.getLogger(TokenMap.class);

  /** The map of an empty ring without keyspaces: no replicas known. */
  public static final TokenMap EMPTY = new TokenMap(TokenRing.EMPTY, Map.of(), Map.of(), Map.of());

  private final TokenRing ring;
  // per keyspace: the replica list of each ring position; an empty list when none is known
  private final Map<String, List<List<Node>>> replicasByKeyspace;
  // per distinct strategy: the same lists, to reuse them when only keyspaces change
  private final Map<ReplicationStrategy, List<List<Node>>> placements;
  private final Map<String, String> unsupported;

  private TokenMap(
      TokenRing ring,
      Map<String, List<List<Node>>> replicasByKeyspace,
      Map<ReplicationStrategy, List<List<Node>>> placements,
      Map<String, String> unsupported) {
    this.ring = ring;
    this.replicasByKeyspace = replicasByKeyspace;
    this.placements = placements;
    this.unsupported = unsupported;
  }

  /**
   * Builds the map of a topology and a schema. Not for the request path: with 1,000 nodes of 256
   * vnodes each, every distinct replication walks a ring of 256,000 tokens.
   *
   * @param nodes the known nodes; those without tokens are not on the ring
   * @param replicationByKeyspace each keyspace's {@code system_schema.keyspaces.replication} map,
   *     by keyspace name as stored (case-sensitive)
   * @return the map
   */
  public static TokenMap build(
      Collection<? extends Node> nodes, Map<String, Map<String, String>> replicationByKeyspace) {
    return EMPTY.with(TokenRing.of(nodes), replicationByKeyspace, Map.of());
  }

  /**
   * The map of the same ring with other keyspaces, after a schema change: a replication this map
   * knows already is not computed again.
   *
   * @param replicationByKeyspace each keyspace's replication map, as in {@link #build}
   * @return the new map
   */
  public TokenMap withKeyspaces(Map<String, Map<String, String>> replicationByKeyspace) {
    return with(ring, replicationByKeyspace, placements);
  }

  private TokenMap with(
      TokenRing ring,
      Map<String, Map<String, String>> replicationByKeyspace,
      Map<ReplicationStrategy, List<List<Node>>> known) {
    Map<ReplicationStrategy, List<List<Node>>> placements = new HashMap<>();
    Map<String, List<List<Node>>> byKeyspace = new HashMap<>();
    Map<String, String> unsupported = new TreeMap<>();
    for (Map.Entry<String, Map<String, String>> keyspace : replicationByKeyspace.entrySet()) {
      ReplicationStrategy strategy = ReplicationStrategy.parse(keyspace.getValue());
      if (strategy instanceof UnsupportedReplication u) {
        unsupported.put(keyspace.getKey(), u.reason());
      }
      List<List<Node>> byRange = placements.get(strategy);
      if (byRange == null) {
        byRange = known.get(strategy);
        if (byRange == null) {
          byRange = place(strategy, ring);
        }
        placements.put(strategy, byRange);
      }
      byKeyspace.put(keyspace.getKey(), byRange);
    }
    return new TokenMap(
        ring,
        Map.copyOf(byKeyspace),
        Map.copyOf(placements),
        Collections.unmodifiableMap(unsupported));
  }

  private static List<List<Node>> place(ReplicationStrategy strategy, TokenRing ring) {
    long start = System.nanoTime();
    List<List<Node>> byRange = strategy.replicasByRange(ring);
    LOG.debug(
        "Placed the replicas of {} on {} token ranges in {} ms",
        strategy,
        ring.size(),
        (System.nanoTime() - start) / 1_000_000);
    return byRange;
  }

  /**
   * The replicas of a token in a keyspace, primary first. Allocates nothing.
   *
   * @param keyspace the keyspace's name as stored (case-sensitive)
   * @param token the token
   * @return the replicas, unmodifiable; empty when none is known: an unknown keyspace, one with
   *     unsupported replication or {@code LocalStrategy}, or an empty ring
   */
  public List<Node> replicas(String keyspace, long token) {
    List<List<Node>> byRange = keyspace == null ? null : replicasByKeyspace.get(keyspace);
    if (byRange == null || byRange.isEmpty()) {
      return List.of();
    }
    return byRange.get(ring.indexOf(token));
  }

  /**
   * The keyspaces whose replication the driver cannot place, with the reason for each, for the
   * caller to warn about once: their requests are routed without token awareness.
   *
   * @return the reasons by keyspace name, in name order, unmodifiable
   */
  public Map<String, String> unsupportedKeyspaces() {
    return unsupported;
  }

  /**
   * The ring the replicas are placed on.
   *
   * @return the ring
   */
  public TokenRing ring() {
    return ring;
  }
}
