package org.cql4j.session.internal.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletionException;
import org.cql4j.protocol.scylla.ShardingInfo;
import org.cql4j.session.PoolSize;
import org.cql4j.session.internal.pool.ConnectPlanner.Attempt;
import org.junit.jupiter.api.Test;

/** Which connections a pool opens next, and how it reacts to failed and misplaced ones. */
class ConnectPlannerTest {
  private static final InetSocketAddress NODE = new InetSocketAddress("127.0.0.1", 9042);
  private static final ShardAwarePorts PORTS =
      new ShardAwarePorts(ShardAwarePorts.DEFAULT_LOW, ShardAwarePorts.DEFAULT_HIGH);
  private static final Attempt REGULAR = new Attempt(-1, NODE, null);

  @Test
  void opensThePoolSizeThroughTheRegularPortUntilTheNodeSaysItHasShards() {
    ConnectPlanner planner = new ConnectPlanner(NODE, PoolSize.perShard(2), PORTS, false);

    List<Attempt> attempts = planner.plan(ShardedConnections.EMPTY);

    assertThat(attempts).containsExactly(REGULAR, REGULAR);
    assertThat(planner.plan(ShardedConnections.EMPTY)).as("both still in flight").isEmpty();
    planner.finished(attempts.get(0));
    assertThat(planner.plan(ShardedConnections.EMPTY)).containsExactly(REGULAR);
  }

  @Test
  void opensWhatEachShardLacksThroughTheShardAwarePortFromALocalPortThatPicksTheShard() {
    ShardedConnections open = laidOut(sharding(3, 19042, -1));
    ConnectPlanner planner = planner(PoolSize.perShard(2), PORTS, false, open);

    List<Attempt> attempts = planner.plan(open);

    assertThat(attempts).extracting(Attempt::shard).containsExactlyInAnyOrder(0, 0, 1, 1, 2, 2);
    for (Attempt a : attempts) {
      assertThat(a.target()).isEqualTo(new InetSocketAddress(NODE.getAddress(), 19042));
      assertThat(a.local().getPort() % 3).isEqualTo(a.shard());
    }
    assertThat(planner.plan(open)).as("all still in flight").isEmpty();
    planner.finished(attempts.get(0));
    assertThat(planner.plan(open))
        .extracting(Attempt::shard)
        .containsExactly(attempts.get(0).shard());
  }

  @Test
  void usesTheTlsShardAwarePortWithTls() {
    ShardedConnections open = laidOut(sharding(2, 19042, 19142));
    ConnectPlanner planner = planner(PoolSize.perShard(1), PORTS, true, open);

    assertThat(planner.plan(open))
        .extracting(a -> a.target().getPort())
        .containsExactly(19142, 19142);
  }

  @Test
  void usesTheRegularPortWhenNoShardAwarePortFits() {
    ShardedConnections noPort = laidOut(sharding(3, -1, -1));
    ShardedConnections plainPortOnly = laidOut(sharding(3, 19042, -1));

    assertThat(planner(PoolSize.perShard(1), PORTS, false, noPort).plan(noPort))
        .containsExactly(REGULAR, REGULAR, REGULAR);
    assertThat(planner(PoolSize.perShard(1), PORTS, true, plainPortOnly).plan(plainPortOnly))
        .as("with TLS")
        .containsExactly(REGULAR, REGULAR, REGULAR);
    assertThat(planner(PoolSize.perShard(1), null, false, plainPortOnly).plan(plainPortOnly))
        .as("without local ports to choose from")
        .containsExactly(REGULAR, REGULAR, REGULAR);
  }

  @Test
  void regularAttemptsInFlightCountForTheShardsThatLackConnections() {
    ShardedConnections noPort = laidOut(sharding(3, -1, -1));
    ConnectPlanner planner = planner(PoolSize.perShard(1), PORTS, false, noPort);
    List<Attempt> attempts = planner.plan(noPort);

    assertThat(planner.plan(noPort)).isEmpty();
    planner.finished(attempts.get(0));
    planner.finished(attempts.get(1));
    assertThat(planner.plan(noPort)).containsExactly(REGULAR, REGULAR);
  }

  @Test
  void spreadsAPerHostSizeOverTheShardsTheLowerOnesTakingTheRemainder() {
    ConnectPlanner perHost = new ConnectPlanner(NODE, PoolSize.perHost(5), PORTS, false);
    ConnectPlanner perShard = new ConnectPlanner(NODE, PoolSize.perShard(2), PORTS, false);

    assertThat(List.of(perHost.target(0, 3), perHost.target(1, 3), perHost.target(2, 3)))
        .containsExactly(2, 2, 1);
    assertThat(List.of(perShard.target(0, 3), perShard.target(1, 3), perShard.target(2, 3)))
        .containsExactly(2, 2, 2);
    ShardedConnections open = laidOut(sharding(3, 19042, -1));
    perHost.resharded(3);
    assertThat(perHost.plan(open))
        .extracting(Attempt::shard)
        .containsExactlyInAnyOrder(0, 0, 1, 1, 2);
  }

  @Test
  void aShardIsFullOnceItHasItsTargetAndNeverOnCassandra() {
    ConnectPlanner planner = new ConnectPlanner(NODE, PoolSize.perHost(2), PORTS, false);
    ShardedConnections threeShards = laidOut(sharding(3, -1, -1));

    assertThat(planner.isFull(threeShards, 0)).isFalse();
    assertThat(planner.isFull(threeShards, 2)).as("two connections over three shards").isTrue();
    assertThat(planner.isFull(ShardedConnections.EMPTY, 0)).isFalse();
  }

