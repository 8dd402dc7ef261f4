package org.cql4j.session.internal.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import org.cql4j.protocol.message.SchemaChange;
import org.cql4j.protocol.scylla.TabletRouting;
import org.cql4j.session.ClusterState;
import org.cql4j.session.Node;
import org.junit.jupiter.api.Test;

class TabletsTest {
  final DefaultNode a = node(1);
  final DefaultNode b = node(2);
  final ClusterState state = ClusterState.of(List.of(a, b));
  final Tablets tablets = new Tablets();

  static DefaultNode node(int n) {
    return new DefaultNode(
        new InetSocketAddress("10.0.0." + n, 9042), UUID.randomUUID(), "dc1", "r1", List.of());
  }

  static TabletRouting tablet(long first, long last, Node... replicas) {
    List<TabletRouting.Replica> list =
        java.util.Arrays.stream(replicas)
            .map(n -> new TabletRouting.Replica(n.hostId(), 7))
            .toList();
    return new TabletRouting(first, last, list, OptionalLong.empty());
  }

  @Test
  void findsTheTabletThatOwnsAToken() {
    tablets.add("ks", "t", tablet(0, 100, a), state);
    tablets.add("ks", "t", tablet(100, 200, b), state);
    assertThat(tablets.find("ks", "t", 0)).isNull(); // ranges are (first, last]
    assertThat(tablets.find("ks", "t", 1).replicas()).containsExactly(a);
    assertThat(tablets.find("ks", "t", 100).replicas()).containsExactly(a);
    assertThat(tablets.find("ks", "t", 101).replicas()).containsExactly(b);
    assertThat(tablets.find("ks", "t", 201)).isNull();
    assertThat(tablets.find("ks", "other", 50)).isNull();
    assertThat(tablets.find("other", "t", 50)).isNull();
  }

  @Test
  void aNewTabletReplacesEveryTabletItOverlaps() {
    tablets.add("ks", "t", tablet(0, 100, a), state);
    tablets.add("ks", "t", tablet(100, 200, a), state);
    tablets.add("ks", "t", tablet(200, 300, a), state);
    tablets.add("ks", "t", tablet(50, 250, b), state); // a split or merge moved the boundaries
    assertThat(tablets.find("ks", "t", 10)).isNull();
    assertThat(tablets.find("ks", "t", 60).replicas()).containsExactly(b);
    assertThat(tablets.find("ks", "t", 250).replicas()).containsExactly(b);
    assertThat(tablets.find("ks", "t", 260)).isNull();
  }

  @Test
  void aTabletWithAnUnknownReplicaIsIgnoredAndATopologyWithoutItsReplicaDropsIt() {
    DefaultNode stranger = node(9);
    assertThat(tablets.add("ks", "t", tablet(0, 100, stranger), state)).isFalse();
    assertThat(tablets.find("ks", "t", 50)).isNull();
    tablets.add("ks", "t", tablet(0, 100, b), state);
    tablets.onTopology(ClusterState.of(List.of(a)));
    assertThat(tablets.find("ks", "t", 50)).isNull();
  }

  @Test
  void droppingATableOrKeyspaceForgetsItsTablets() {
    tablets.add("ks", "t", tablet(0, 100, a), state);
    tablets.add("ks", "u", tablet(0, 100, a), state);
    tablets.add("ks2", "t", tablet(0, 100, a), state);
    tablets.onSchemaChange(
        new SchemaChange(
            SchemaChange.ChangeType.UPDATED, SchemaChange.Target.TABLE, "ks", "t", List.of()));
    assertThat(tablets.find("ks", "t", 50)).isNotNull();
    tablets.onSchemaChange(
        new SchemaChange(
            SchemaChange.ChangeType.DROPPED, SchemaChange.Target.TABLE, "ks", "t", List.of()));
    assertThat(tablets.find("ks", "t", 50)).isNull();
    assertThat(tablets.find("ks", "u", 50)).isNotNull();
    tablets.onSchemaChange(
        new SchemaChange(
            SchemaChange.ChangeType.DROPPED, SchemaChange.Target.KEYSPACE, "ks", "", List.of()));
    assertThat(tablets.find("ks", "u", 50)).isNull();
    assertThat(tablets.find("ks2", "t", 50)).isNotNull();
  }

  @Test
  void theSnapshotAnswersWithTabletReplicasAndTheirShards() {
    DefaultClusterState snapshot =
        new DefaultClusterState(List.of(a, b), TokenMap.EMPTY, tablets, java.util.Map.of());
    tablets.add("ks", "t", tablet(0, 100, b, a), snapshot);
    assertThat(snapshot.replicas("ks", "t", 50)).containsExactly(b, a);
    assertThat(snapshot.tabletShard("ks", "t", 50, a)).isEqualTo(7);
    assertThat(snapshot.tabletShard("ks", "t", 500, a)).isEqualTo(-1);
  }
}
