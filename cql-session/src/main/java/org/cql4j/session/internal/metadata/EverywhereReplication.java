package org.cql4j.session.internal.metadata;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import org.cql4j.session.Node;

/**
 * {@code EverywhereStrategy} (ScyllaDB, DSE), immutable and thread-safe: every node on the ring is
 * a replica of every range.
 *
 * <p>A range's list starts with its owner, then goes on with the other nodes in the order of their
 * lowest tokens, wrapping around: {@link TokenRing#nodes()} rotated to the owner. That is the exact
 * walk of the ring from the range when each node has one token. With vnodes, the exact walk would
 * be a distinct list of every node for nearly every range (256 million references for 1,000 nodes
 * with 256 vnodes each); the rotations are one list per node, all views of one array.
 */
public record EverywhereReplication() implements ReplicationStrategy {
  /** The one instance. */
  public static final EverywhereReplication INSTANCE = new EverywhereReplication();

  @Override
  public List<List<Node>> replicasByRange(TokenRing ring) {
    List<Node> nodes = ring.nodes();
    List<List<Node>> rotations = new ArrayList<>(nodes.size());
    for (int first = 0; first < nodes.size(); first++) {
      rotations.add(new Rotation(nodes, first));
    }
    List<List<Node>> byRange = new ArrayList<>(ring.size());
    for (int i = 0; i < ring.size(); i++) {
      byRange.add(rotations.get(ring.ownerId(i)));
    }
    return List.copyOf(byRange);
  }

  /** An unmodifiable view of a list that starts at one of its elements and wraps around. */
  private static final class Rotation extends AbstractList<Node> implements RandomAccess {
    private final List<Node> nodes;
    private final int first;

    Rotation(List<Node> nodes, int first) {
      this.nodes = nodes;
      this.first = first;
    }

    @Override
    public Node get(int index) {
      int at = first + Objects.checkIndex(index, nodes.size());
      return nodes.get(at < nodes.size() ? at : at - nodes.size());
    }

    @Override
    public int size() {
      return nodes.size();
    }
  }
}