  @Test
  void aTakenLocalPortIsRetriedFromAnotherUntilTheEighthFailureInARow() {
    ShardedConnections open = laidOut(sharding(1, 19042, -1));
    ConnectPlanner planner = planner(PoolSize.perShard(1), PORTS, false, open);
    Attempt attempt = planner.plan(open).get(0);
    Throwable taken = new CompletionException(new BindException("Address already in use"));

    for (int i = 1; i < 8; i++) {
      assertThat(planner.retryAtOnce(attempt, taken)).isTrue();
      assertThat(planner.shardAwarePortBroken()).as("after %d", i).isFalse();
    }
    assertThat(planner.retryAtOnce(attempt, taken)).isTrue();
    assertThat(planner.shardAwarePortBroken()).isTrue();

    planner.finished(attempt);
    assertThat(planner.plan(open)).containsExactly(REGULAR);
  }

  @Test
  void aConnectionThatJoinsThePoolEndsARunOfBindFailures() {
    ConnectPlanner planner = new ConnectPlanner(NODE, PoolSize.perShard(1), PORTS, false);
    Attempt attempt = new Attempt(0, NODE, new InetSocketAddress(10_000));
    Throwable taken = new BindException("Address already in use");
    for (int i = 1; i < 8; i++) {
      planner.retryAtOnce(attempt, taken);
    }

    planner.placed();

    for (int i = 1; i < 8; i++) {
      planner.retryAtOnce(attempt, taken);
    }
    assertThat(planner.shardAwarePortBroken()).isFalse();
  }

  @Test
  void aRefusedShardAwarePortIsGivenUpForTheRegularPort() {
    ShardedConnections open = laidOut(sharding(2, 19042, -1));
    ConnectPlanner planner = planner(PoolSize.perShard(1), PORTS, false, open);
    List<Attempt> attempts = planner.plan(open);

    boolean retry =
        planner.retryAtOnce(
            attempts.get(0), new IOException("connect", new ConnectException("refused")));
    planner.finished(attempts.get(0));

    assertThat(retry).isTrue();
    assertThat(planner.shardAwarePortBroken()).isTrue();
    assertThat(planner.plan(open)).containsExactly(REGULAR);
  }

  @Test
  void otherFailuresWaitForTheBackoff() {
    ConnectPlanner planner = new ConnectPlanner(NODE, PoolSize.perShard(1), PORTS, false);
    Attempt shardAware = new Attempt(0, NODE, new InetSocketAddress(10_000));

    assertThat(planner.retryAtOnce(shardAware, new IOException("handshake timed out"))).isFalse();
    assertThat(planner.retryAtOnce(REGULAR, new ConnectException("refused"))).isFalse();
    assertThat(planner.shardAwarePortBroken()).isFalse();
  }

  @Test
  void aShardAwareConnectionOnAnotherShardGivesUpTheShardAwarePort() {
    ConnectPlanner planner = new ConnectPlanner(NODE, PoolSize.perShard(1), PORTS, false);

    assertThat(planner.misplaced(new Attempt(1, NODE, new InetSocketAddress(10_000)), 2, 3))
        .isTrue();
    assertThat(planner.shardAwarePortBroken()).isTrue();
  }

  @Test
  void misplacedConnectionsAreReplacedAtOnceUpToTwiceTheShardCountInARow() {
    ConnectPlanner planner = new ConnectPlanner(NODE, PoolSize.perShard(1), PORTS, false);

    for (int i = 1; i <= 6; i++) {
      assertThat(planner.misplaced(REGULAR, 0, 3)).as("misplaced %d", i).isTrue();
    }
    assertThat(planner.misplaced(REGULAR, 0, 3)).isFalse();

    planner.resetMisplaced(); // the backoff elapsed
    assertThat(planner.misplaced(REGULAR, 0, 3)).isTrue();
    for (int i = 2; i <= 6; i++) {
      planner.misplaced(REGULAR, 0, 3);
    }
    planner.placed(); // a connection found its shard
    assertThat(planner.misplaced(REGULAR, 0, 3)).isTrue();
    assertThat(planner.shardAwarePortBroken()).isFalse();
  }

  // a planner told of the node's shard count, as the pool tells it when it adopts a layout
  private static ConnectPlanner planner(
      PoolSize size, ShardAwarePorts ports, boolean tls, ShardedConnections open) {
    ConnectPlanner planner = new ConnectPlanner(NODE, size, ports, tls);
    if (open.sharding() != null) {
      planner.resharded(open.sharding().nrShards());
    }
    return planner;
  }

  // the pool's empty snapshot once the node told its sharding
  private static ShardedConnections laidOut(ShardingInfo info) {
    return ShardedConnections.EMPTY.reshard(
        info,
        c -> {
          throw new AssertionError("nothing to drop");
        });
  }

  private static ShardingInfo sharding(int shards, int port, int sslPort) {
    return new ShardingInfo(
        0,
        shards,
        "org.apache.cassandra.dht.Murmur3Partitioner",
        ShardingInfo.BIASED_TOKEN_ROUND_ROBIN,
        12,
        port < 0 ? OptionalInt.empty() : OptionalInt.of(port),
        sslPort < 0 ? OptionalInt.empty() : OptionalInt.of(sslPort));
  }
}
