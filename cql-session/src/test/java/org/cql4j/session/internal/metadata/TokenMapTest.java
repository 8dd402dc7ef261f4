package org.cql4j.session.internal.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cql4j.session.internal.metadata.TestNodes.node;

import java.util.List;
import java.util.Map;
import org.cql4j.session.Node;
import org.junit.jupiter.api.Test;

class TokenMapTest {
  private static final Map<String, String> RF2 =
      Map.of("class", "org.apache.cassandra.locator.SimpleStrategy", "replication_factor", "2");

  private final Node a = node(1, "dc1", "r1", -100);
  private final Node b = node(2, "dc1", "r2", 0);
  private final Node c = node(3, "dc2", "r1", 100);
  private final List<Node> nodes = List.of(a, b, c);

  @Test
  void findsTheReplicasOfTheRangeATokenBelongsTo() {
    TokenMap map = TokenMap.build(nodes, Map.of("ks", RF2));
    assertThat(map.replicas("ks", -100)).containsExactly(a, b);
    assertThat(map.replicas("ks", -99)).containsExactly(b, c);
    assertThat(map.replicas("ks", 0)).containsExactly(b, c);
    assertThat(map.replicas("ks", 100)).containsExactly(c, a);
  }

  @Test
  void tokensBelowTheFirstAndAboveTheLastWrapToTheFirstRange() {
    TokenMap map = TokenMap.build(nodes, Map.of("ks", RF2));
    assertThat(map.replicas("ks", Long.MIN_VALUE)).containsExactly(a, b);
    assertThat(map.replicas("ks", 101)).containsExactly(a, b);
    assertThat(map.replicas("ks", Long.MAX_VALUE)).containsExactly(a, b);
  }

  @Test
  void aSingleNodeIsTheReplicaOfEveryToken() {
    TokenMap map = TokenMap.build(List.of(b), Map.of("ks", RF2));
    assertThat(map.replicas("ks", Long.MIN_VALUE)).containsExactly(b);
    assertThat(map.replicas("ks", 0)).containsExactly(b);
    assertThat(map.replicas("ks", Long.MAX_VALUE)).containsExactly(b);
  }

  @Test
  void placesNetworkTopologyAndEverywhereKeyspaces() {
    TokenMap map =
        TokenMap.build(
            nodes,
            Map.of(
                "nts",
                Map.of("class", "NetworkTopologyStrategy", "dc1", "1", "dc2", "1"),
                "everywhere",
                Map.of("class", "org.apache.cassandra.locator.EverywhereStrategy")));
    assertThat(map.replicas("nts", -50)).containsExactly(b, c);
    assertThat(map.replicas("everywhere", -50)).containsExactly(b, c, a);
  }

  @Test
  void knowsNoReplicasForAnUnknownKeyspace() {
    TokenMap map = TokenMap.build(nodes, Map.of("ks", RF2));
    assertThat(map.replicas("other", 0)).isEmpty();
    assertThat(map.replicas("KS", 0)).isEmpty();
    assertThat(map.replicas(null, 0)).isEmpty();
  }

  @Test
  void knowsNoReplicasOnAnEmptyRing() {
    TokenMap map = TokenMap.build(List.of(node(4)), Map.of("ks", RF2));
    assertThat(map.replicas("ks", 0)).isEmpty();
    assertThat(map.unsupportedKeyspaces()).isEmpty();
    assertThat(TokenMap.EMPTY.replicas("ks", 0)).isEmpty();
  }

  @Test
  void aLocalStrategyKeyspaceHasNoKnownReplicasAndIsNotUnsupported() {
    TokenMap map =
        TokenMap.build(
            nodes, Map.of("system", Map.of("class", "org.apache.cassandra.locator.LocalStrategy")));
    assertThat(map.replicas("system", 0)).isEmpty();
    assertThat(map.unsupportedKeyspaces()).isEmpty();
  }

  @Test
  void reportsEachUnsupportedKeyspaceWithItsReasonAndRoutesItWithoutReplicas() {
    TokenMap map =
        TokenMap.build(
            nodes,
            Map.of(
                "ks",
                RF2,
                "custom",
                Map.of("class", "com.example.MyStrategy"),
                "broken",
                Map.of("class", "SimpleStrategy", "replication_factor", "-1")));
    assertThat(map.unsupportedKeyspaces())
        .containsExactly(
            Map.entry("broken", "SimpleStrategy with replication_factor '-1'"),
            Map.entry("custom", "unknown replication strategy com.example.MyStrategy"));
    assertThat(map.replicas("custom", 0)).isEmpty();
    assertThat(map.replicas("broken", 0)).isEmpty();
    assertThat(map.replicas("ks", 0)).containsExactly(b, c);
  }

  @Test
  void keyspacesWithTheSameReplicationShareTheirLists() {
    TokenMap map =
        TokenMap.build(
            nodes,
            Map.of(
                "ks1", RF2, "ks2", Map.of("class", "SimpleStrategy", "replication_factor", "2")));
    for (long token : new long[] {-100, 0, 100}) {
      assertThat(map.replicas("ks1", token)).isSameAs(map.replicas("ks2", token));
    }
  }

  @Test
  void anotherSchemaOnTheSameRingReusesTheReplicationsItKnows() {
    TokenMap map = TokenMap.build(nodes, Map.of("ks", RF2));
    TokenMap next =
        map.withKeyspaces(
            Map.of("ks", RF2, "new", Map.of("class", "SimpleStrategy", "replication_factor", "1")));
    assertThat(next.ring()).isSameAs(map.ring());
    assertThat(next.replicas("ks", 0)).isSameAs(map.replicas("ks", 0));
    assertThat(next.replicas("new", 0)).containsExactly(b);
    assertThat(next.withKeyspaces(Map.of()).replicas("ks", 0)).isEmpty();
  }
}
