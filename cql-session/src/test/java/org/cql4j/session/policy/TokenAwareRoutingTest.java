package org.cql4j.session.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cql4j.session.policy.TestNodes.node;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cql4j.protocol.Consistency;
import org.cql4j.session.ClusterState;
import org.cql4j.session.Node;
import org.cql4j.session.internal.metadata.DefaultNode;
import org.cql4j.session.internal.policy.QueryPlan;
import org.junit.jupiter.api.Test;

/**
 * The default policy routes by token: a ring of six nodes in two datacenters (three racks in dc1),
 * one token each, so a token's replicas are easy to name.
 */
class TokenAwareRoutingTest {
  // ring order by token: a1(-300) b1(-200) a2(-100) b2(100) a3(200) b3(300)
  final DefaultNode a1 = node(1, "dc1", "r1", -300);
  final DefaultNode b1 = node(4, "dc2", "r1", -200);
  final DefaultNode a2 = node(2, "dc1", "r2", -100);
  final DefaultNode b2 = node(5, "dc2", "r1", 100);
  final DefaultNode a3 = node(3, "dc1", "r3", 200);
  final DefaultNode b3 = node(6, "dc2", "r1", 300);
  final ClusterState cluster =
      ClusterState.of(
          List.of(a1, b1, a2, b2, a3, b3),
          Map.of(
              "simple",
              Map.of("class", "SimpleStrategy", "replication_factor", "2"),
              "nts",
              Map.of("class", "NetworkTopologyStrategy", "dc1", "2", "dc2", "1")));

  /** A key whose token is -150: its range is owned by a2 (the first ring token >= -150). */
  static RoutingInfo key(String keyspace, boolean lwt) {
    return RoutingInfo.withToken(keyspace, "t", -150, Consistency.ONE, null, lwt);
  }

  static List<Node> plan(LoadBalancingPolicy p, RoutingInfo request, ClusterState c) {
    List<Node> nodes = new ArrayList<>();
    new QueryPlan(p, request, c).forEachRemaining(nodes::add);
    return nodes;
  }

  Map<Node, Integer> picks(LoadBalancingPolicy p, RoutingInfo request, int n) {
    Map<Node, Integer> counts = new HashMap<>();
    for (int i = 0; i < n; i++) {
      counts.merge(p.pick(request, cluster), 1, Integer::sum);
    }
    return counts;
  }

  @Test
  void clusterStateNamesTheReplicasPrimaryFirst() {
    assertThat(cluster.replicas("simple", "t", org.cql4j.session.Token.of(-150)))
        .containsExactly(a2, b2);
    assertThat(cluster.replicas("nts", "t", -150)).containsExactly(a2, b2, a3);
    assertThat(cluster.replicas("unknown", "t", -150)).isEmpty();
  }

  @Test
  void picksOnlyReplicasAndSpreadsOverThem() {
    LoadBalancingPolicy p = DefaultLoadBalancingPolicy.builder().build();
    Map<Node, Integer> counts = picks(p, key("simple", false), 2_000);
    assertThat(counts).containsOnlyKeys(a2, b2);
    assertThat(counts.get(a2)).isBetween(800, 1_200);
  }

  @Test
  void lwtGoesToThePrimaryReplicaAndThenFollowsTheRing() {
    LoadBalancingPolicy p = DefaultLoadBalancingPolicy.builder().build();
    assertThat(picks(p, key("simple", true), 200)).containsOnlyKeys(a2);
    List<Node> plan = plan(p, key("simple", true), cluster);
    assertThat(plan.subList(0, 2)).containsExactly(a2, b2);
    assertThat(plan).hasSize(6).doesNotHaveDuplicates();
    a2.setUp(false);
    assertThat(picks(p, key("simple", true), 50)).containsOnlyKeys(b2);
  }

  @Test
  void withoutShufflingThePrimaryComesFirst() {
    LoadBalancingPolicy p =
        DefaultLoadBalancingPolicy.builder().enableShufflingReplicas(false).build();
    assertThat(picks(p, key("simple", false), 100)).containsOnlyKeys(a2);
  }

