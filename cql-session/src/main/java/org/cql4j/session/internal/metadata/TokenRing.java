package org.cql4j.session.internal.metadata;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.cql4j.session.Node;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Murmur3 token ring, immutable and thread-safe: every token of the known nodes, sorted, with
 * the node that owns it.
 *
 * <p>Position {@code i} stands for the token range {@code (token(i - 1), token(i)]}, which wraps
 * around for {@code i = 0} (Cassandra's ranges are open at the start and closed at the end), and
 * whose primary replica is {@code owner(i)}. {@link #indexOf} finds the range of any token.
 *
 * <p>A node without tokens (not known yet) is not on the ring. Two nodes cannot own one token in a
 * healthy cluster; if the topology says so anyway (a stale peer row), the first node given keeps
 * the token, so that the ring stays a function from tokens to owners.
 */
public final class TokenRing {
  private static final Logger LOG = LoggerFactory.getLogger(TokenRing.class);

  /** The ring without tokens: every lookup misses. */
  public static final TokenRing EMPTY = new TokenRing(new long[0], new int[0], List.of());

  private final long[] tokens;
  // The owner of tokens[i] is nodes.get(owners[i]): ints rather than references, so that replica
  // placement can index per-node scratch arrays instead of looking nodes up in maps.
  private final int[] owners;
  private final List<Node> nodes;

  private TokenRing(long[] tokens, int[] owners, List<Node> nodes) {
    this.tokens = tokens;
    this.owners = owners;
    this.nodes = nodes;
  }

  /**
   * Builds the ring of some nodes. Not for the request path: it sorts every token.
   *
   * @param nodes the nodes, in any order; those without tokens are left out
   * @return the ring
   */
  public static TokenRing of(Collection<? extends Node> nodes) {
    long[] tokens = distinctSortedTokens(nodes);
    if (tokens.length == 0) {
      return EMPTY;
    }
    // Finding each token's slot by binary search avoids sorting boxed (token, owner) pairs, of
    // which there can be 256,000 (1,000 nodes with 256 vnodes each).
    Node[] ownerNodes = new Node[tokens.length];
    for (Node node : nodes) {
      for (Long token : node.tokens()) {
        int at = Arrays.binarySearch(tokens, token);
        if (ownerNodes[at] == null) {
          ownerNodes[at] = node;
        } else if (ownerNodes[at] != node) {
          LOG.debug(
              "Token {} is claimed by {} and {}; the first keeps it", token, ownerNodes[at], node);
        }
      }
    }
    // Numbering the nodes in ring order makes nodes() the order of their lowest tokens.
    Map<Node, Integer> ids = new IdentityHashMap<>();
    List<Node> order = new ArrayList<>();
    int[] owners = new int[tokens.length];
    for (int i = 0; i < tokens.length; i++) {
      Integer id = ids.get(ownerNodes[i]);
      if (id == null) {
        id = order.size();
        ids.put(ownerNodes[i], id);
        order.add(ownerNodes[i]);
      }
      owners[i] = id;
    }
    return new TokenRing(tokens, owners, Collections.unmodifiableList(order));
  }

  private static long[] distinctSortedTokens(Collection<? extends Node> nodes) {
    int count = 0;
    for (Node node : nodes) {
      count += node.tokens().size();
    }
    long[] sorted = new long[count];
    int n = 0;
    for (Node node : nodes) {
      for (Long token : node.tokens()) {
        sorted[n++] = token;
      }
    }
    Arrays.sort(sorted);
    int distinct = 0;
    for (int i = 0; i < count; i++) {
      if (distinct == 0 || sorted[i] != sorted[distinct - 1]) {
        sorted[distinct++] = sorted[i];
      }
    }
    return distinct == count ? sorted : Arrays.copyOf(sorted, distinct);
  }

  /**
   * Finds the range a token belongs to: the position of the first ring token {@code >= token},
   * wrapping to 0 after the last. Allocates nothing.
   *
   * @param token any token
   * @return the range's position, or -1 if the ring is empty
   */
  public int indexOf(long token) {
    if (tokens.length == 0) {
      return -1;
    }
    int at = Arrays.binarySearch(tokens, token);
    if (at >= 0) {
      return at;
    }
    at = -at - 1; // the insertion point: the first token greater than this one
    return at == tokens.length ? 0 : at;
  }

  /**
   * The number of tokens, which is the number of ranges.
   *
   * @return the size, 0 for an empty ring
   */
  public int size() {
    return tokens.length;
  }

  /**
   * The token at a position: the inclusive end of that range.
   *
   * @param index a position, {@code 0 <= index < size()}
   * @return the token
   */
  public long token(int index) {
    return tokens[index];
  }

  /**
   * The node that owns a token: the primary replica of that range.
   *
   * @param index a position, {@code 0 <= index < size()}
   * @return the owner
   */
  public Node owner(int index) {
    return nodes.get(owners[index]);
  }

  /**
   * The nodes on the ring, each once, in the order of their lowest tokens.
   *
   * @return the nodes, unmodifiable; empty for an empty ring
   */
  public List<Node> nodes() {
    return nodes;
  }

  // the owner's position in nodes(), for the replica placement
  int ownerId(int index) {
    return owners[index];
  }
}
