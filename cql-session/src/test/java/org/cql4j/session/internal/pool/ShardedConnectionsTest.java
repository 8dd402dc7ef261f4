package org.cql4j.session.internal.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.message.BoundValues;
import org.cql4j.protocol.message.Query;
import org.cql4j.protocol.message.QueryParameters;
import org.cql4j.protocol.scylla.ShardingInfo;
import org.cql4j.session.internal.connection.Connection;
import org.cql4j.session.internal.connection.ConnectionConfig;
import org.cql4j.session.internal.connection.ConnectionFactory;
import org.cql4j.session.internal.connection.LocalCqlServer;
import org.cql4j.session.internal.connection.Transport;
import org.cql4j.session.policy.RoutingInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How a pool's snapshot picks a connection for a request and how it changes, over real connections
 * to a {@link FakeScyllaServer} (their load is made real by requests the server never answers).
 */
class ShardedConnectionsTest {
  private static final ShardingInfo THREE_SHARDS = sharding(3);

  private final Transport transport = Transport.create(Transport.Kind.NIO, 2);
  private final ConnectionFactory factory = new ConnectionFactory(transport);
  private final List<Connection> opened = new ArrayList<>();
  private FakeScyllaServer server;

  @BeforeEach
  void setUp() throws Exception {
    server = new FakeScyllaServer(3, -1, false);
  }

  @AfterEach
  void tearDown() {
    opened.forEach(Connection::forceClose);
    server.close();
    transport.close();
  }

  @Test
  void anEmptySnapshotHasNoConnectionForAnyRequest() {
    ShardedConnections empty = ShardedConnections.EMPTY;

    assertThat(empty.connection()).isNull();
    assertThat(empty.connection(routingTo(THREE_SHARDS, 1))).isNull();
    assertThat(empty.connectionToShard(0)).isNull();
    assertThat(empty.total()).isZero();
    assertThat(empty.perShard()).containsExactly(0);
    assertThat(empty.sharding()).isNull();
  }

  @Test
  void picksTheOpenConnectionWithTheFewestRequestsInFlight() throws Exception {
    Connection a = connect();
    Connection b = connect();
    Connection c = connect();
    ShardedConnections snapshot = ShardedConnections.EMPTY.with(0, a).with(0, b).with(0, c);
    load(a, 2);
    load(c, 1);

    assertThat(snapshot.connection()).isSameAs(b);

    load(b, 2); // b: 2, c: 1
    assertThat(snapshot.connection()).isSameAs(c);
  }

  @Test
  void skipsConnectionsThatAreClosing() throws Exception {
    Connection idle = connect();
    Connection busy = connect();
    load(busy, 3);
    ShardedConnections snapshot = ShardedConnections.EMPTY.with(0, idle).with(0, busy);

    idle.close();

    assertThat(snapshot.connection()).isSameAs(busy);
    busy.close();
    assertThat(snapshot.connection()).isNull();
  }

  @Test
  void sendsATokenToTheLeastLoadedConnectionOfTheShardThatOwnsIt() throws Exception {
    Connection shard0 = connect();
    Connection shard1 = connect();
    Connection shard1Busy = connect();
    ShardedConnections snapshot =
        resharded(THREE_SHARDS).with(0, shard0).with(1, shard1Busy).with(1, shard1);
    load(shard1, 1);
    load(shard1Busy, 2);

    // the node's least loaded connection is on shard 0, but the token belongs to shard 1
    assertThat(snapshot.connection(routingTo(THREE_SHARDS, 1))).isSameAs(shard1);
    assertThat(snapshot.connection(routingTo(THREE_SHARDS, 0))).isSameAs(shard0);
    assertThat(snapshot.connectionToShard(1)).isSameAs(shard1);
    assertThat(snapshot.connectionToShard(0)).isSameAs(shard0);
  }

  @Test
  void fallsBackToTheNodesLeastLoadedConnectionWhenTheShardHasNoneOpen() throws Exception {
    Connection busy = connect();
    Connection idle = connect();
    Connection closed = connect();
    ShardedConnections snapshot =
        resharded(THREE_SHARDS).with(0, busy).with(1, idle).with(2, closed);
    load(busy, 1);
    closed.close();

    assertThat(snapshot.connection(routingTo(THREE_SHARDS, 2))).isSameAs(idle);
    assertThat(snapshot.connectionToShard(2)).isNull();
    // no token, no shard to prefer
    assertThat(snapshot.connection(RoutingInfo.of(Consistency.ONE))).isSameAs(idle);
  }

