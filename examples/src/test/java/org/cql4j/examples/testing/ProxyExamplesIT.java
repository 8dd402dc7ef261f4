package org.cql4j.examples.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.errors.DbError;
import org.cql4j.protocol.errors.DbException;
import org.cql4j.protocol.frame.Opcode;
import org.cql4j.protocol.value.Values;
import org.cql4j.session.Session;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.CqlProxy;
import org.cql4j.testkit.NativeProtocolProbe;
import org.cql4j.testkit.TestCluster;
import org.cql4j.testkit.proxy.Action;
import org.cql4j.testkit.proxy.Condition;
import org.cql4j.testkit.proxy.ScyllaEmulation;
import org.cql4j.testkit.proxy.TabletMap;
import org.cql4j.testkit.proxy.TabletReplica;
import org.cql4j.testkit.proxy.Tee;
import org.junit.jupiter.api.Test;

/** The proxy snippets of docs/testing.md, run against a real node. */
@CassandraTest
class ProxyExamplesIT {

  @Test
  void forgesAnErrorAndTeesFrames(TestCluster cassandra) {
    String contactPoint = cassandra.firstContactPoint();
    // tag::proxy-rules[]
    try (CqlProxy proxy = CqlProxy.builder().node(contactPoint, "127.0.60.1:0").start();
        Session session = Session.builder().knownNodes(proxy.contactPoints()).build()) {
      proxy
          .node(1)
          .rules()
          .add(
              Condition.requestOpcode(Opcode.QUERY)
                  .and(Condition.queryContains("FROM system.peers")),
              Action.forgeError(
                  new DbError.ReadTimeout(Consistency.QUORUM, 1, 2, false), "forged"));
      Tee queries = new Tee();
      proxy.rules().add(Condition.requestOpcode(Opcode.QUERY), Action.tee(queries));

      assertThatThrownBy(() -> session.queryUnpaged("SELECT peer FROM system.peers", Values.EMPTY))
          .isInstanceOfSatisfying(
              DbException.class,
              e -> assertThat(e.error()).isInstanceOf(DbError.ReadTimeout.class));
      session.queryUnpaged("SELECT release_version FROM system.local", Values.EMPTY);
      assertThat(queries.await(1, Duration.ofSeconds(5)).get(0).query())
          .contains("SELECT release_version FROM system.local");
      assertThat(proxy.node(1).counters().forged()).isEqualTo(1);
    }
    // end::proxy-rules[]
  }

  @Test
  void emulatesScyllaDb(TestCluster cassandra) throws Exception {
    String contactPoint = cassandra.firstContactPoint();
    // tag::scylla-emulation[]
    try (CqlProxy scylla =
        CqlProxy.builder()
            .node(contactPoint, "127.0.60.2:0")
            .scylla(ScyllaEmulation.builder().shards(4).build()) // shard-aware port 19042
            .start()) {
      UUID host = scylla.node(1).hostId().orElseThrow();
      scylla
          .tablets()
          .set("shop", "orders", TabletMap.evenly(8, i -> List.of(new TabletReplica(host, i % 4))));
      Map<String, List<String>> supported =
          NativeProtocolProbe.supportedOptions(
              scylla.node(1).proxyAddress(), null, Duration.ofSeconds(5));
      assertThat(supported.get("SCYLLA_NR_SHARDS")).containsExactly("4");
      assertThat(supported.get("SCYLLA_SHARD_AWARE_PORT")).containsExactly("19042");
      // ... connect a ScyllaDB driver to scylla.contactPoints(), then read
      // scylla.node(1).routing().misrouted()
    }
    // end::scylla-emulation[]
  }
}