  @Test
  void fallbackListsTheOtherReplicasBeforeTheOtherNodes() {
    LoadBalancingPolicy p = DefaultLoadBalancingPolicy.builder().build();
    for (int i = 0; i < 20; i++) {
      List<Node> plan = plan(p, key("simple", false), cluster);
      assertThat(plan).hasSize(6).doesNotHaveDuplicates();
      assertThat(plan.subList(0, 2)).containsExactlyInAnyOrder(a2, b2);
    }
  }

  @Test
  void aDownReplicaIsSkippedAndTheOtherTakesItsRequests() {
    a2.setUp(false);
    LoadBalancingPolicy p = DefaultLoadBalancingPolicy.builder().build();
    assertThat(picks(p, key("simple", false), 100)).containsOnlyKeys(b2);
    assertThat(plan(p, key("simple", false), cluster)).doesNotContain(a2).startsWith(b2);
    b2.setUp(false);
    assertThat(picks(p, key("simple", false), 20)).doesNotContainKeys(a2, b2);
  }

  @Test
  void preferredDatacenterUsesItsOwnReplicasFirst() {
    LoadBalancingPolicy p =
        DefaultLoadBalancingPolicy.builder().preferDatacenter("dc1").permitDcFailover(true).build();
    assertThat(picks(p, key("nts", false), 400)).containsOnlyKeys(a2, a3);
    List<Node> plan = plan(p, key("nts", false), cluster);
    assertThat(plan.subList(0, 2)).containsExactlyInAnyOrder(a2, a3);
    // as the Rust driver's plan: every replica (the remote one last) before the non-replicas
    assertThat(plan.subList(2, 4)).containsExactly(b2, a1);
    assertThat(plan.subList(4, 6)).containsExactlyInAnyOrder(b1, b3);
    a2.setUp(false);
    a3.setUp(false);
    assertThat(picks(p, key("nts", false), 20)).containsOnlyKeys(b2); // the remote replica
  }

  @Test
  void preferredRackComesBeforeTheRestOfTheDatacenter() {
    LoadBalancingPolicy p =
        DefaultLoadBalancingPolicy.builder().preferDatacenterAndRack("dc1", "r3").build();
    assertThat(picks(p, key("nts", false), 100)).containsOnlyKeys(a3);
    List<Node> plan = plan(p, key("nts", false), cluster);
    assertThat(plan).containsExactly(a3, a2, a1);
    RoutingInfo noToken = RoutingInfo.of(Consistency.ONE);
    assertThat(picks(p, noToken, 30)).containsOnlyKeys(a3);
  }

  @Test
  void notTokenAwareIgnoresTheToken() {
    LoadBalancingPolicy p = DefaultLoadBalancingPolicy.builder().tokenAware(false).build();
    assertThat(picks(p, key("simple", false), 600)).hasSize(6);
  }

  @Test
  void aKeyspaceWithoutKnownReplicasIsRoutedRoundRobin() {
    LoadBalancingPolicy p = DefaultLoadBalancingPolicy.builder().build();
    assertThat(picks(p, key("unknown", false), 600)).hasSize(6);
  }

  @Test
  void latencyAwarenessTriesASlowReplicaLast() {
    LoadBalancingPolicy p =
        DefaultLoadBalancingPolicy.builder()
            .latencyAwareness(LatencyAwareness.builder().minimumMeasurements(5).build())
            .build();
    for (int i = 0; i < 10; i++) {
      p.onRequestSuccess(key("simple", false), Duration.ofMillis(1).toNanos(), b2);
      p.onRequestSuccess(key("simple", false), Duration.ofMillis(50).toNanos(), a2);
    }
    assertThat(picks(p, key("simple", false), 100)).containsOnlyKeys(b2);
    assertThat(plan(p, key("simple", false), cluster)).startsWith(b2).endsWith(a2);
    b2.setUp(false);
    assertThat(picks(p, key("simple", false), 10)).containsOnlyKeys(a2); // slow beats down
  }
}