  @Test
  void ignoresTheTokenUntilTheNodeSaysItHasShards() throws Exception {
    Connection busy = connect();
    Connection idle = connect();
    ShardedConnections snapshot = ShardedConnections.EMPTY.with(0, busy).with(0, idle);
    load(busy, 1);

    for (int shard = 0; shard < 3; shard++) {
      assertThat(snapshot.connection(routingTo(THREE_SHARDS, shard))).isSameAs(idle);
    }
  }

  @Test
  void aShardOutsideTheLayoutHasNoConnection() throws Exception {
    ShardedConnections snapshot = resharded(THREE_SHARDS).with(0, connect());

    assertThat(snapshot.connectionToShard(3)).isNull();
    assertThat(snapshot.connectionToShard(-1)).isNull();
  }

  @Test
  void addingAndRemovingMakesNewSnapshotsAndLeavesTheOldOnesAsTheyWere() throws Exception {
    Connection a = connect();
    Connection b = connect();
    Connection c = connect();
    ShardedConnections empty = resharded(THREE_SHARDS);

    ShardedConnections full = empty.with(1, a).with(1, b).with(2, c);
    ShardedConnections shrunk = full.without(a);

    assertThat(empty.perShard()).containsExactly(0, 0, 0);
    assertThat(full.perShard()).containsExactly(0, 2, 1);
    assertThat(full.total()).isEqualTo(3);
    assertThat(full.contains(a)).isTrue();
    assertThat(shrunk.perShard()).containsExactly(0, 1, 1);
    assertThat(shrunk.contains(a)).isFalse();
    assertThat(shrunk.contains(b)).isTrue();
    assertThat(shrunk.connectionToShard(1)).isSameAs(b);
    assertThat(shrunk.sharding()).isSameAs(THREE_SHARDS);
    assertThat(shrunk.without(a)).as("removing one it does not hold").isSameAs(shrunk);
  }

  @Test
  void removingKeepsTheOrderOfTheOthers() throws Exception {
    Connection a = connect();
    Connection b = connect();
    Connection c = connect();
    ShardedConnections snapshot = ShardedConnections.EMPTY.with(0, a).with(0, b).with(0, c);

    List<Connection> order = new ArrayList<>();
    snapshot.without(b).forEach(order::add);

    assertThat(order).containsExactly(a, c);
  }

  @Test
  void reshardingPutsEachConnectionOnTheShardItReportedAndDropsThoseOfAnotherLayout()
      throws Exception {
    // as the pool has them before it knows the node's shards: all in the one slot
    ShardedConnections unsharded = ShardedConnections.EMPTY;
    for (int i = 0; i < 3; i++) {
      unsharded = unsharded.with(0, connect()); // the server puts them on shards 0, 1, 2
    }
    Connection cassandra;
    try (LocalCqlServer plain = new LocalCqlServer(false)) {
      cassandra = connect(plain.address());
      unsharded = unsharded.with(0, cassandra);
      List<Connection> dropped = new ArrayList<>();

      ShardedConnections sharded = unsharded.reshard(THREE_SHARDS, dropped::add);

      assertThat(sharded.sharding()).isSameAs(THREE_SHARDS);
      assertThat(sharded.perShard()).containsExactly(1, 1, 1);
      for (int shard = 0; shard < 3; shard++) {
        assertThat(sharded.connectionToShard(shard).scyllaExtensions().sharding())
            .get()
            .extracting(ShardingInfo::shard)
            .isEqualTo(shard);
      }
      assertThat(dropped).containsExactly(cassandra);

      // the node restarted with four shards: no connection fits the new layout
      dropped.clear();
      ShardedConnections fourShards = sharded.reshard(sharding(4), dropped::add);
      assertThat(fourShards.perShard()).containsExactly(0, 0, 0, 0);
      assertThat(dropped).hasSize(3);
    }
  }

  @Test
  void aClosedPoolsSnapshotKeepsTheShardingWithoutConnections() throws Exception {
    ShardedConnections full = resharded(THREE_SHARDS).with(2, connect());

    ShardedConnections cleared = full.cleared();

    assertThat(cleared.total()).isZero();
    assertThat(cleared.perShard()).containsExactly(0);
    assertThat(cleared.sharding()).isSameAs(THREE_SHARDS);
    assertThat(cleared.connection(routingTo(THREE_SHARDS, 2))).isNull();
  }

