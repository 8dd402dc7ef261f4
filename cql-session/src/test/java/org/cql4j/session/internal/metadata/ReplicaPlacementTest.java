package org.cql4j.session.internal.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cql4j.session.internal.metadata.TestNodes.node;

import java.util.List;
import java.util.Map;
import org.cql4j.session.Node;
import org.junit.jupiter.api.Test;

/** Where each strategy places the replicas of each range, primary first. */
class ReplicaPlacementTest {

  @Test
  void simpleStrategyTakesTheNextDistinctNodesWalkingTheRing() {
    Node a = node(1, 0, 40);
    Node b = node(2, 10);
    Node c = node(3, 20, 30);
    TokenRing ring = TokenRing.of(List.of(a, b, c));
    // ring: 0:a 10:b 20:c 30:c 40:a
    assertThat(new SimpleReplication(2).replicasByRange(ring))
        .containsExactly(List.of(a, b), List.of(b, c), List.of(c, a), List.of(c, a), List.of(a, b));
  }

  @Test
  void simpleStrategyWithMoreReplicasThanNodesUsesEveryNode() {
    Node a = node(1, 0);
    Node b = node(2, 10);
    TokenRing ring = TokenRing.of(List.of(a, b));
    assertThat(new SimpleReplication(5).replicasByRange(ring))
        .containsExactly(List.of(a, b), List.of(b, a));
  }

  @Test
  void simpleStrategyWithNoReplicaPlacesNone() {
    TokenRing ring = TokenRing.of(List.of(node(1, 0), node(2, 10)));
    assertThat(new SimpleReplication(0).replicasByRange(ring))
        .containsExactly(List.of(), List.of());
  }

  @Test
  void networkTopologyUsesEveryRackBeforeASecondNodeOfOne() {
    Node a1 = node(1, "dc1", "rackA", 0);
    Node a2 = node(2, "dc1", "rackA", 10);
    Node b1 = node(3, "dc1", "rackB", 20);
    TokenRing ring = TokenRing.of(List.of(a1, a2, b1));
    assertThat(nts(ring, "dc1", 2).get(0)).containsExactly(a1, b1);
    // a2 was deferred while rackB had no replica; it comes once every rack has one
    assertThat(nts(ring, "dc1", 3).get(0)).containsExactly(a1, b1, a2);
    assertThat(nts(ring, "dc1", 2).get(1)).containsExactly(a2, b1);
    assertThat(nts(ring, "dc1", 2).get(2)).containsExactly(b1, a1);
  }

  @Test
  void networkTopologyTakesDeferredNodesInTheOrderMetThenTheNextOnes() {
    Node a1 = node(1, "dc1", "rackA", 0);
    Node a2 = node(2, "dc1", "rackA", 10);
    Node a3 = node(3, "dc1", "rackA", 20);
    Node b1 = node(4, "dc1", "rackB", 30);
    Node b2 = node(5, "dc1", "rackB", 40);
    TokenRing ring = TokenRing.of(List.of(a1, a2, a3, b1, b2));
    assertThat(nts(ring, "dc1", 3).get(0)).containsExactly(a1, b1, a2);
    assertThat(nts(ring, "dc1", 4).get(0)).containsExactly(a1, b1, a2, a3);
    assertThat(nts(ring, "dc1", 5).get(0)).containsExactly(a1, b1, a2, a3, b2);
  }

  @Test
  void networkTopologyPlacesEachDatacentersFactorInRingOrder() {
    Node x1 = node(1, "dc1", "r1", 0);
    Node y1 = node(2, "dc2", "r1", 10);
    Node x2 = node(3, "dc1", "r2", 20);
    Node y2 = node(4, "dc2", "r2", 30);
    TokenRing ring = TokenRing.of(List.of(x1, y1, x2, y2));
    List<List<Node>> byRange =
        new NetworkTopologyReplication(Map.of("dc1", 1, "dc2", 2)).replicasByRange(ring);
    assertThat(byRange)
        .containsExactly(
            List.of(x1, y1, y2), List.of(y1, x2, y2), List.of(x2, y2, y1), List.of(y2, x1, y1));
  }

