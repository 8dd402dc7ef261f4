package org.cql4j.it.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.cql4j.protocol.value.Values;
import org.cql4j.session.Node;
import org.cql4j.session.PoolSize;
import org.cql4j.session.QueryResult;
import org.cql4j.session.Session;
import org.cql4j.session.Token;
import org.cql4j.session.policy.DefaultLoadBalancingPolicy;
import org.cql4j.session.profile.ExecutionProfile;
import org.cql4j.session.statement.PreparedStatement;
import org.cql4j.testkit.CassandraNode;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.CqlProxy;
import org.cql4j.testkit.TestCluster;
import org.cql4j.testkit.proxy.ProxyConnection;
import org.cql4j.testkit.proxy.ProxyNode;
import org.cql4j.testkit.proxy.ScyllaEmulation;
import org.cql4j.testkit.proxy.ScyllaOption;
import org.cql4j.testkit.proxy.TabletMap;
import org.cql4j.testkit.proxy.TabletReplica;
import org.junit.jupiter.api.Test;

/**
 * Shard-aware routing through the ScyllaDB emulation of a 3-node ring: a connection per shard,
 * opened through the shard-aware port (or the regular one when that port is refused), and every
 * prepared request sent to the shard that owns its token, as the proxy counts.
 */
@CassandraTest(nodes = 3, scyllaShards = 6)
class ShardAwareIT {
  private static final int SHARDS = 6;
  private static final int REQUESTS = 1_000;
  private final Map<Integer, Integer> earlier = new HashMap<>();

  @Test
  void opensOneConnectionPerShardThroughTheShardAwarePortAndRoutesByShard(TestCluster cluster)
      throws Exception {
    CqlProxy proxy = cluster.proxy().orElseThrow();
    forgetEarlierConnections(proxy);
    try (Session session = Session.builder().knownNodes(cluster.contactPoints()).build()) {
      awaitFullPools(proxy, 1);
      for (ProxyNode node : proxy.nodes()) {
        List<ProxyConnection> pool = poolConnections(node);
        assertThat(shards(pool)).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(pool.stream().filter(ProxyConnection::viaShardAwarePort).count())
            .as("every shard but the first connection's is reached through the shard-aware port")
            .isGreaterThanOrEqualTo(SHARDS - 1);
      }
      assertThat(session.getClusterState().nodes())
          .allSatisfy(node -> assertThat(node.shardCount()).hasValue(SHARDS));
      writeAndCheckRouting(session, proxy, "shards_rf1");
    }
  }

  @Test
  void fallsBackToTheRegularPortWhenTheShardAwarePortIsRefused(TestCluster cluster)
      throws Exception {
    List<CassandraNode> nodes = cluster.managed().orElseThrow().nodes();
    CqlProxy.Builder builder =
        CqlProxy.builder()
            .scylla(
                ScyllaEmulation.builder().shards(SHARDS).shardAwarePortListening(false).build());
    for (CassandraNode node : nodes) {
      // beside the nodes' addresses, away from the shared proxy's (127.a.(b xor 128).c)
      byte[] ip = node.nativeAddress().getAddress().getAddress();
      String listen = "127." + ip[1] + "." + ((ip[2] & 0xFF) ^ 64) + "." + (ip[3] & 0xFF);
      builder.node(node.contactPoint(), listen + ":" + node.nativeAddress().getPort());
    }
    try (CqlProxy proxy = builder.start();
        Session session =
            Session.builder()
                .knownNodes(proxy.contactPoints())
                .poolSize(PoolSize.perShard(2))
                .build()) {
      awaitFullPools(proxy, 2);
      for (ProxyNode node : proxy.nodes()) {
        List<ProxyConnection> pool = poolConnections(node);
        assertThat(pool).hasSize(2 * SHARDS).noneMatch(ProxyConnection::viaShardAwarePort);
        assertThat(shards(pool)).containsExactly(0, 1, 2, 3, 4, 5);
      }
      writeAndCheckRouting(session, proxy, "shards_fallback");
    }
  }

