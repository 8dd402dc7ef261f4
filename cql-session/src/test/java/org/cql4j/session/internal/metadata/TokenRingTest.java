package org.cql4j.session.internal.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cql4j.session.internal.metadata.TestNodes.node;

import java.util.List;
import org.cql4j.session.Node;
import org.junit.jupiter.api.Test;

class TokenRingTest {
  private final Node a = node(1, -100, 300);
  private final Node b = node(2, 0);
  private final Node c = node(3, 100);
  private final TokenRing ring = TokenRing.of(List.of(c, b, a));

  @Test
  void sortsTheTokensOfAllNodesWithTheirOwners() {
    assertThat(ring.size()).isEqualTo(4);
    assertThat(List.of(ring.token(0), ring.token(1), ring.token(2), ring.token(3)))
        .containsExactly(-100L, 0L, 100L, 300L);
    assertThat(List.of(ring.owner(0), ring.owner(1), ring.owner(2), ring.owner(3)))
        .containsExactly(a, b, c, a);
  }

  @Test
  void aTokenEqualToARingTokenBelongsToThatTokensRange() {
    assertThat(ring.indexOf(-100)).isZero();
    assertThat(ring.indexOf(0)).isEqualTo(1);
    assertThat(ring.indexOf(300)).isEqualTo(3);
  }

  @Test
  void aTokenBetweenRingTokensBelongsToTheNextOne() {
    assertThat(ring.indexOf(-99)).isEqualTo(1);
    assertThat(ring.indexOf(1)).isEqualTo(2);
    assertThat(ring.indexOf(299)).isEqualTo(3);
  }

  @Test
  void tokensBelowTheFirstAndAboveTheLastBelongToTheFirstRange() {
    assertThat(ring.indexOf(-101)).isZero();
    assertThat(ring.indexOf(Long.MIN_VALUE)).isZero();
    assertThat(ring.indexOf(301)).isZero();
    assertThat(ring.indexOf(Long.MAX_VALUE)).isZero();
  }

  @Test
  void listsEachNodeOnceInTheOrderOfItsLowestToken() {
    assertThat(ring.nodes()).containsExactly(a, b, c);
  }

  @Test
  void nodesWithoutTokensAreNotOnTheRing() {
    Node unknown = node(4);
    TokenRing withUnknown = TokenRing.of(List.of(a, unknown, b));
    assertThat(withUnknown.nodes()).containsExactly(a, b);
    assertThat(withUnknown.size()).isEqualTo(3);
  }

  @Test
  void aRingWithoutTokensFindsNoRange() {
    TokenRing empty = TokenRing.of(List.of(node(4)));
    assertThat(empty.size()).isZero();
    assertThat(empty.nodes()).isEmpty();
    assertThat(empty.indexOf(42)).isEqualTo(-1);
    assertThat(TokenRing.of(List.of())).isSameAs(TokenRing.EMPTY);
  }

  @Test
  void aSingleTokenOwnsTheWholeRing() {
    TokenRing single = TokenRing.of(List.of(b));
    assertThat(single.indexOf(Long.MIN_VALUE)).isZero();
    assertThat(single.indexOf(0)).isZero();
    assertThat(single.indexOf(Long.MAX_VALUE)).isZero();
  }

  @Test
  void aTokenClaimedByTwoNodesStaysWithTheFirstGiven() {
    Node claimant = node(5, 0, 7);
    TokenRing claimed = TokenRing.of(List.of(b, claimant));
    assertThat(claimed.size()).isEqualTo(2);
    assertThat(claimed.owner(claimed.indexOf(0))).isSameAs(b);
    assertThat(claimed.owner(claimed.indexOf(7))).isSameAs(claimant);
  }
}
