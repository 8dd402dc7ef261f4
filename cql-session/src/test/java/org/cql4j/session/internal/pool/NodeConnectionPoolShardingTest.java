package org.cql4j.session.internal.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.scylla.ShardingInfo;
import org.cql4j.session.PoolSize;
import org.cql4j.session.internal.connection.Connection;
import org.cql4j.session.internal.connection.ConnectionFactory;
import org.cql4j.session.internal.connection.Transport;
import org.cql4j.session.internal.session.ClusterPolicies;
import org.cql4j.session.policy.ReconnectionPolicy;
import org.cql4j.session.policy.RoutingInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How a pool fills the shards of a ScyllaDB node, against a {@link FakeScyllaServer} on real
 * sockets: through the shard-aware port, through the regular port, with a server that keeps
 * choosing a full shard, and across a change of the shard count.
 */
class NodeConnectionPoolShardingTest {
  private final Transport transport = Transport.create(Transport.Kind.NIO, 2);
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final List<ShardingInfo> announced = new CopyOnWriteArrayList<>();

  @AfterEach
  void tearDown() {
    scheduler.shutdownNow();
    transport.close();
  }

  @Test
  void opensOneConnectionPerShardThroughTheShardAwarePortAndRoutesByShard() throws Exception {
    try (FakeScyllaServer server = new FakeScyllaServer(4, -1, true)) {
      NodeConnectionPool pool = pool(server, PoolSize.perShard(1), Duration.ofSeconds(1), true);
      pool.start().get(10, TimeUnit.SECONDS);

      // the shards' connections open concurrently: wait for all four, not only for the last shard
      await(() -> Arrays.equals(pool.openPerShard(), new int[] {1, 1, 1, 1}));

      assertThat(server.acceptedOnRegularPort()).as("the first one, to learn the shards").isOne();
      assertThat(server.acceptedOnShardAwarePort()).isEqualTo(3);
      assertThat(announced).hasSize(1);
      assertThat(pool.sharding().nrShards()).isEqualTo(4);
      for (int shard = 0; shard < 4; shard++) {
        assertThat(shardOf(pool.connectionToShard(shard))).isEqualTo(shard);
        assertThat(shardOf(pool.connection(tokenOfShard(pool.sharding(), shard)))).isEqualTo(shard);
      }
      pool.close().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void fillsEveryShardThroughTheRegularPortWithoutAShardAwarePort() throws Exception {
    try (FakeScyllaServer server = new FakeScyllaServer(3, -1, false)) {
      NodeConnectionPool pool = pool(server, PoolSize.perShard(2), Duration.ofSeconds(1), true);
      pool.start().get(10, TimeUnit.SECONDS);

      await(() -> pool.openPerShard().length == 3 && sum(pool.openPerShard()) == 6);

      assertThat(pool.openPerShard()).containsExactly(2, 2, 2);
      assertThat(server.acceptedOnRegularPort()).isEqualTo(6);
      pool.close().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void closesConnectionsThatLandOnAFullShardAndBacksOffAfterTwiceTheShardCount() throws Exception {
    try (FakeScyllaServer server = new FakeScyllaServer(2, 0, false)) {
      NodeConnectionPool pool = pool(server, PoolSize.perShard(1), Duration.ofMinutes(1), true);
      pool.start().get(10, TimeUnit.SECONDS);

      // the first one on shard 0, then five for shard 1 that land on shard 0 as well
      await(() -> server.acceptedOnRegularPort() == 6);
      Thread.sleep(200);

      assertThat(server.acceptedOnRegularPort()).as("no more before the backoff").isEqualTo(6);
      assertThat(pool.openPerShard()).containsExactly(1, 0);

      pool.reconnectNow(); // the node was reported up: another round at once
      await(() -> server.acceptedOnRegularPort() == 11);
      Thread.sleep(200);
      assertThat(server.acceptedOnRegularPort()).isEqualTo(11);
      assertThat(pool.openPerShard()).containsExactly(1, 0);
      pool.close().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aNewShardCountReplacesTheConnectionsOfTheOldLayout() throws Exception {
    try (FakeScyllaServer server = new FakeScyllaServer(2, -1, false)) {
      NodeConnectionPool pool = pool(server, PoolSize.perShard(2), Duration.ofMillis(20), false);
      pool.start().get(10, TimeUnit.SECONDS);
      await(() -> pool.openPerShard().length == 2 && sum(pool.openPerShard()) == 4);
      List<Connection> oldLayout = new ArrayList<>();
      for (int shard = 0; shard < 2; shard++) {
        oldLayout.add(pool.connectionToShard(shard));
      }

      // the node restarts with more cores; the pool notices by losing one connection
      server.reshard(3);
      server.dropOneConnection();

      await(() -> pool.openPerShard().length == 3 && sum(pool.openPerShard()) == 6);
      assertThat(pool.openPerShard()).containsExactly(2, 2, 2);
      assertThat(announced).extracting(ShardingInfo::nrShards).containsExactly(2, 3);
      for (int shard = 0; shard < 3; shard++) {
        assertThat(pool.connectionToShard(shard).scyllaExtensions().sharding().get().nrShards())
            .isEqualTo(3);
      }
      for (Connection old : oldLayout) {
        old.closeFuture().get(10, TimeUnit.SECONDS); // closed by the pool, or by the server
      }
      assertThat(server.acceptedOnRegularPort()).isEqualTo(4 + 6);
      pool.close().get(10, TimeUnit.SECONDS);
    }
  }

  private NodeConnectionPool pool(
      FakeScyllaServer server, PoolSize size, Duration retryDelay, boolean shardAwarePorts) {
    InetSocketAddress address = server.address();
    ReconnectionPolicy reconnection = () -> () -> retryDelay;
    return new NodeConnectionPool(
        address,
        size,
        new ConnectionFactory(transport),
        PoolTestSettings.of(address, size, new ClusterPolicies(reconnection, node -> true, a -> a)),
        () -> null,
        scheduler,
        new NodeConnectionPool.Listener() {
          @Override
          public void onPoolUp(InetSocketAddress node) {}

          @Override
          public void onPoolDown(InetSocketAddress node, Throwable cause) {}

          @Override
          public void onSharding(InetSocketAddress node, ShardingInfo sharding) {
            announced.add(sharding);
          }
        },
        shardAwarePorts
            ? new ShardAwarePorts(ShardAwarePorts.DEFAULT_LOW, ShardAwarePorts.DEFAULT_HIGH)
            : null);
  }

  private static int shardOf(Connection c) {
    return c.scyllaExtensions().sharding().orElseThrow().shard();
  }

  private static RoutingInfo tokenOfShard(ShardingInfo info, int shard) {
    Random random = new Random(shard);
    long token;
    do {
      token = random.nextLong();
    } while (info.shardOf(token) != shard);
    return RoutingInfo.withToken("ks", "t", token, Consistency.ONE, null, false);
  }

  private static int sum(int[] values) {
    int n = 0;
    for (int v : values) {
      n += v;
    }
    return n;
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 10 s for the pool").isLessThan(deadline);
      Thread.sleep(5);
    }
  }
}
