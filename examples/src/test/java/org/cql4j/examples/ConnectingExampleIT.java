package org.cql4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.cql4j.protocol.frame.Opcode;
import org.cql4j.protocol.value.Values;
import org.cql4j.session.Node;
import org.cql4j.session.QueryResult;
import org.cql4j.session.Session;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.CqlProxy;
import org.cql4j.testkit.TestCluster;
import org.cql4j.testkit.proxy.Action;
import org.cql4j.testkit.proxy.Condition;
import org.cql4j.testkit.proxy.Rule;
import org.junit.jupiter.api.Test;

@CassandraTest(proxy = true)
class ConnectingExampleIT {

  @Test
  void connectsSeesTheNodeAndFailsFastWhereNothingListens(TestCluster cassandra) {
    ConnectingExample.Outcome outcome = ConnectingExample.run(cassandra.contactPoints());

    assertThat(outcome.nodes())
        .singleElement()
        .asString()
        .contains(cassandra.firstContactPoint())
        .contains("dc=datacenter1 rack=rack1 up");
    assertThat(outcome.keyspace()).isEqualTo("examples");
    assertThat(outcome.unreachable()).contains("127.0.0.1:1");
  }

  @Test
  void aBoundedSessionRunsRequestsWithinItsLimits(TestCluster cassandra) {
    try (Session session = ConnectingExample.connectBounded(cassandra.contactPoints())) {
      List<CompletableFuture<QueryResult>> reads = new ArrayList<>();
      for (int i = 0; i < 2_000; i++) { // more than 1,024 at once: some wait, none is refused
        reads.add(session.queryUnpagedAsync("SELECT now() FROM system.local", Values.of()));
      }
      reads.forEach(f -> assertThat(f.join().isRows()).isTrue());
    }
  }

  /**
   * The proxy stops answering OPTIONS, the request a heartbeat sends (and a handshake starts with):
   * the node looks frozen to the session.
   */
  @Test
  void findsANodeThatStoppedAnsweringAndReconnectsWhenItAnswersAgain(TestCluster cassandra)
      throws Exception {
    CqlProxy proxy = cassandra.proxy().orElseThrow();
    try (Session session = ConnectingExample.connectWatchful(cassandra.contactPoints())) {
      Node node = session.getClusterState().nodes().get(0);
      assertThat(node.isUp()).isTrue();

      Rule mute = proxy.node(1).rules().add(Condition.requestOpcode(Opcode.OPTIONS), Action.drop());
      long start = System.nanoTime();
      await(() -> !node.isUp(), Duration.ofSeconds(20));
      Duration downAfter = Duration.ofNanos(System.nanoTime() - start);
      // at most 5 s idle, then 2 s without an answer to the heartbeat
      assertThat(downAfter).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(10));

      proxy.node(1).rules().remove(mute);
      start = System.nanoTime();
      await(node::isUp, Duration.ofSeconds(20));
      // a handshake already waiting for its OPTIONS answer gives up after the 5 s connect timeout,
      // then the constant policy tries again a second later
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
      assertThat(session.queryUnpaged("SELECT now() FROM system.local").coordinator())
          .isEqualTo(node);
    }
  }

  @Test
  void aNodeTheHostFilterRefusesIsListedButNeverConnected(TestCluster cassandra) {
    CqlProxy proxy = cassandra.proxy().orElseThrow();
    long opened = proxy.node(1).counters().connectionsOpened();

    ConnectingExample.Filtered filtered =
        ConnectingExample.refuseEveryNode(cassandra.contactPoints());

    assertThat(filtered.nodes()).singleElement().satisfies(n -> assertThat(n.isUp()).isFalse());
    assertThat(filtered.error()).isNotNull();
    assertThat(filtered.error().errors()).isEmpty(); // no node could be tried
    // the control connection only: a contact point may carry it even when refused
    assertThat(proxy.node(1).counters().connectionsOpened() - opened).isEqualTo(1);
  }

  private static void await(BooleanSupplier condition, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within %s", timeout).isLessThan(deadline);
      TimeUnit.MILLISECONDS.sleep(20);
    }
  }
}
