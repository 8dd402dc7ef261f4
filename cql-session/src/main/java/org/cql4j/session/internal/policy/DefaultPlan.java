package org.cql4j.session.internal.policy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ThreadLocalRandom;
import org.cql4j.session.ClusterState;
import org.cql4j.session.Node;

/**
 * The fallback plan of {@code DefaultLoadBalancingPolicy}: the live replicas by locality tier
 * (shuffled within a tier, or in ring order), then the other live nodes by tier, round-robin, then
 * the nodes latency awareness penalized. Confined to one request; the non-replica part is walked
 * lazily, as the plan advances.
 */
public final class DefaultPlan implements Iterator<Node> {
  private final List<Node> replicas;
  private final ClusterState cluster;
  private final int start;
  private final Locality locality;
  private final LatencyTracker latency;
  private final List<Node> orderedReplicas;
  private final List<Node> penalized = new ArrayList<>();
  private int replicaIndex;
  private int tier;
  private List<Node> candidates;
  private int candidateIndex;
  private int penalizedIndex;
  private Node next;

  /**
   * Creates the plan.
   *
   * @param replicas the request's replicas, primary first; empty without a token
   * @param shuffle whether replicas of one tier come in random order (else ring order)
   * @param cluster the snapshot
   * @param start the round-robin offset for the other nodes
   * @param locality the tiers
   * @param latency the latency tracker, or null without latency awareness
   */
  public DefaultPlan(
      List<Node> replicas,
      boolean shuffle,
      ClusterState cluster,
      int start,
      Locality locality,
      LatencyTracker latency) {
    this.replicas = replicas;
    this.cluster = cluster;
    this.start = start;
    this.locality = locality;
    this.latency = latency;
    this.orderedReplicas = order(replicas, shuffle, locality);
  }

  private static List<Node> order(List<Node> replicas, boolean shuffle, Locality locality) {
    if (replicas.isEmpty()) {
      return List.of();
    }
    List<Node> ordered = new ArrayList<>(replicas.size());
    for (int tier = 0; tier < locality.tiers(); tier++) {
      int from = ordered.size();
      for (Node node : replicas) {
        if (locality.tierOf(node) == tier) {
          ordered.add(node);
        }
      }
      if (shuffle) {
        Collections.shuffle(ordered.subList(from, ordered.size()), ThreadLocalRandom.current());
      }
    }
    return ordered;
  }

  @Override
  public boolean hasNext() {
    while (next == null) {
      Node candidate = advance();
      if (candidate == null) {
        return false;
      }
      if (latency != null && penalizedIndex == 0 && latency.isPenalized(candidate)) {
        penalized.add(candidate); // tried after every other node
      } else {
        next = candidate;
      }
    }
    return true;
  }

  // the next live node of the plan before the penalized ones, then the penalized ones; null at the
  // end
  private Node advance() {
    while (replicaIndex < orderedReplicas.size()) {
      Node node = orderedReplicas.get(replicaIndex++);
      if (node.isUp()) {
        return node;
      }
    }
    while (tier < locality.tiers()) {
      if (candidates == null) {
        candidates = locality.candidates(cluster, tier);
        candidateIndex = 0;
      }
      int n = candidates.size();
      while (candidateIndex < n) {
        Node node = candidates.get((Math.floorMod(start, n) + candidateIndex++) % n);
        if (node.isUp() && locality.tierOf(node) == tier && !replicas.contains(node)) {
          return node;
        }
      }
      tier++;
      candidates = null;
    }
    return penalizedIndex < penalized.size() ? penalized.get(penalizedIndex++) : null;
  }

  @Override
  public Node next() {
    if (!hasNext()) {
      throw new NoSuchElementException("the query plan is exhausted");
    }
    Node node = next;
    next = null;
    return node;
  }
}
