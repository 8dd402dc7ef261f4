package org.cql4j.it.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.cql4j.protocol.frame.Opcode;
import org.cql4j.protocol.value.Values;
import org.cql4j.session.Node;
import org.cql4j.session.QueryResult;
import org.cql4j.session.Session;
import org.cql4j.session.policy.ConstantReconnectionPolicy;
import org.cql4j.session.statement.PreparedStatement;
import org.cql4j.testkit.CassandraNode;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.CqlProxy;
import org.cql4j.testkit.TestCluster;
import org.cql4j.testkit.proxy.Action;
import org.cql4j.testkit.proxy.Condition;
import org.cql4j.testkit.proxy.ProxyNode;
import org.cql4j.testkit.proxy.Rule;
import org.junit.jupiter.api.Test;

/**
 * The session's node policies on a real 3-node ring behind the test kit's proxy: the reconnection
 * policy's delays, a host filter, an address translator.
 */
@CassandraTest(nodes = 3, proxy = true)
class ClusterPoliciesIT {

  /**
   * While node 2 refuses every handshake the pool retries at the policy's pace (the default
   * exponential policy would try about 3 times in 3 s), and it is back up within a delay of the
   * node accepting again.
   */
  @Test
  void reconnectsAtThePacesOfTheReconnectionPolicy(TestCluster cluster) throws Exception {
    CqlProxy proxy = cluster.proxy().orElseThrow();
    ProxyNode second = proxy.node(2);
    try (Session session =
        Session.builder()
            .knownNode(proxy.node(1).contactPoint())
            .reconnectionPolicy(new ConstantReconnectionPolicy(Duration.ofMillis(200)))
            .build()) {
      Node node = nodeAt(session, second.proxyAddress());
      await(node::isUp, Duration.ofSeconds(10));

      Rule refuse =
          second
              .rules()
              .add(
                  Condition.requestOpcode(Opcode.OPTIONS, Opcode.STARTUP),
                  Action.closeConnection());
      second.closeConnections();
      await(() -> !node.isUp(), Duration.ofSeconds(10));
      long opened = second.counters().connectionsOpened();
      TimeUnit.SECONDS.sleep(3);
      long attempts = second.counters().connectionsOpened() - opened;
      assertThat(attempts).as("connection attempts in 3 s, one per 200 ms").isBetween(8L, 20L);

      second.rules().remove(refuse);
      long back = System.nanoTime();
      await(node::isUp, Duration.ofSeconds(2));
      assertThat(Duration.ofNanos(System.nanoTime() - back)).isLessThan(Duration.ofSeconds(1));
    }
  }

  /**
   * A node that comes back up is marked up only once the statements the application holds are
   * prepared on it, so that no EXECUTE meets UNPREPARED there.
   */
  @Test
  void preparesHeldStatementsOnANodeThatComesBackBeforeRoutingToIt(TestCluster cluster)
      throws Exception {
    CqlProxy proxy = cluster.proxy().orElseThrow();
    ProxyNode second = proxy.node(2);
    try (Session session =
        Session.builder()
            .knownNode(proxy.node(1).contactPoint())
            .reconnectionPolicy(new ConstantReconnectionPolicy(Duration.ofMillis(200)))
            .build()) {
      List<PreparedStatement> held = new ArrayList<>();
      for (int i = 0; i < 150; i++) { // more than one wave of 100 PREPAREs
        held.add(session.prepare("SELECT release_version AS v" + i + " FROM system.local"));
      }
      Node node = nodeAt(session, second.proxyAddress());
      await(node::isUp, Duration.ofSeconds(10));

      Rule refuse =
          second
              .rules()
              .add(
                  Condition.requestOpcode(Opcode.OPTIONS, Opcode.STARTUP),
                  Action.closeConnection());
      second.closeConnections();
      await(() -> !node.isUp(), Duration.ofSeconds(10));
      long prepares = second.counters().frames(Opcode.PREPARE);
      // the PREPAREs are slow: the node must not be up before they are answered
      Rule slow =
          second
              .rules()
              .add(Condition.requestOpcode(Opcode.PREPARE), Action.delay(Duration.ofMillis(300)));
      second.rules().remove(refuse);
      await(node::isUp, Duration.ofSeconds(10));
      assertThat(second.counters().frames(Opcode.PREPARE) - prepares)
          .as("PREPAREs sent to the node before it was marked up")
          .isGreaterThanOrEqualTo(held.size());
      second.rules().remove(slow);
      for (PreparedStatement statement : held) {
        assertThat(session.executeUnpaged(statement, Values.EMPTY).intoRowsResult().rowsNumber())
            .isEqualTo(1);
      }
    }
  }