  @Test
  void lightweightTransactionsGoToThePrimaryReplica(TestCluster cluster) throws Exception {
    CqlProxy proxy = cluster.proxy().orElseThrow();
    forgetEarlierConnections(proxy);
    try (Session session = Session.builder().knownNodes(cluster.contactPoints()).build()) {
      session.queryUnpaged(
          "CREATE KEYSPACE IF NOT EXISTS shards_lwt WITH replication ="
              + " {'class': 'SimpleStrategy', 'replication_factor': 3}");
      session.queryUnpaged("CREATE TABLE IF NOT EXISTS shards_lwt.kv (k int PRIMARY KEY, v int)");
      awaitFullPools(proxy, 1);
      PreparedStatement lwt =
          session.prepare("INSERT INTO shards_lwt.kv (k, v) VALUES (?, ?) IF NOT EXISTS");
      PreparedStatement plain = session.prepare("INSERT INTO shards_lwt.kv (k, v) VALUES (?, ?)");
      assertThat(lwt.isLwt()).isTrue();
      assertThat(plain.isLwt()).isFalse();
      proxy.resetCounters();
      for (int k = 0; k < 200; k++) {
        Token token = lwt.computeToken(Values.of(k, k)).orElseThrow();
        List<Node> replicas = session.getClusterState().replicas("shards_lwt", "kv", token);
        QueryResult result = session.executeUnpaged(lwt, Values.of(k, k));
        assertThat(result.coordinator()).isEqualTo(replicas.get(0));
      }
      assertThat(misrouted(proxy)).isZero();
    }
  }

  @Test
  void learnsTabletsFromTheFirstAnswerOfEachAndFollowsAMigration(TestCluster cluster)
      throws Exception {
    CqlProxy proxy = cluster.proxy().orElseThrow();
    forgetEarlierConnections(proxy);
    List<UUID> hosts = proxy.nodes().stream().map(n -> n.hostId().orElseThrow()).toList();
    try (Session session = Session.builder().knownNodes(cluster.contactPoints()).build()) {
      session.queryUnpaged(
          "CREATE KEYSPACE IF NOT EXISTS shards_tablets WITH replication ="
              + " {'class': 'SimpleStrategy', 'replication_factor': 1}");
      session.queryUnpaged(
          "CREATE TABLE IF NOT EXISTS shards_tablets.kv (k bigint PRIMARY KEY, v text)");
      awaitFullPools(proxy, 1);
      // 8 tablets whose replicas differ from the ring's placement: a driver must learn them
      int tabletCount = 8;
      proxy
          .tablets()
          .set(
              "shards_tablets",
              "kv",
              TabletMap.evenly(
                  tabletCount,
                  i -> List.of(new TabletReplica(hosts.get((i + 1) % 3), (i * 3) % SHARDS))));
      PreparedStatement insert =
          session.prepare("INSERT INTO shards_tablets.kv (k, v) VALUES (?, ?)");
      proxy.resetCounters();
      for (long k = 0; k < REQUESTS; k++) {
        session.executeUnpaged(insert, Values.of(k * 7_919, "v"));
      }
      assertThat(misrouted(proxy))
          .as("at most the first request of each tablet goes astray")
          .isBetween(1L, (long) tabletCount);

      proxy.resetCounters();
      for (long k = 0; k < REQUESTS; k++) {
        session.executeUnpaged(insert, Values.of(k * 7_919, "v"));
      }
      assertThat(misrouted(proxy)).isZero();

      // a tablet migrates to another node and shard: one misroute, then its new home
      Token token = insert.computeToken(Values.of(0L, "v")).orElseThrow();
      proxy
          .tablets()
          .migrate(
              "shards_tablets", "kv", token.value(), List.of(new TabletReplica(hosts.get(0), 5)));
      proxy.resetCounters();
      for (int i = 0; i < 20; i++) {
        session.executeUnpaged(insert, Values.of(0L, "v"));
      }
      assertThat(misrouted(proxy)).isEqualTo(1);
      assertThat(session.getClusterState().replicas("shards_tablets", "kv", token))
          .extracting(Node::hostId)
          .containsExactly(hosts.get(0));
    }
  }

