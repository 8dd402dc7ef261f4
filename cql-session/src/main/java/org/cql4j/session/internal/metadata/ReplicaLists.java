package org.cql4j.session.internal.metadata;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.cql4j.session.Node;

/**
 * Confined to the thread that computes one strategy's placement, collects the replica list of each
 * range of a ring while the strategy walks it, one range at a time.
 *
 * <p>A list equal to the last one built with the same primary replica is not stored again: that
 * shares the lists of ranges whose replicas repeat (every range of a node with one replica per
 * range, neighbouring ranges of a node, many ranges of a small cluster) without the cost of a map
 * of every list, most of which are distinct on a large ring with vnodes.
 */
final class ReplicaLists {
  private final TokenRing ring;
  private final List<Node>[] byRange;
  private final List<Node>[] lastByPrimary;
  private final List<Node> current = new ArrayList<>();
  private int primary;
  // the range during which a node was added, per node id: no clearing between ranges
  private final int[] addedAt;
  private int range = -1;

  @SuppressWarnings("unchecked")
  ReplicaLists(TokenRing ring) {
    this.ring = ring;
    this.byRange = (List<Node>[]) new List<?>[ring.size()];
    this.lastByPrimary = (List<Node>[]) new List<?>[ring.nodes().size()];
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
      if (current.isEmpty()) {
        primary = node;
      }
      current.add(ring.nodes().get(node));
    }
  }

  /** Whether a node is in the current range's list already. */
  boolean contains(int node) {
    return addedAt[node] == range;
  }

  /** The number of nodes in the current range's list. */
  int size() {
    return current.size();
  }

  /** Ends the current range's list. */
  void endRange() {
    if (current.isEmpty()) {
      byRange[range] = List.of();
      return;
    }
    List<Node> last = lastByPrimary[primary];
    if (last == null || !last.equals(current)) {
      last = List.copyOf(current);
      lastByPrimary[primary] = last;
    }
    byRange[range] = last;
  }

  /** The lists of all ranges, once each range has ended. */
  List<List<Node>> build() {
    return Collections.unmodifiableList(Arrays.asList(byRange));
  }
}
