package org.cql4j.session.internal.metadata;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cql4j.session.Node;

/**
 * Collects the replica list of each range of a ring while a strategy walks it, one range at a time.
 * Confined to the thread that computes one strategy's placement.
 *
 * <p>Equal lists are stored once: neighbouring ranges often have the same replicas, and with a low
 * replication factor most ranges of a node do, which keeps the memory of a 1,000-node ring with 256
 * vnodes each to a fraction of one list per range.
 */
final class ReplicaLists {
  private final TokenRing ring;
  private final List<Node>[] byRange;
  private final Map<List<Node>, List<Node>> canonical = new HashMap<>();
  private final List<Node> current = new ArrayList<>();
  // the range during which a node was added, per node id: no clearing between ranges
  private final int[] addedAt;
  private int range = -1;

  @SuppressWarnings("unchecked")
  ReplicaLists(TokenRing ring) {
    this.ring = ring;
    this.byRange = (List<Node>[]) new List<?>[ring.size()];
    this.addedAt = new int[ring.nodes().size()];
    Arrays.fill(addedAt, -1);
  }

  /** Starts the list of the next range; call once per range, in ring order. */
  void startRange() {
    range++;
    current.clear();
  }

  /**
   * Adds a node to the current range's list, unless it is there already.
   *
   * @param node the node's id on the ring
   */
  void add(int node) {
    if (addedAt[node] != range) {
      addedAt[node] = range;
      current.add(ring.nodes().get(node));
    }
  }

  boolean contains(int node) {
    return addedAt[node] == range;
  }

  /** The number of nodes in the current range's list. */
  int size() {
    return current.size();
  }

  /** Ends the current range's list. */
  void endRange() {
    List<Node> known = canonical.get(current);
    if (known == null) {
      known = List.copyOf(current);
      canonical.put(known, known);
    }
    byRange[range] = known;
  }

  /** The lists of all ranges, once each range has ended. */
  List<List<Node>> build() {
    return Collections.unmodifiableList(Arrays.asList(byRange));
  }
}
