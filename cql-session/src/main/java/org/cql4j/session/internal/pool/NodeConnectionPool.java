package org.cql4j.session.internal.pool;

import io.netty.util.ReferenceCountUtil;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
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
import org.cql4j.session.policy.ReconnectionPolicy;
import org.cql4j.session.policy.RoutingInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections to one node, per shard on ScyllaDB: opened in the background, replaced with the
 * session's reconnection policy's delays when they close or fail to open. Thread-safe: the open
 * connections are copy-on-write arrays read without locking on every request; changes happen under
 * a lock.
 *
 * <p>On ScyllaDB (scylla-protocol-extensions.md, "Intranode sharding") the first connection's
 * SUPPORTED tells the shard count; the pool then opens the connections each shard lacks through the
 * shard-aware port, from a local port that picks the shard ({@code port % shards}). If that port is
 * absent, refused, or puts connections on other shards (a NAT rewrote the port), it falls back to
 * the regular port, where the server puts each connection on its least-connected shard; a
 * connection that lands on a full shard is closed, and after too many of those in a row the pool
 * backs off. A request goes to a connection of its token's shard, or, if that shard has none open,
 * to the least loaded connection of the node.
 *
 * <p>A node that cannot be reached only affects requests planned for it: the pool reports the node
 * down to its {@link Listener} and keeps retrying on its own schedule; an UP event from the cluster
 * ({@link #reconnectNow()}) retries at once.
 */
public final class NodeConnectionPool {
  private static final Logger LOG = LoggerFactory.getLogger(NodeConnectionPool.class);
  private static final Connection[] NONE = new Connection[0];
  private static final int MAX_BIND_FAILURES = 8;

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
  private final PoolSize size;
  private final ConnectionFactory factory;
  private final ConnectionSettings settings;
  private final NodeCounters counters;
  private final Supplier<String> keyspace;
  private final ScheduledExecutorService scheduler;
  private final Listener listener;
  private final ShardAwarePorts ports;
  private final Object lock = new Object();
  private final CompletableFuture<Void> firstRound = new CompletableFuture<>();

  // by shard; one slot until the node says it has shards (always, on Cassandra)
  private volatile Connection[][] open = {NONE};
  private volatile ShardingInfo sharding;
  // guarded by lock
  private int connecting;
  private int[] connectingToShard = new int[1];
  private int firstRoundLeft;
  private boolean closed;
  private ScheduledFuture<?> retry;
  private ReconnectionPolicy.Schedule backoff;
  private Throwable lastError;
  private boolean shardAwarePortBroken;
  private int bindFailures;
  private int misplaced;

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
    this.size = size;
    this.factory = factory;
    this.settings = settings;
    this.counters = settings.counters(address);
    this.keyspace = keyspace;
    this.scheduler = scheduler;
    this.listener = listener;
    this.ports = ports;
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
    return sharding;
  }

  /**
   * The open connection with the fewest requests in flight, or null when none is open. Lock-free.
   *
   * @return a connection or null
   */
  public Connection connection() {
    Connection[][] byShard = open;
    if (byShard.length == 1) {
      return leastLoaded(byShard[0], null);
    }
    Connection best = null;
    for (Connection[] connections : byShard) {
      best = leastLoaded(connections, best);
    }
    return best;
  }

  /**
   * The connection for a request: on ScyllaDB, one of the shard that owns the request's token (the
   * least loaded one), else any; lock-free and allocation-free.
   *
   * @param routing the request's routing information
   * @return a connection, or null when none is open
   */
  public Connection connection(RoutingInfo routing) {
    ShardingInfo s = sharding;
    if (s != null && routing.hasToken()) {
      Connection c = connectionToShard(s.shardOf(routing.tokenValue()));
      if (c != null) {
        return c;
      }
    }
    return connection();
  }

  /**
   * A connection of one shard (a tablet's replica names its shard), else any.
   *
   * @param shard the shard
   * @return a connection of that shard, or null when it has none open
   */
  public Connection connectionToShard(int shard) {
    Connection[][] byShard = open;
    return shard >= 0 && shard < byShard.length ? leastLoaded(byShard[shard], null) : null;
  }

  /** How many connections are open to each shard (one entry on Cassandra); for tests and logs. */
  public int[] openPerShard() {
    Connection[][] byShard = open;
    int[] counts = new int[byShard.length];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = byShard[i].length;
    }
    return counts;
  }

  private static Connection leastLoaded(Connection[] connections, Connection best) {
    int bestLoad = best == null ? Integer.MAX_VALUE : load(best);
    for (Connection c : connections) {
      if (c.isOpen()) {
        int load = load(c);
        if (load < bestLoad) {
          best = c;
          bestLoad = load;
        }
      }
    }
    return best;
  }

  private static int load(Connection c) {
    return c.inFlight() + c.waiting();
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
    for (Connection[] connections : open) {
      for (Connection c : connections) {
        c.heartbeat(timeout).exceptionally(e -> null); // a failure closes the connection
      }
    }
  }

  /** Tries to reconnect now, skipping the backoff (the node was reported up). */
  public void reconnectNow() {
    synchronized (lock) {
      if (retry != null) {
        retry.cancel(false);
        retry = null;
      }
      backoff = null;
      misplaced = 0;
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
    for (Connection[] connections : open) {
      for (Connection c : connections) {
        switches.add(use(c, keyspaceCql, timeout));
      }
    }
    return CompletableFuture.allOf(switches.toArray(CompletableFuture[]::new));
  }

  /**
   * Closes every connection gracefully (requests in flight complete) and stops reconnecting.
   *
   * @return completes when every connection is closed
   */
  public CompletableFuture<Void> close() {
    Connection[][] connections;
    synchronized (lock) {
      if (closed) {
        return CompletableFuture.completedFuture(null);
      }
      closed = true;
      if (retry != null) {
        retry.cancel(false);
        retry = null;
      }
      connections = open;
      open = new Connection[][] {NONE};
    }
    firstRound.complete(null);
    return CompletableFuture.allOf(
        Arrays.stream(connections)
            .flatMap(Arrays::stream)
            .map(Connection::close)
            .toArray(CompletableFuture[]::new));
  }

  /** One connection attempt: to the regular port (shard -1), or to a shard's shard-aware port. */
  private record Attempt(int shard, InetSocketAddress target, InetSocketAddress local) {}

  private void fill() {
    List<Attempt> attempts = new ArrayList<>();
    synchronized (lock) {
      if (closed) {
        return;
      }
      ShardingInfo s = sharding;
      if (s == null) {
        int toOpen = size.connections() - total(open) - connecting;
        for (int i = 0; i < toOpen; i++) {
          attempts.add(new Attempt(-1, address, null));
        }
      } else {
        // the regular-port attempts still in flight, before this fill adds shard-aware ones
        int regularInFlight = connecting - sum(connectingToShard);
        int regular = 0;
        for (int shard = 0; shard < s.nrShards(); shard++) {
          int deficit = target(shard, s.nrShards()) - open[shard].length - connectingToShard[shard];
          for (int i = 0; i < deficit; i++) {
            Attempt a = shardAware(shard, s);
            if (a != null) {
              connectingToShard[shard]++;
              attempts.add(a);
            } else {
              regular++;
            }
          }
        }
        for (int i = regularInFlight; i < regular; i++) {
          attempts.add(new Attempt(-1, address, null));
        }
      }
      connecting += attempts.size();
    }
    for (Attempt a : attempts) {
      String ks = keyspace.get();
      var config =
          a.local == null
              ? settings.forPool(a.target, ks, counters)
              : settings.forPool(a.target, a.local, ks, counters);
      factory.connect(config).whenComplete((c, error) -> onConnectAttempt(a, c, error, ks));
    }
  }

  // under lock: an attempt on the shard-aware port, or null to use the regular port
  private Attempt shardAware(int shard, ShardingInfo s) {
    OptionalInt port = settings.usesTls() ? s.shardAwarePortSsl() : s.shardAwarePort();
    if (ports == null || shardAwarePortBroken || port.isEmpty()) {
      return null;
    }
    int local = ports.next(shard, s.nrShards());
    return local < 0
        ? null
        : new Attempt(
            shard,
            new InetSocketAddress(address.getAddress(), port.getAsInt()),
            new InetSocketAddress(local));
  }

  private int target(int shard, int shards) {
    if (size.perShard()) {
      return size.connections();
    }
    int n = size.connections();
    return n / shards + (shard < n % shards ? 1 : 0);
  }

  private void onConnectAttempt(
      Attempt attempt, Connection connection, Throwable error, String usedKeyspace) {
    boolean closeIt = false;
    boolean fillAgain = false;
    boolean firstRoundDone;
    List<Connection> replaced = List.of();
    synchronized (lock) {
      connecting--;
      if (attempt.shard >= 0 && attempt.shard < connectingToShard.length) {
        connectingToShard[attempt.shard]--;
      }
      firstRoundDone = firstRoundLeft > 0 && --firstRoundLeft == 0;
      if (closed) {
        closeIt = connection != null;
      } else if (error != null) {
        lastError = error;
        fillAgain = attempt.shard >= 0 && shardAwareFailed(error);
        if (!fillAgain) {
          scheduleRetry();
        }
        if (total(open) == 0) {
          listener.onPoolDown(address, error);
        }
      } else {
        ShardingInfo info = connection.scyllaExtensions().sharding().orElse(null);
        if (info != null && (sharding == null || sharding.nrShards() != info.nrShards())) {
          replaced = adopt(info);
        }
        int shard = info == null || sharding == null ? 0 : info.shard();
        if (sharding != null && open[shard].length >= target(shard, sharding.nrShards())) {
          closeIt = true; // the shard is full: the server chose another shard than wanted
          fillAgain = misplaced(attempt, shard);
        } else {
          add(shard, connection);
          misplaced = 0;
          bindFailures = 0;
          backoff = null;
          if (total(open) == 1) {
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
    Connection[][] previous = open;
    Connection[][] byShard = new Connection[info.nrShards()][];
    Arrays.fill(byShard, NONE);
    for (Connection[] connections : previous) {
      for (Connection c : connections) {
        ShardingInfo theirs = c.scyllaExtensions().sharding().orElse(null);
        if (theirs != null && theirs.nrShards() == info.nrShards()) {
          byShard[theirs.shard()] = append(byShard[theirs.shard()], c);
        } else {
          replaced.add(c);
        }
      }
    }
    if (sharding != null) {
      LOG.info("node {} now has {} shards (was {})", address, info.nrShards(), sharding.nrShards());
    }
    open = byShard;
    connectingToShard = new int[info.nrShards()];
    sharding = info;
    listener.onSharding(address, info);
    return replaced;
  }

  // under lock: a failed shard-aware attempt; true to try again at once (another local port, or
  // the regular port), false for the usual backoff (the port answered, the handshake failed)
  private boolean shardAwareFailed(Throwable error) {
    if (causedBy(error, BindException.class) && ++bindFailures < MAX_BIND_FAILURES) {
      return true; // that local port is taken: another one
    }
    if (!causedBy(error, ConnectException.class) && !causedBy(error, BindException.class)) {
      return false;
    }
    if (!shardAwarePortBroken) {
      shardAwarePortBroken = true;
      LOG.warn(
          "the shard-aware port of {} failed ({}); connecting through the regular port",
          address,
          error.getMessage());
    }
    return true;
  }

  // under lock: a connection landed on a full shard; true to try again at once
  private boolean misplaced(Attempt attempt, int shard) {
    if (attempt.shard >= 0 && attempt.shard != shard && !shardAwarePortBroken) {
      shardAwarePortBroken = true;
      LOG.warn(
          "the shard-aware port of {} put a connection for shard {} on shard {} (is a NAT"
              + " rewriting ports?); connecting through the regular port",
          address,
          attempt.shard,
          shard);
      return true;
    }
    if (++misplaced <= 2 * sharding.nrShards()) {
      return true;
    }
    scheduleRetry(); // the server keeps choosing full shards: let other clients' connections move
    return false;
  }

  private void add(int shard, Connection connection) {
    Connection[][] grown = open.clone();
    grown[shard] = append(grown[shard], connection);
    open = grown;
  }

  private static Connection[] append(Connection[] connections, Connection c) {
    Connection[] grown = Arrays.copyOf(connections, connections.length + 1);
    grown[connections.length] = c;
    return grown;
  }

  private void onClosed(Connection connection) {
    Throwable cause;
    synchronized (lock) {
      if (closed) {
        return;
      }
      Connection[][] shrunk = open.clone();
      boolean found = false;
      for (int shard = 0; shard < shrunk.length && !found; shard++) {
        int i = Arrays.asList(shrunk[shard]).indexOf(connection);
        if (i >= 0) {
          List<Connection> kept = new ArrayList<>(Arrays.asList(shrunk[shard]));
          kept.remove(i);
          shrunk[shard] = kept.toArray(NONE);
          found = true;
        }
      }
      if (!found) {
        return; // closed as excess, or replaced by a new shard layout
      }
      open = shrunk;
      cause =
          connection
              .closeCause()
              .orElseGet(() -> new IllegalStateException("connection to " + address + " closed"));
      lastError = cause;
      scheduleRetry();
      if (total(open) == 0) {
        listener.onPoolDown(address, cause);
      }
    }
    LOG.debug("connection to {} closed: {}", address, cause.toString());
  }

  // under lock
  private void scheduleRetry() {
    if (retry != null || closed) {
      return;
    }
    if (backoff == null) {
      backoff = settings.policies().reconnection().newSchedule();
    }
    long delay = backoff.nextDelay().toNanos();
    retry =
        scheduler.schedule(
            () -> {
              synchronized (lock) {
                retry = null;
                misplaced = 0;
              }
              fill();
            },
            delay,
            TimeUnit.NANOSECONDS);
  }

  private static int total(Connection[][] byShard) {
    int n = 0;
    for (Connection[] connections : byShard) {
      n += connections.length;
    }
    return n;
  }

  private static int sum(int[] values) {
    int n = 0;
    for (int v : values) {
      n += v;
    }
    return n;
  }

  private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static CompletableFuture<Void> use(Connection c, String keyspaceCql, Duration timeout) {
    Query use =
        new Query("USE " + keyspaceCql, QueryParameters.of(Consistency.ONE, BoundValues.EMPTY));
    return c.send(use, timeout)
        .thenAccept(response -> ReferenceCountUtil.release(response.message()));
  }

  @Override
  public String toString() {
    ShardingInfo s = sharding;
    return "NodeConnectionPool["
        + address
        + ", "
        + total(open)
        + " open"
        + (s == null ? "" : " over " + s.nrShards() + " shards " + Arrays.toString(openPerShard()))
        + "]";
  }
}
