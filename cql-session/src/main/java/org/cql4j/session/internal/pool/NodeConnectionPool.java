package org.cql4j.session.internal.pool;

import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.message.BoundValues;
import org.cql4j.protocol.message.Query;
import org.cql4j.protocol.message.QueryParameters;
import org.cql4j.protocol.scylla.ShardingInfo;
import org.cql4j.session.PoolSize;
import org.cql4j.session.internal.connection.Connection;
import org.cql4j.session.internal.connection.ConnectionFactory;
import org.cql4j.session.internal.metrics.NodeCounters;
import org.cql4j.session.internal.pool.ConnectPlanner.Attempt;
import org.cql4j.session.policy.RoutingInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections to one node, per shard on ScyllaDB: opened in the background, replaced with the
 * session's reconnection policy's delays when they close or fail to open. Thread-safe: the open
 * connections are an immutable {@link ShardedConnections} snapshot, read without locking on every
 * request and replaced under a lock.
 *
 * <p>On ScyllaDB (scylla-protocol-extensions.md, "Intranode sharding") the first connection's
 * SUPPORTED tells the shard count; the pool then opens the connections each shard lacks through the
 * shard-aware port, falling back to the regular port ({@link ConnectPlanner} decides which
 * connections to open and what to do with one that lands on a full shard). A request goes to a
 * connection of its token's shard, or, if that shard has none open, to the least loaded connection
 * of the node.
 *
 * <p>A node that cannot be reached only affects requests planned for it: the pool reports the node
 * down to its {@link Listener} and keeps retrying on its own schedule; an UP event from the cluster
 * ({@link #reconnectNow()}) retries at once.
 */
public final class NodeConnectionPool {
  private static final Logger LOG = LoggerFactory.getLogger(NodeConnectionPool.class);

  /**
   * What the pool tells the cluster. Called under the pool's lock, so that the notifications of a
   * pool arrive in the order of its state changes and the node is marked up before anyone waiting
   * for the pool's first round runs; implementations must be quick and must not call back into the
   * pool.
   */
  public interface Listener {
    /**
     * The pool has its first open connection after having none.
     *
     * @param address the node
     */
    void onPoolUp(InetSocketAddress address);

    /**
     * The pool lost its last open connection, or could not open any.
     *
     * @param address the node
     * @param cause why the last connection closed or the last attempt failed
     */
    void onPoolDown(InetSocketAddress address, Throwable cause);

    /**
     * The node said how it is sharded (ScyllaDB), or it changed. Default: ignored.
     *
     * @param address the node
     * @param sharding the shard count and algorithm
     */
    default void onSharding(InetSocketAddress address, ShardingInfo sharding) {}
  }

  private final InetSocketAddress address;
  private final ConnectionFactory factory;
  private final ConnectionSettings settings;
  private final NodeCounters counters;
  private final Supplier<String> keyspace;
  private final Listener listener;
  private final Object lock = new Object();
  private final CompletableFuture<Void> firstRound = new CompletableFuture<>();
  // confined to lock: which connections to open next, and when to try again
  private final ConnectPlanner planner;
  private final RetryTimer retries;

  // read by requests without locking, replaced under lock; one slot until the node says it has
  // shards (always, on Cassandra)
  private volatile ShardedConnections open = ShardedConnections.EMPTY;
  // guarded by lock
  private int firstRoundLeft;
  private boolean closed;
  private Throwable lastError;

  /**
   * Creates a pool; nothing connects before {@link #start()}.
   *
   * @param address the node's regular CQL address
   * @param size how many connections to keep open, per node or per shard
   * @param factory opens connections
   * @param settings the connections' configuration
   * @param keyspace the session's current keyspace (a CQL identifier) or null; read for each new
   *     connection
   * @param scheduler runs reconnection attempts
   * @param listener told when the node becomes reachable or unreachable, and of its sharding
   * @param ports chooses local ports for the shard-aware port, or null never to use it
   */
  public NodeConnectionPool(
      InetSocketAddress address,
      PoolSize size,
      ConnectionFactory factory,
      ConnectionSettings settings,
      Supplier<String> keyspace,
      ScheduledExecutorService scheduler,
      Listener listener,
      ShardAwarePorts ports) {
    this.address = Objects.requireNonNull(address, "address");
    this.factory = factory;
    this.settings = settings;
    this.counters = settings.counters(address);
    this.keyspace = keyspace;
    this.listener = listener;
    this.planner = new ConnectPlanner(address, size, ports, settings.usesTls());
    this.retries = new RetryTimer(scheduler, settings.policies().reconnection());
    this.firstRoundLeft = size.connections();
  }

  /**
   * Opens the connections in the background; calling it again only returns the same future.
   *
   * @return completes once every first attempt has succeeded or failed (never exceptionally)
   */
  public CompletableFuture<Void> start() {
    fill();
    return firstRound;
  }

  /** The node this pool connects to. */
  public InetSocketAddress address() {
    return address;
  }

  /** The node's sharding, once a connection told it; null on Cassandra. */
  public ShardingInfo sharding() {
    return open.sharding();
  }

  /**
   * The open connection with the fewest requests in flight, or null when none is open. Lock-free.
   *
   * @return a connection or null
   */
  public Connection connection() {
    return open.connection();
  }

  /**
   * The connection for a request: on ScyllaDB, one of the shard that owns the request's token (the
   * least loaded one), else any; lock-free and allocation-free.
   *
   * @param routing the request's routing information
   * @return a connection, or null when none is open
   */
  public Connection connection(RoutingInfo routing) {
    return open.connection(routing);
  }

  /**
   * A connection of one shard (a tablet's replica names its shard), else any.
   *
   * @param shard the shard
   * @return a connection of that shard, or null when it has none open
   */
  public Connection connectionToShard(int shard) {
    return open.connectionToShard(shard);
  }

  /** How many connections are open to each shard (one entry on Cassandra); for tests and logs. */
  public int[] openPerShard() {
    return open.perShard();
  }

  /** Why the last connection attempt failed or the last connection closed, or null. */
  public Throwable lastError() {
    synchronized (lock) {
      return lastError;
    }
  }

  /**
   * The cluster reported the node down: tells the listener so unless a connection is open (the
   * driver's own view wins, as a connection may have opened since the event was sent).
   *
   * @param cause what to report as the reason
   */
  public void reportedDown(Throwable cause) {
    synchronized (lock) {
      if (!closed && connection() == null) {
        listener.onPoolDown(address, cause);
      }
    }
  }

  /**
   * Sends a heartbeat on every open connection now (the cluster reported the node down): those that
   * get no answer in time close, and the node is marked down once none is left.
   *
   * @param timeout how long each heartbeat may wait
   */
  public void probe(Duration timeout) {
    // a failure closes the connection
    open.forEach(c -> c.heartbeat(timeout).exceptionally(e -> null));
  }

  /** Tries to reconnect now, skipping the backoff (the node was reported up). */
  public void reconnectNow() {
    synchronized (lock) {
      retries.cancel();
      retries.reset();
      planner.resetMisplaced();
    }
    fill();
  }

  /**
   * Switches every open connection to a keyspace; new connections start in it already.
   *
   * @param keyspaceCql the keyspace as a CQL identifier
   * @param timeout the timeout of each {@code USE}
   * @return completes when every connection switched
   */
  public CompletableFuture<Void> useKeyspace(String keyspaceCql, Duration timeout) {
    List<CompletableFuture<?>> switches = new ArrayList<>();
    open.forEach(c -> switches.add(use(c, keyspaceCql, timeout)));
    return CompletableFuture.allOf(switches.toArray(CompletableFuture[]::new));
  }

  /**
   * Closes every connection gracefully (requests in flight complete) and stops reconnecting.
   *
   * @return completes when every connection is closed
   */
  public CompletableFuture<Void> close() {
    ShardedConnections connections;
    synchronized (lock) {
      if (closed) {
        return CompletableFuture.completedFuture(null);
      }
      closed = true;
      retries.cancel();
      connections = open;
      open = open.cleared();
    }
    firstRound.complete(null);
    List<CompletableFuture<Void>> closing = new ArrayList<>();
    connections.forEach(c -> closing.add(c.close()));
    return CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new));
  }

  private void fill() {
    List<Attempt> attempts;
    synchronized (lock) {
      if (closed) {
        return;
      }
      attempts = planner.plan(open);
    }
    for (Attempt a : attempts) {
      String ks = keyspace.get();
      var config =
          a.local() == null
              ? settings.forPool(a.target(), ks, counters)
              : settings.forPool(a.target(), a.local(), ks, counters);
      factory.connect(config).whenComplete((c, error) -> onConnectAttempt(a, c, error, ks));
    }
  }

  private void onConnectAttempt(
      Attempt attempt, Connection connection, Throwable error, String usedKeyspace) {
    boolean closeIt = false;
    boolean fillAgain = false;
    boolean firstRoundDone;
    List<Connection> replaced = List.of();
    synchronized (lock) {
      planner.finished(attempt);
      firstRoundDone = firstRoundLeft > 0 && --firstRoundLeft == 0;
      if (closed) {
        closeIt = connection != null;
      } else if (error != null) {
        lastError = error;
        fillAgain = planner.retryAtOnce(attempt, error);
        if (!fillAgain) {
          scheduleRetry();
        }
        if (open.total() == 0) {
          listener.onPoolDown(address, error);
        }
      } else {
        ShardingInfo info = connection.scyllaExtensions().sharding().orElse(null);
        ShardingInfo sharding = open.sharding();
        if (info != null && (sharding == null || sharding.nrShards() != info.nrShards())) {
          replaced = adopt(info);
          sharding = info;
        }
        int shard = info == null || sharding == null ? 0 : info.shard();
        if (planner.isFull(open, shard)) {
          closeIt = true; // the shard is full: the server chose another shard than wanted
          fillAgain = planner.misplaced(attempt, shard, sharding.nrShards());
          if (!fillAgain) {
            scheduleRetry(); // the server keeps choosing full shards: let others' connections move
          }
        } else {
          open = open.with(shard, connection);
          planner.placed();
          retries.reset();
          if (open.total() == 1) {
            listener.onPoolUp(address);
          }
          fillAgain = sharding != null;
        }
      }
    }
    replaced.forEach(Connection::close);
    if (closeIt) {
      connection.close();
    } else if (error != null) {
      LOG.debug("connection to {} failed: {}", address, error.toString());
    } else {
      connection.closeFuture().whenComplete((v, e) -> onClosed(connection));
      String current = keyspace.get();
      if (current != null && !current.equals(usedKeyspace)) {
        // the session switched keyspaces while this connection was being opened
        use(connection, current, Duration.ofSeconds(10));
      }
    }
    // after the listener: whoever waits for the first round sees the node's state
    if (firstRoundDone || (closeIt && closed)) {
      firstRound.complete(null);
    }
    if (fillAgain) {
      fill();
    }
  }

  // under lock: the shard layout the node announced; connections of an older layout are replaced
  private List<Connection> adopt(ShardingInfo info) {
    List<Connection> replaced = new ArrayList<>();
    ShardedConnections previous = open;
    ShardedConnections resharded = previous.reshard(info, replaced::add);
    if (previous.sharding() != null) {
      LOG.info(
          "node {} now has {} shards (was {})",
          address,
          info.nrShards(),
          previous.sharding().nrShards());
    }
    open = resharded;
    planner.resharded(info.nrShards());
    listener.onSharding(address, info);
    return replaced;
  }

  private void onClosed(Connection connection) {
    Throwable cause;
    synchronized (lock) {
      if (closed) {
        return;
      }
      ShardedConnections shrunk = open.without(connection);
      if (shrunk == open) {
        return; // closed as excess, or replaced by a new shard layout
      }
      open = shrunk;
      cause =
          connection
              .closeCause()
              .orElseGet(() -> new IllegalStateException("connection to " + address + " closed"));
      lastError = cause;
      scheduleRetry();
      if (open.total() == 0) {
        listener.onPoolDown(address, cause);
      }
    }
    LOG.debug("connection to {} closed: {}", address, cause.toString());
  }

  // under lock
  private void scheduleRetry() {
    if (!closed) {
      retries.schedule(this::retry);
    }
  }

  private void retry() {
    synchronized (lock) {
      retries.fired();
      planner.resetMisplaced();
    }
    fill();
  }

  private static CompletableFuture<Void> use(Connection c, String keyspaceCql, Duration timeout) {
    Query use =
        new Query("USE " + keyspaceCql, QueryParameters.of(Consistency.ONE, BoundValues.EMPTY));
    return c.send(use, timeout)
        .thenAccept(response -> ReferenceCountUtil.release(response.message()));
  }

  @Override
  public String toString() {
    ShardedConnections connections = open;
    ShardingInfo s = connections.sharding();
    return "NodeConnectionPool["
        + address
        + ", "
        + connections.total()
        + " open"
        + (s == null
            ? ""
            : " over " + s.nrShards() + " shards " + Arrays.toString(connections.perShard()))
        + "]";
  }
}