  @Test
  void tabletsRoutingV2CorrectsAStaleReplicaSetThatStillReachesAReplica(TestCluster cluster)
      throws Exception {
    List<CassandraNode> nodes = cluster.managed().orElseThrow().nodes();
    CqlProxy.Builder builder =
        CqlProxy.builder()
            .scylla(
                ScyllaEmulation.builder()
                    .shards(SHARDS)
                    .option(ScyllaOption.TABLETS_ROUTING_V2, true)
                    .build());
    for (CassandraNode node : nodes) {
      byte[] ip = node.nativeAddress().getAddress().getAddress();
      String listen = "127." + ip[1] + "." + ((ip[2] & 0xFF) ^ 96) + "." + (ip[3] & 0xFF);
      builder.node(node.contactPoint(), listen + ":" + node.nativeAddress().getPort());
    }
    try (CqlProxy proxy = builder.start();
        Session session =
            Session.builder()
                .knownNodes(proxy.contactPoints())
                .defaultExecutionProfileHandle(
                    ExecutionProfile.builder()
                        .loadBalancingPolicy(
                            DefaultLoadBalancingPolicy.builder()
                                .enableShufflingReplicas(false)
                                .build())
                        .build()
                        .intoHandle())
                .build()) {
      List<UUID> hosts = proxy.nodes().stream().map(n -> n.hostId().orElseThrow()).toList();
      session.queryUnpaged(
          "CREATE KEYSPACE IF NOT EXISTS shards_v2 WITH replication ="
              + " {'class': 'SimpleStrategy', 'replication_factor': 1}");
      session.queryUnpaged(
          "CREATE TABLE IF NOT EXISTS shards_v2.kv (k bigint PRIMARY KEY, v text)");
      awaitFullPools(proxy, 1);
      proxy
          .tablets()
          .set(
              "shards_v2",
              "kv",
              TabletMap.evenly(
                  1,
                  i ->
                      List.of(
                          new TabletReplica(hosts.get(0), 1), new TabletReplica(hosts.get(1), 2))));
      PreparedStatement insert = session.prepare("INSERT INTO shards_v2.kv (k, v) VALUES (?, ?)");
      Token token = insert.computeToken(Values.of(1L, "v")).orElseThrow();
      for (int i = 0; i < 5; i++) {
        session.executeUnpaged(insert, Values.of(1L, "v"));
      }
      assertThat(session.getClusterState().replicas("shards_v2", "kv", token))
          .extracting(Node::hostId)
          .containsExactly(hosts.get(0), hosts.get(1));

      // the second replica moves; the first, where every request goes, stays a replica: only the
      // version presented on each EXECUTE can tell the driver
      proxy
          .tablets()
          .migrate(
              "shards_v2",
              "kv",
              token.value(),
              List.of(new TabletReplica(hosts.get(0), 1), new TabletReplica(hosts.get(2), 3)));
      proxy.resetCounters();
      await(
          () -> {
            session.executeUnpaged(insert, Values.of(1L, "v"));
            return session.getClusterState().replicas("shards_v2", "kv", token).stream()
                .map(Node::hostId)
                .toList()
                .equals(List.of(hosts.get(0), hosts.get(2)));
          },
          Duration.ofSeconds(10));
      assertThat(misrouted(proxy)).isZero();
    }
  }

  private static void writeAndCheckRouting(Session session, CqlProxy proxy, String keyspace) {
    session.queryUnpaged(
        "CREATE KEYSPACE IF NOT EXISTS "
            + keyspace
            + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
    session.queryUnpaged(
        "CREATE TABLE IF NOT EXISTS " + keyspace + ".kv (k bigint PRIMARY KEY, v text)");
    PreparedStatement insert =
        session.prepare("INSERT INTO " + keyspace + ".kv (k, v) VALUES (?, ?)");
    proxy.resetCounters();
    for (long k = 0; k < REQUESTS; k++) {
      session.executeUnpaged(insert, Values.of(k * 7_919, "v" + k));
    }
    long correct = 0;
    for (ProxyNode node : proxy.nodes()) {
      correct += node.routing().correct();
    }
    assertThat(misrouted(proxy)).as("requests sent to a wrong node or shard").isZero();
    assertThat(correct).isEqualTo(REQUESTS);
  }

  private static long misrouted(CqlProxy proxy) {
    return proxy.nodes().stream().mapToLong(n -> n.routing().misrouted()).sum();
  }

  // the connections of the session under test: the proxy outlives the sessions of other tests
  private void forgetEarlierConnections(CqlProxy proxy) {
    for (ProxyNode node : proxy.nodes()) {
      earlier.put(
          node.number(),
          node.connections().stream().mapToInt(ProxyConnection::number).max().orElse(0));
    }
  }

  private List<ProxyConnection> poolConnections(ProxyNode node) {
    int before = earlier.getOrDefault(node.number(), 0);
    return node.connections().stream()
        .filter(c -> c.number() > before && c.isOpen() && !c.isControl())
        .toList();
  }

  private static Set<Integer> shards(List<ProxyConnection> connections) {
    Set<Integer> shards = new TreeSet<>();
    connections.forEach(c -> shards.add(c.shard().orElse(-1)));
    return shards;
  }

  private void awaitFullPools(CqlProxy proxy, int perShard) throws InterruptedException {
    await(
        () ->
            proxy.nodes().stream()
                .allMatch(
                    n ->
                        poolConnections(n).size() >= perShard * SHARDS
                            && shards(poolConnections(n)).size() == SHARDS),
        Duration.ofSeconds(30));
  }

  private static void await(BooleanSupplier condition, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within %s", timeout).isLessThan(deadline);
      TimeUnit.MILLISECONDS.sleep(50);
    }
  }
}