  @Test
  void aNodeTheHostFilterRefusesGetsNoConnectionAndNoRequest(TestCluster cluster) throws Exception {
    CqlProxy proxy = cluster.proxy().orElseThrow();
    InetSocketAddress refused = proxy.node(3).proxyAddress();
    long connectionsBefore = proxy.node(3).counters().connectionsOpened();
    try (Session session =
        Session.builder()
            .knownNode(proxy.node(1).contactPoint())
            .hostFilter(node -> !node.address().equals(refused))
            .build()) {
      assertThat(session.getClusterState().nodes()).hasSize(3);
      Node third = nodeAt(session, refused);
      await(
          () -> session.getClusterState().nodes().stream().filter(Node::isUp).count() == 2,
          Duration.ofSeconds(10));
      for (int i = 0; i < 300; i++) {
        QueryResult result = session.queryUnpaged("SELECT release_version FROM system.local");
        assertThat(result.coordinator()).isNotEqualTo(third);
      }
      assertThat(third.isUp()).isFalse();
    }
    assertThat(proxy.node(3).counters().connectionsOpened()).isEqualTo(connectionsBefore);
  }

  /**
   * Node 2 advertises the shared proxy's address; the translator sends the session to a second
   * proxy of its own in front of the same node instead, and its requests go that way.
   */
  @Test
  void connectsToTheAddressesTheTranslatorGives(TestCluster cluster) throws Exception {
    CqlProxy shared = cluster.proxy().orElseThrow();
    CassandraNode node2 = cluster.managed().orElseThrow().nodes().get(1);
    byte[] ip = node2.nativeAddress().getAddress().getAddress();
    // beside the nodes' and the shared proxies' addresses: 127.B.(x xor 32).y
    String listen = "127." + ip[1] + "." + ((ip[2] & 0xFF) ^ 32) + "." + (ip[3] & 0xFF);
    InetSocketAddress advertised = shared.node(2).proxyAddress();
    try (CqlProxy own =
            CqlProxy.builder()
                .node(node2.contactPoint(), listen + ":" + node2.nativeAddress().getPort())
                .start();
        Session session =
            Session.builder()
                .knownNode(shared.node(1).contactPoint())
                .addressTranslator(
                    address -> address.equals(advertised) ? own.node(1).proxyAddress() : address)
                .build()) {
      InetSocketAddress translated = own.node(1).proxyAddress();
      assertThat(session.getClusterState().nodes())
          .extracting(Node::address)
          .contains(translated)
          .doesNotContain(advertised);
      Node node = nodeAt(session, translated);
      await(node::isUp, Duration.ofSeconds(10));
      long sharedRequests = shared.node(2).counters().requests();
      int coordinated = 0;
      for (int i = 0; i < 300; i++) {
        QueryResult result = session.queryUnpaged("SELECT release_version FROM system.local");
        coordinated += result.coordinator().equals(node) ? 1 : 0;
      }
      assertThat(coordinated).isGreaterThan(0);
      assertThat(own.node(1).counters().requests()).isGreaterThanOrEqualTo(coordinated);
      assertThat(shared.node(2).counters().requests()).isEqualTo(sharedRequests);
    }
  }

  private static Node nodeAt(Session session, InetSocketAddress address) {
    List<Node> nodes = session.getClusterState().nodes();
    return nodes.stream()
        .filter(n -> n.address().equals(address))
        .findFirst()
        .orElseThrow(() -> new AssertionError(address + " not among " + nodes));
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