  /** The request path must not allocate: connection selection runs once per request. */
  @Test
  void choosingAConnectionAllocatesNothing() throws Exception {
    AllocationCounter allocations = AllocationCounter.forCurrentThread();
    assumeThat(allocations).as("a JVM that counts allocations per thread").isNotNull();
    ShardedConnections snapshot =
        resharded(THREE_SHARDS).with(0, connect()).with(1, connect()).with(2, connect());
    RoutingInfo withToken = routingTo(THREE_SHARDS, 1);
    RoutingInfo withoutToken = RoutingInfo.of(Consistency.ONE);
    int found = 0;
    for (int i = 0; i < 20_000; i++) { // warm up, so that the JIT has nothing left to allocate
      found += select(snapshot, withToken, withoutToken);
    }

    long before = allocations.bytes();
    for (int i = 0; i < 100_000; i++) {
      found += select(snapshot, withToken, withoutToken);
    }
    long allocated = allocations.bytes() - before;

    assertThat(found).isEqualTo(120_000 * 3);
    assertThat(allocated).as("bytes allocated by 300,000 selections").isLessThan(4096);
  }

  /**
   * The bytes the current thread allocated, from HotSpot's {@code com.sun.management.ThreadMXBean},
   * reached by reflection: the session's module does not read {@code java.management}.
   */
  private record AllocationCounter(Object threads, Method currentThreadAllocatedBytes) {
    static AllocationCounter forCurrentThread() {
      try {
        Object threads =
            Class.forName("java.lang.management.ManagementFactory")
                .getMethod("getThreadMXBean")
                .invoke(null);
        Class<?> hotspot = Class.forName("com.sun.management.ThreadMXBean");
        if (!hotspot.isInstance(threads)
            || !(boolean) hotspot.getMethod("isThreadAllocatedMemoryEnabled").invoke(threads)) {
          return null;
        }
        return new AllocationCounter(threads, hotspot.getMethod("getCurrentThreadAllocatedBytes"));
      } catch (ReflectiveOperationException | LinkageError e) {
        return null;
      }
    }

    long bytes() throws ReflectiveOperationException {
      return (long) currentThreadAllocatedBytes.invoke(threads);
    }
  }

  private static int select(ShardedConnections s, RoutingInfo withToken, RoutingInfo noToken) {
    return (s.connection(withToken) != null ? 1 : 0)
        + (s.connection(noToken) != null ? 1 : 0)
        + (s.connectionToShard(2) != null ? 1 : 0);
  }

  private static ShardedConnections resharded(ShardingInfo info) {
    return ShardedConnections.EMPTY.reshard(
        info,
        c -> {
          throw new AssertionError("nothing to drop");
        });
  }

  private static ShardingInfo sharding(int shards) {
    return new ShardingInfo(
        0,
        shards,
        "org.apache.cassandra.dht.Murmur3Partitioner",
        ShardingInfo.BIASED_TOKEN_ROUND_ROBIN,
        12,
        OptionalInt.empty(),
        OptionalInt.empty());
  }

  // routing information with a token that the shard owns
  private static RoutingInfo routingTo(ShardingInfo info, int shard) {
    Random random = new Random(shard);
    long token;
    do {
      token = random.nextLong();
    } while (info.shardOf(token) != shard);
    return RoutingInfo.withToken("ks", "t", token, Consistency.ONE, null, false);
  }

  private Connection connect() throws Exception {
    return connect(server.address());
  }

  private Connection connect(InetSocketAddress address) throws Exception {
    Connection c =
        factory.connect(ConnectionConfig.builder(address).build()).get(10, TimeUnit.SECONDS);
    opened.add(c);
    return c;
  }

  // n more requests the server never answers: the connection's load grows by n
  private static void load(Connection c, int n) throws InterruptedException {
    int target = c.inFlight() + n;
    for (int i = 0; i < n; i++) {
      c.send(
          new Query("silence", QueryParameters.of(Consistency.ONE, BoundValues.EMPTY)),
          Duration.ofMinutes(1));
    }
    await(() -> c.inFlight() == target && c.waiting() == 0);
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 10 s").isLessThan(deadline);
      Thread.sleep(5);
    }
  }
}
