package org.cql4j.session.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cql4j.session.policy.TestNodes.node;

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

class DefaultLoadBalancingPolicyTest {
  static final RoutingInfo REQUEST = RoutingInfo.of(Consistency.ONE);

  final DefaultNode a1 = node(1, "dc1");
  final DefaultNode a2 = node(2, "dc1");
  final DefaultNode a3 = node(3, "dc1");
  final DefaultNode b1 = node(4, "dc2");
  final DefaultNode b2 = node(5, "dc2");
  final ClusterState cluster = ClusterState.of(List.of(a1, b1, a2, b2, a3));

  static List<Node> plan(LoadBalancingPolicy p, ClusterState c) {
    List<Node> nodes = new ArrayList<>();
    new QueryPlan(p, REQUEST, c).forEachRemaining(nodes::add);
    return nodes;
  }

  @Test
  void picksEveryLiveNodeEquallyOftenWithoutPreferredDatacenter() {
    LoadBalancingPolicy p = DefaultLoadBalancingPolicy.builder().build();
    Map<Node, Integer> counts = new HashMap<>();
    for (int i = 0; i < 500; i++) {
      counts.merge(p.pick(REQUEST, cluster), 1, Integer::sum);
    }
    assertThat(counts).hasSize(5).allSatisfy((node, count) -> assertThat(count).isEqualTo(100));
  }

  @Test
  void skipsDownNodes() {
    b1.setUp(false);
    a2.setUp(false);
    LoadBalancingPolicy p = DefaultLoadBalancingPolicy.builder().build();
    for (int i = 0; i < 20; i++) {
      assertThat(p.pick(REQUEST, cluster)).isNotIn(b1, a2);
    }
    assertThat(plan(p, cluster)).containsExactlyInAnyOrder(a1, b2, a3);
  }

  @Test
  void planListsEveryLiveNodeOnceStartingWithThePick() {
    LoadBalancingPolicy p = DefaultLoadBalancingPolicy.builder().build();
    for (int i = 0; i < 7; i++) {
      List<Node> plan = plan(p, cluster);
      assertThat(plan).hasSize(5).doesNotHaveDuplicates();
    }
  }

  @Test
  void preferredDatacenterOnlyUsesItsNodesByDefault() {
    LoadBalancingPolicy p = DefaultLoadBalancingPolicy.builder().preferDatacenter("dc1").build();
    Map<Node, Integer> counts = new HashMap<>();
    for (int i = 0; i < 300; i++) {
      counts.merge(p.pick(REQUEST, cluster), 1, Integer::sum);
    }
    assertThat(counts).containsOnlyKeys(a1, a2, a3).containsValues(100, 100, 100);
    assertThat(plan(p, cluster)).containsExactlyInAnyOrder(a1, a2, a3);
  }

  @Test
  void dcFailoverAppendsRemoteNodesAfterLocalOnes() {
    LoadBalancingPolicy p =
        DefaultLoadBalancingPolicy.builder().preferDatacenter("dc1").permitDcFailover(true).build();
    List<Node> plan = plan(p, cluster);
    assertThat(plan).hasSize(5).doesNotHaveDuplicates();
    assertThat(plan.subList(0, 3)).containsExactlyInAnyOrder(a1, a2, a3);
    assertThat(plan.subList(3, 5)).containsExactlyInAnyOrder(b1, b2);
  }

  @Test
  void dcFailoverPicksRemoteNodeWhenLocalDatacenterIsDown() {
    a1.setUp(false);
    a2.setUp(false);
    a3.setUp(false);
    LoadBalancingPolicy failover =
        DefaultLoadBalancingPolicy.builder().preferDatacenter("dc1").permitDcFailover(true).build();
    assertThat(failover.pick(REQUEST, cluster)).isIn(b1, b2);
    LoadBalancingPolicy strict =
        DefaultLoadBalancingPolicy.builder().preferDatacenter("dc1").build();
    assertThat(strict.pick(REQUEST, cluster)).isNull();
    assertThat(plan(strict, cluster)).isEmpty();
  }

  @Test
  void emptyClusterGivesEmptyPlan() {
    LoadBalancingPolicy p = DefaultLoadBalancingPolicy.builder().build();
    assertThat(p.pick(REQUEST, ClusterState.empty())).isNull();
    assertThat(plan(p, ClusterState.empty())).isEmpty();
  }

  @Test
  void planDoesNotComputeFallbackWhenOnlyThePickIsUsed() {
    int[] fallbackCalls = {0};
    LoadBalancingPolicy p =
        new LoadBalancingPolicy() {
          @Override
          public Node pick(RoutingInfo request, ClusterState c) {
            return a1;
          }

          @Override
          public java.util.Iterator<Node> fallback(RoutingInfo request, ClusterState c) {
            fallbackCalls[0]++;
            return List.<Node>of(a1, a2).iterator();
          }
        };
    QueryPlan plan = new QueryPlan(p, REQUEST, cluster);
    assertThat(plan.next()).isSameAs(a1);
    assertThat(fallbackCalls[0]).isZero();
    assertThat(plan.next()).isSameAs(a2); // a1 skipped in the fallback
    assertThat(plan.hasNext()).isFalse();

    // the request path tries the picked node itself, then asks for the rest
    QueryPlan rest = QueryPlan.after(p, REQUEST, cluster, a1);
    assertThat(rest.next()).isSameAs(a2);
    assertThat(rest.hasNext()).isFalse();
  }

  @Test
  void clusterStateLooksUpByAddressHostIdAndDatacenter() {
    assertThat(cluster.node(a2.address())).containsSame(a2);
    assertThat(cluster.nodeByHostId(b2.hostId())).containsSame(b2);
    assertThat(cluster.datacenters()).containsExactly("dc1", "dc2");
    assertThat(cluster.nodesInDatacenter("dc2")).containsExactly(b1, b2);
    assertThat(cluster.nodesInDatacenter("nope")).isEmpty();
  }
}
