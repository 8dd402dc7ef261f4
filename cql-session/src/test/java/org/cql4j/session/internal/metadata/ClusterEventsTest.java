package org.cql4j.session.internal.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.cql4j.session.KeyspaceMetadata;
import org.cql4j.session.Node;
import org.cql4j.session.observability.NodeStateListener;
import org.cql4j.session.observability.SchemaChangeListener;
import org.junit.jupiter.api.Test;

class ClusterEventsTest {

  @Test
  void deliversInOrderOnItsOwnThreadAndSurvivesAListenerThatThrows() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(1);
    Thread caller = Thread.currentThread();
    NodeStateListener throwing =
        new NodeStateListener() {
          @Override
          public void onUp(Node node) {
            throw new IllegalStateException("boom");
          }
        };
    NodeStateListener recording =
        new NodeStateListener() {
          @Override
          public void onAdd(Node node) {
            seen.add("add " + node.address().getAddress().getHostAddress());
          }

          @Override
          public void onUp(Node node) {
            assertThat(Thread.currentThread()).isNotSameAs(caller);
            seen.add("up " + node.address().getAddress().getHostAddress());
          }

          @Override
          public void onDown(Node node) {
            seen.add("down " + node.address().getAddress().getHostAddress());
          }
        };
    SchemaChangeListener schema =
        new SchemaChangeListener() {
          @Override
          public void onKeyspaceCreated(KeyspaceMetadata keyspace) {
            seen.add("keyspace " + keyspace.name());
            done.countDown();
          }
        };
    ClusterEvents events = new ClusterEvents(List.of(throwing, recording), List.of(schema));
    Node one = TestNodes.node(1, 1L);
    Node two = TestNodes.node(2, 2L);

    events.nodesChanged(new MetadataManager.NodesChange(List.of(one, two), List.of()));
    events.nodeStateChanged(one, true);
    events.nodeStateChanged(two, true);
    events.nodeStateChanged(one, false);
    events.nodeStateChanged(one, true);
    KeyspaceMetadata ks =
        new KeyspaceMetadata("ks", Map.of("class", "x"), true, Map.of(), Map.of(), Map.of());
    events.schemaChanged(Map.of(), Map.of("ks", ks));

    assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(seen)
        .containsExactly(
            "add 10.0.0.1",
            "add 10.0.0.2",
            "up 10.0.0.1",
            "up 10.0.0.2",
            "down 10.0.0.1",
            "up 10.0.0.1",
            "keyspace ks");
    events.close();
    events.nodeStateChanged(one, false); // after close: dropped, not thrown
  }
}
