package org.cql4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.cql4j.protocol.frame.Opcode;
import org.cql4j.protocol.value.Values;
import org.cql4j.session.Node;
import org.cql4j.session.Session;
import org.cql4j.session.errors.RequestTimeoutException;
import org.cql4j.session.observability.StructuredHistory;
import org.cql4j.session.statement.PreparedStatement;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.CqlProxy;
import org.cql4j.testkit.TestCluster;
import org.cql4j.testkit.proxy.Action;
import org.cql4j.testkit.proxy.Condition;
import org.junit.jupiter.api.Test;

/** A 3-node ring behind the proxy, which holds back node 3's price look-ups longer than allowed. */
@CassandraTest(nodes = 3, proxy = true)
class SpeculativeExecutionExampleIT {
  private static final Duration HELD_BACK = Duration.ofSeconds(3); // the look-ups time out in 2 s

  @Test
  void answersEveryReadInTimeWhileANodeIsSlow(TestCluster cassandra) {
    CqlProxy proxy = cassandra.proxy().orElseThrow();
    try (Session session = Session.builder().knownNodes(cassandra.contactPoints()).build()) {
      SpeculativeExecutionExample.setUp(session);
      InetSocketAddress slow = holdBackLookUpsOfNode3(proxy);

      SpeculativeExecutionExample.Outcome outcome = SpeculativeExecutionExample.run(session, 90);

      assertThat(outcome.latencies())
          .hasSize(90)
          .allSatisfy(latency -> assertThat(latency).isLessThan(Duration.ofSeconds(1)));
      assertThat(outcome.coordinators()).isNotEmpty().noneMatch(n -> n.address().equals(slow));
      // the look-ups of the items node 3 owns went there first, then to another node after 50 ms
      List<StructuredHistory.RequestHistory> startedOnNode3 =
          outcome.history().requests().stream()
              .filter(r -> r.firstFiber().attempts().get(0).node().equals(slow))
              .toList();
      assertThat(startedOnNode3)
          .isNotEmpty()
          .allSatisfy(
              r -> {
                assertThat(r.result()).hasValueSatisfying(o -> assertThat(o.isSuccess()).isTrue());
                assertThat(r.speculativeFibers()).isNotEmpty();
                assertThat(r.speculativeFibers().get(0).attempts().get(0).node())
                    .isNotEqualTo(slow);
              });
      // and maybe a few others, slower than 50 ms for another reason
      assertThat(outcome.speculative()).isGreaterThanOrEqualTo(startedOnNode3.size());
      assertThat(outcome.adaptive()).isEqualTo(101);
    }
  }

  @Test
  void withoutIdempotenceARequestWaitsForTheSlowNode(TestCluster cassandra) {
    CqlProxy proxy = cassandra.proxy().orElseThrow();
    try (Session session = Session.builder().knownNodes(cassandra.contactPoints()).build()) {
      SpeculativeExecutionExample.setUp(session);
      InetSocketAddress slow = holdBackLookUpsOfNode3(proxy);
      PreparedStatement notIdempotent =
          SpeculativeExecutionExample.prepareLookUp(session).copy().setIdempotent(false);
      int itemOfNode3 =
          IntStream.range(0, SpeculativeExecutionExample.ITEMS)
              .filter(item -> primaryReplica(session, notIdempotent, item).equals(slow))
              .findFirst()
              .orElseThrow();

      long start = System.nanoTime();
      assertThatThrownBy(() -> session.executeUnpaged(notIdempotent, Values.of(itemOfNode3)))
          .isInstanceOf(RequestTimeoutException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(Duration.ofMillis(1_900));
    }
  }

  // node 3's price look-ups reach it 3 s late; everything else passes
  private static InetSocketAddress holdBackLookUpsOfNode3(CqlProxy proxy) {
    proxy
        .node(3)
        .rules()
        .add(
            Condition.requestOpcode(Opcode.EXECUTE)
                .and(Condition.queryContains("FROM examples.prices")),
            Action.delay(HELD_BACK));
    return proxy.node(3).proxyAddress();
  }

  private static InetSocketAddress primaryReplica(
      Session session, PreparedStatement lookUp, int item) {
    List<Node> replicas =
        session
            .getClusterState()
            .replicas("examples", "prices", lookUp.computeToken(Values.of(item)).orElseThrow());
    return replicas.get(0).address();
  }
}
