package org.cql4j.session.internal.cluster;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.cql4j.protocol.message.Event;
import org.cql4j.protocol.message.SchemaChangeEvent;
import org.cql4j.protocol.message.StatusChangeEvent;
import org.cql4j.protocol.message.TopologyChangeEvent;
import org.cql4j.session.ClusterState;
import org.cql4j.session.Node;
import org.cql4j.session.internal.connection.Connection;
import org.cql4j.session.internal.connection.ConnectionFactory;
import org.cql4j.session.internal.metadata.FrozenColumns;
import org.cql4j.session.internal.pool.ConnectionSettings;
import org.cql4j.session.internal.pool.NodeConnectionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's view of the cluster: the topology snapshot, one connection pool per node, and the
 * control connection that keeps both current. Thread-safe: the snapshot is replaced atomically
 * (volatile), pools live in a concurrent map, topology changes are serialized by a lock.
 *
 * <p>Events (native_protocol_v4.spec §4.2.6): a topology change schedules a refresh of the system
 * tables, debounced so that a burst of events costs one refresh; a node reported UP is reconnected
 * at once; a node reported DOWN is marked down only if its pool has no open connection (the event
 * may be stale, the connections are the truth). If the control connection is lost it moves to
 * another node, with backoff while none answers.
 */
public final class Cluster implements NodeConnectionPool.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(Cluster.class);
  static final Duration REFRESH_DEBOUNCE = Duration.ofMillis(500);
  private static final Duration CONTROL_RETRY_MAX = Duration.ofSeconds(16);

  private final List<InetSocketAddress> contactPoints;
  private final ConnectionFactory factory;
  private final ConnectionSettings settings;
  private final int poolSize;
  private final Supplier<String> keyspace;
  private final ScheduledExecutorService scheduler;
  private final Duration queryTimeout;
  private final ControlConnection control;
  private final TopologyReader reader = new TopologyReader();
  private final FrozenColumns frozenColumns;
  private final Map<InetSocketAddress, NodeConnectionPool> pools = new ConcurrentHashMap<>();
  private final Object lock = new Object();
  private volatile ClusterState state = ClusterState.empty();
  private volatile boolean closed;
  // guarded by lock
  private ScheduledFuture<?> pendingRefresh;
  private long controlRetryNanos;

  /**
   * Creates the cluster view; nothing connects before {@link #start()}.
   *
   * @param contactPoints the resolved contact points
   * @param factory opens connections
   * @param settings the connections' configuration
   * @param poolSize connections per node
   * @param keyspace the session's current keyspace identifier, or null
   * @param scheduler runs delayed tasks (debounce, reconnection)
   * @param queryTimeout the timeout of the driver's own queries
   */
  public Cluster(
      List<InetSocketAddress> contactPoints,
      ConnectionFactory factory,
      ConnectionSettings settings,
      int poolSize,
      Supplier<String> keyspace,
      ScheduledExecutorService scheduler,
      Duration queryTimeout) {
    this.contactPoints = List.copyOf(contactPoints);
    this.factory = factory;
    this.settings = settings;
    this.poolSize = poolSize;
    this.keyspace = keyspace;
    this.scheduler = scheduler;
    this.queryTimeout = queryTimeout;
    this.control = new ControlConnection(factory, settings, this::onEvent);
    this.frozenColumns = new FrozenColumns(control::connection, queryTimeout);
  }

  /**
   * Connects the control connection, reads the topology and opens every pool.
   *
   * @return completes once every pool made its first attempt; fails if no contact point answers
   */
  public CompletableFuture<Void> start() {
    return control
        .connect(() -> contactPoints)
        .thenCompose(this::readTopology)
        .thenCompose(
            ignored -> {
              watchControl();
              return CompletableFuture.allOf(
                  pools.values().stream()
                      .map(NodeConnectionPool::start)
                      .toArray(CompletableFuture[]::new));
            });
  }

  /** The current topology snapshot. */
  public ClusterState state() {
    return state;
  }

  /**
   * The pool of a node.
   *
   * @param node a node of the current or an earlier snapshot
   * @return the pool, or null if the node left the cluster
   */
  public NodeConnectionPool pool(Node node) {
    return pools.get(node.address());
  }

  /** Which collection columns are frozen, kept current by the control connection's events. */
  public FrozenColumns frozenColumns() {
    return frozenColumns;
  }

  /** Every pool, for maintenance tasks. */
  public List<NodeConnectionPool> pools() {
    return List.copyOf(pools.values());
  }

  /** Re-reads the system tables now. */
  private CompletableFuture<Void> refreshTopology() {
    Connection c = control.connection();
    if (c == null) {
      return CompletableFuture.completedFuture(null);
    }
    return readTopology(c);
  }

  @Override
  public void onPoolUp(InetSocketAddress address) {
    DefaultNode node = node(address);
    if (node != null && !node.isUp()) {
      LOG.info("node {} is up", node);
      node.setUp(true);
    }
  }

  @Override
  public void onPoolDown(InetSocketAddress address, Throwable cause) {
    DefaultNode node = node(address);
    if (node != null && node.isUp()) {
      LOG.warn("node {} is down: {}", node, cause.getMessage());
      node.setUp(false);
    }
  }

  /**
   * Closes the control connection and every pool; requests in flight complete first.
   *
   * @return completes when every connection is closed
   */
  public CompletableFuture<Void> close() {
    closed = true;
    synchronized (lock) {
      if (pendingRefresh != null) {
        pendingRefresh.cancel(false);
      }
    }
    List<CompletableFuture<Void>> closing = new ArrayList<>();
    closing.add(control.close());
    pools.values().forEach(pool -> closing.add(pool.close()));
    return CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new));
  }

  private CompletableFuture<Void> readTopology(Connection connection) {
    return reader.read(connection, queryTimeout).thenAccept(this::apply);
  }

  private void apply(List<NodeInfo> infos) {
    List<NodeConnectionPool> added = new ArrayList<>();
    List<NodeConnectionPool> removed = new ArrayList<>();
    synchronized (lock) {
      if (closed) {
        return;
      }
      ClusterState previous = state;
      List<Node> nodes = new ArrayList<>(infos.size());
      Set<InetSocketAddress> addresses = new LinkedHashSet<>();
      for (NodeInfo info : infos) {
        if (!addresses.add(info.address())) {
          LOG.warn("two nodes claim address {}; keeping the first", info.address());
          continue;
        }
        DefaultNode old = (DefaultNode) previous.node(info.address()).orElse(null);
        DefaultNode node = sameIdentity(old, info) ? old : newNode(info, old);
        nodes.add(node);
        if (!pools.containsKey(info.address())) {
          NodeConnectionPool pool =
              new NodeConnectionPool(
                  info.address(), poolSize, factory, settings, keyspace, scheduler, this);
          pools.put(info.address(), pool);
          added.add(pool);
        }
      }
      for (InetSocketAddress address : List.copyOf(pools.keySet())) {
        if (!addresses.contains(address)) {
          removed.add(pools.remove(address));
        }
      }
      state = ClusterState.of(nodes);
    }
    if (!added.isEmpty() || !removed.isEmpty()) {
      LOG.info("topology: {} (added {}, removed {})", state, addresses(added), addresses(removed));
    }
    removed.forEach(NodeConnectionPool::close);
    added.forEach(NodeConnectionPool::start);
  }

  private static boolean sameIdentity(DefaultNode old, NodeInfo info) {
    return old != null
        && Objects.equals(old.hostId(), info.hostId())
        && Objects.equals(old.datacenter(), info.datacenter())
        && Objects.equals(old.rack(), info.rack())
        && old.tokens().equals(info.tokens().stream().sorted().toList());
  }

  private static DefaultNode newNode(NodeInfo info, DefaultNode old) {
    DefaultNode node =
        new DefaultNode(
            info.address(), info.hostId(), info.datacenter(), info.rack(), info.tokens());
    // a node keeps its state across identity changes; a new node is up once its pool connects
    node.setUp(old != null && old.isUp());
    return node;
  }

  private static List<InetSocketAddress> addresses(List<NodeConnectionPool> pools) {
    return pools.stream().map(NodeConnectionPool::address).toList();
  }

  private DefaultNode node(InetSocketAddress address) {
    return (DefaultNode) state.node(address).orElse(null);
  }

  private void watchControl() {
    Connection c = control.connection();
    if (c != null) {
      c.closeFuture().whenComplete((v, e) -> onControlLost(c));
    }
  }

  private void onControlLost(Connection lost) {
    if (closed) {
      return;
    }
    LOG.info(
        "control connection to {} lost ({}); moving to another node",
        lost.address(),
        lost.closeCause().map(Throwable::getMessage).orElse("closed"));
    reconnectControl();
  }

  private void reconnectControl() {
    if (closed) {
      return;
    }
    control
        .connect(this::controlCandidates)
        .thenCompose(c -> readTopology(c).thenApply(v -> c))
        .whenComplete(
            (c, error) -> {
              if (error == null) {
                synchronized (lock) {
                  controlRetryNanos = 0;
                }
                LOG.info("control connection now on {}", c.address());
                frozenColumns.forgetAll(); // schema events may have been missed meanwhile
                c.closeFuture().whenComplete((v, e) -> onControlLost(c));
                return;
              }
              long delay;
              synchronized (lock) {
                controlRetryNanos =
                    Math.min(
                        Math.max(controlRetryNanos * 2, Duration.ofMillis(500).toNanos()),
                        CONTROL_RETRY_MAX.toNanos());
                delay = controlRetryNanos;
              }
              LOG.warn(
                  "no node accepts a control connection ({}); retrying in {} ms",
                  error.getMessage(),
                  TimeUnit.NANOSECONDS.toMillis(delay));
              if (!closed) {
                scheduler.schedule(this::reconnectControl, delay, TimeUnit.NANOSECONDS);
              }
            });
  }

  // up nodes first, then the others, then the contact points
  private List<InetSocketAddress> controlCandidates() {
    Set<InetSocketAddress> candidates = new LinkedHashSet<>();
    List<Node> nodes = new ArrayList<>(state.nodes());
    Collections.shuffle(nodes);
    nodes.stream().filter(Node::isUp).forEach(n -> candidates.add(n.address()));
    nodes.forEach(n -> candidates.add(n.address()));
    candidates.addAll(contactPoints);
    return new ArrayList<>(candidates);
  }

  private void onEvent(Event event) {
    if (closed) {
      return;
    }
    if (event instanceof TopologyChangeEvent topology) {
      LOG.debug("event: {}", topology);
      scheduleRefresh();
    } else if (event instanceof SchemaChangeEvent schema) {
      LOG.debug("event: {}", schema);
      frozenColumns.forget(schema.change());
    } else if (event instanceof StatusChangeEvent status) {
      LOG.debug("event: {}", status);
      NodeConnectionPool pool = pools.get(status.address());
      if (pool == null) {
        scheduleRefresh();
      } else if (status.change() == StatusChangeEvent.Change.UP) {
        pool.reconnectNow();
      } else {
        pool.reportedDown(new IllegalStateException("reported DOWN by the cluster"));
      }
    }
  }

  private void scheduleRefresh() {
    synchronized (lock) {
      if (pendingRefresh != null || closed) {
        return;
      }
      pendingRefresh =
          scheduler.schedule(
              () -> {
                synchronized (lock) {
                  pendingRefresh = null;
                }
                refreshTopology()
                    .exceptionally(
                        e -> {
                          LOG.warn("topology refresh failed: {}", e.getMessage());
                          return null;
                        });
              },
              REFRESH_DEBOUNCE.toMillis(),
              TimeUnit.MILLISECONDS);
    }
  }
}
