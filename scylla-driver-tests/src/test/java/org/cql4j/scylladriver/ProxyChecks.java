package org.cql4j.scylladriver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.cql4j.testkit.CqlProxy;
import org.cql4j.testkit.proxy.ProxyConnection;
import org.cql4j.testkit.proxy.ProxyNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the driver tests read from the emulation: shards with connections, routing. */
final class ProxyChecks {
  private static final Logger LOG = LoggerFactory.getLogger(ProxyChecks.class);

  private ProxyChecks() {}

  /** The shards of a node's open connections that match {@code which}. */
  static Set<Integer> shards(ProxyNode node, Predicate<ProxyConnection> which) {
    Set<Integer> shards = new TreeSet<>();
    for (ProxyConnection c : node.connections()) {
      if (c.isOpen() && which.test(c)) {
        shards.add(c.shard().orElseThrow());
      }
    }
    return shards;
  }

  /** The shards of a node's open pool connections (not the control connection). */
  static Set<Integer> poolShards(ProxyNode node) {
    return shards(node, c -> !c.isControl());
  }

  /** Waits until every node has an open pool connection on each of its shards. */
  static void awaitEveryShard(CqlProxy proxy, int shards) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline
        && !proxy.nodes().stream().allMatch(n -> poolShards(n).size() == shards)) {
      Thread.sleep(100);
    }
    for (ProxyNode node : proxy.nodes()) {
      assertThat(poolShards(node))
          .as("shards with an open pool connection on node %d", node.number())
          .hasSize(shards);
    }
  }

  /** Logs each node's accounting and checks that all {@code requests} arrived where they belong. */
  static void assertRoutedWithoutMisroutes(CqlProxy proxy, int requests) {
    long correct = 0;
    long misrouted = 0;
    for (ProxyNode node : proxy.nodes()) {
      LOG.info(
          "node {}: {}; pool connections on shards {}, through the shard-aware port on {}",
          node.number(),
          node.routing(),
          poolShards(node),
          shards(node, ProxyConnection::viaShardAwarePort));
      correct += node.routing().correct();
      misrouted += node.routing().misrouted();
    }
    assertThat(misrouted).as("misrouted requests").isZero();
    assertThat(correct).as("requests on their replica and shard").isEqualTo(requests);
  }
}