  @Test
  void aDatacenterWithFewerNodesThanItsFactorGetsAllOfThem() {
    Node a1 = node(1, "dc1", "rackA", 0);
    Node a2 = node(2, "dc1", "rackA", 10, 30);
    Node b1 = node(3, "dc1", "rackB", 20);
    TokenRing ring = TokenRing.of(List.of(a1, a2, b1));
    assertThat(nts(ring, "dc1", 4)).allSatisfy(r -> assertThat(r).hasSize(3));
    assertThat(nts(ring, "dc1", 4).get(0)).containsExactly(a1, b1, a2);
  }

  @Test
  void aDatacenterMissingFromTheTopologyGetsNoReplicas() {
    Node a = node(1, "dc1", "r1", 0);
    Node b = node(2, "dc1", "r1", 10);
    TokenRing ring = TokenRing.of(List.of(a, b));
    assertThat(new NetworkTopologyReplication(Map.of("dc1", 1, "gone", 3)).replicasByRange(ring))
        .containsExactly(List.of(a), List.of(b));
    assertThat(nts(ring, "gone", 3)).containsExactly(List.of(), List.of());
  }

  @Test
  void nodesOfDatacentersWithoutAFactorAreNeverReplicas() {
    Node a = node(1, "dc1", "r1", 0);
    Node other = node(2, "dc2", "r1", 10);
    Node unknown = node(3, null, null, 20);
    TokenRing ring = TokenRing.of(List.of(a, other, unknown));
    assertThat(nts(ring, "dc1", 3)).containsExactly(List.of(a), List.of(a), List.of(a));
  }

  @Test
  void anUnknownRackCountsAsARackOfItsOwn() {
    Node a1 = node(1, "dc1", "rackA", 0);
    Node a2 = node(2, "dc1", "rackA", 10);
    Node n1 = node(3, "dc1", null, 20);
    Node n2 = node(4, "dc1", null, 30);
    TokenRing ring = TokenRing.of(List.of(a1, a2, n1, n2));
    assertThat(nts(ring, "dc1", 2).get(0)).containsExactly(a1, n1);
    assertThat(nts(ring, "dc1", 3).get(2)).containsExactly(n1, a1, n2);
  }

  @Test
  void aNodeMetAgainOnAnotherTokenIsNotCountedTwice() {
    Node a1 = node(1, "dc1", "rackA", 0, 10);
    Node a2 = node(2, "dc1", "rackA", 20);
    Node b1 = node(3, "dc1", "rackB", 30);
    TokenRing ring = TokenRing.of(List.of(a1, a2, b1));
    assertThat(nts(ring, "dc1", 3).get(0)).containsExactly(a1, b1, a2);
    assertThat(new SimpleReplication(2).replicasByRange(ring).get(0)).containsExactly(a1, a2);
  }

  @Test
  void everywhereStartsWithTheOwnerAndListsEveryNode() {
    Node a = node(1, "dc1", "r1", 0, 25);
    Node b = node(2, "dc2", "r1", 10);
    Node c = node(3, "dc1", "r2", 20);
    TokenRing ring = TokenRing.of(List.of(c, b, a));
    assertThat(EverywhereReplication.INSTANCE.replicasByRange(ring))
        .containsExactly(List.of(a, b, c), List.of(b, c, a), List.of(c, a, b), List.of(a, b, c));
  }

  @Test
  void equalListsAreSharedBetweenRanges() {
    Node a = node(1, 0, 20);
    Node b = node(2, 10, 30);
    List<List<Node>> byRange =
        new SimpleReplication(2).replicasByRange(TokenRing.of(List.of(a, b)));
    assertThat(byRange.get(0)).isSameAs(byRange.get(2));
    assertThat(byRange.get(1)).isSameAs(byRange.get(3));
  }

  @Test
  void anEmptyRingHasNoRanges() {
    assertThat(new SimpleReplication(3).replicasByRange(TokenRing.EMPTY)).isEmpty();
    assertThat(nts(TokenRing.EMPTY, "dc1", 3)).isEmpty();
    assertThat(EverywhereReplication.INSTANCE.replicasByRange(TokenRing.EMPTY)).isEmpty();
  }

  private static List<List<Node>> nts(TokenRing ring, String datacenter, int factor) {
    return new NetworkTopologyReplication(Map.of(datacenter, factor)).replicasByRange(ring);
  }
}
