package org.cql4j.session.internal.topology;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.cql4j.protocol.message.Event;
import org.cql4j.protocol.message.SchemaChange;
import org.cql4j.protocol.message.SchemaChangeEvent;
import org.cql4j.protocol.message.StatusChangeEvent;
import org.cql4j.protocol.message.TopologyChangeEvent;
import org.cql4j.session.Node;
import org.cql4j.session.internal.connection.Connection;
import org.cql4j.session.internal.connection.ConnectionFactory;
import org.cql4j.session.internal.metadata.MetadataManager;
import org.cql4j.session.internal.metadata.SchemaListener;
import org.cql4j.session.internal.pool.ConnectionSettings;
import org.cql4j.session.internal.pool.PoolManager;
import org.cql4j.session.policy.AddressTranslator;
import org.cql4j.session.policy.ReconnectionPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the driver's view of the cluster current through the control connection: reads the system
 * tables into a new snapshot ({@link MetadataManager}), has the {@link PoolManager} follow it, and
 * reacts to events. Thread-safe: refreshes and reconnections are serialized by a lock.
 *
 * <p>Events (native_protocol_v4.spec §4.2.6): a topology change schedules a refresh, debounced so
 * that a burst of events costs one; a status change goes to the node's pool (or schedules a refresh
 * for an unknown node); a schema change goes to the {@link SchemaListener}. If the control
 * connection is lost it moves to another node, waiting as the reconnection policy says while none
 * answers, and the schema listener is told that events may have been missed.
 */
public final class TopologyMonitor {
  private static final Logger LOG = LoggerFactory.getLogger(TopologyMonitor.class);
  static final Duration REFRESH_DEBOUNCE = Duration.ofMillis(500);

  private final List<InetSocketAddress> contactPoints;
  private final ScheduledExecutorService scheduler;
  private final Executor executor;
  private final Duration queryTimeout;
  private final MetadataManager metadata;
  private final PoolManager pools;
  private final SchemaListener schema;
  private final ControlConnection control;
  private final TopologyReader reader;
  private final ReconnectionPolicy reconnection;
  private final AddressTranslator translator;
  private final Object lock = new Object();
  private volatile boolean closed;
  // guarded by lock
  private ScheduledFuture<?> pendingRefresh;
  private ReconnectionPolicy.Schedule controlRetry;

  /**
   * Creates the monitor; nothing connects before {@link #start()}.
   *
   * @param contactPoints the resolved contact points
   * @param factory opens the control connection
   * @param settings the connections' configuration
   * @param scheduler runs delayed tasks (debounce, reconnection)
   * @param executor builds snapshots after a refresh (placing replicas may take a while on a large
   *     cluster: not on an event loop)
   * @param queryTimeout the timeout of the system-table queries
   * @param metadata receives each topology read
   * @param pools follows the nodes and receives status events
   * @param schema receives schema events
   */
  public TopologyMonitor(
      List<InetSocketAddress> contactPoints,
      ConnectionFactory factory,
      ConnectionSettings settings,
      ScheduledExecutorService scheduler,
      Executor executor,
      Duration queryTimeout,
      MetadataManager metadata,
      PoolManager pools,
      SchemaListener schema) {
    this.contactPoints = List.copyOf(contactPoints);
    this.scheduler = scheduler;
    this.executor = executor;
    this.queryTimeout = queryTimeout;
    this.metadata = metadata;
    this.pools = pools;
    this.schema = schema;
    this.control = new ControlConnection(factory, settings, this::onEvent);
    this.reconnection = settings.policies().reconnection();
    this.translator = settings.policies().addressTranslator();
    this.reader = new TopologyReader(translator);
  }

  /**
   * Connects the control connection to the first contact point that answers, reads the topology and
   * opens every pool.
   *
   * @return completes once every pool made its first attempt; fails if no contact point answers
   */
  public CompletableFuture<Void> start() {
    return control
        .connect(() -> contactPoints)
        .thenCompose(
            c -> {
              c.closeFuture().whenComplete((v, e) -> onControlLost(c));
              return reader.read(c, queryTimeout);
            })
        .thenComposeAsync(topology -> pools.apply(metadata.applyTopology(topology)), executor);
  }

  /**
   * Reads the system tables now and publishes the result (after the session's own keyspace DDL, so
   * that its next request is routed with the new replication).
   *
   * @return completes once the new snapshot is published; never fails (a failure is logged, and the
   *     debounced refresh of the schema event will try again)
   */
  public CompletableFuture<Void> refreshNow() {
    Connection c = control.connection();
    if (c == null || closed) {
      return CompletableFuture.completedFuture(null);
    }
    return refresh(c)
        .exceptionally(
            e -> {
              LOG.warn("topology refresh failed: {}", e.getMessage());
              return null;
            });
  }

  /** The open control connection, or null while it moves to another node. */
  public Connection controlConnection() {
    return control.connection();
  }

  /**
   * Stops watching and closes the control connection.
   *
   * @return completes when the control connection is closed
   */
  public CompletableFuture<Void> close() {
    closed = true;
    synchronized (lock) {
      if (pendingRefresh != null) {
        pendingRefresh.cancel(false);
      }
    }
    return control.close();
  }

  private CompletableFuture<Void> refresh(Connection connection) {
    return reader
        .read(connection, queryTimeout)
        .thenAcceptAsync(topology -> pools.apply(metadata.applyTopology(topology)), executor);
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
        .thenCompose(c -> refresh(c).thenApply(v -> c))
        .whenComplete(
            (c, error) -> {
              if (error == null) {
                synchronized (lock) {
                  controlRetry = null;
                }
                LOG.info("control connection now on {}", c.address());
                schema.onSchemaEventsMissed();
                c.closeFuture().whenComplete((v, e) -> onControlLost(c));
                return;
              }
              long delay;
              synchronized (lock) {
                if (controlRetry == null) {
                  controlRetry = reconnection.newSchedule();
                }
                delay = controlRetry.nextDelay().toNanos();
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

  // up nodes first, then the others the host filter accepts, then the contact points
  private List<InetSocketAddress> controlCandidates() {
    Set<InetSocketAddress> candidates = new LinkedHashSet<>();
    List<Node> nodes = new ArrayList<>(metadata.state().nodes());
    nodes.removeIf(n -> !pools.accepted(n));
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
    LOG.debug("event: {}", event);
    if (event instanceof TopologyChangeEvent) {
      scheduleRefresh();
    } else if (event instanceof StatusChangeEvent status) {
      boolean up = status.change() == StatusChangeEvent.Change.UP;
      InetSocketAddress address = TopologyReader.translate(translator, status.address());
      if (!pools.onStatusEvent(address, up) && metadata.state().node(address).isEmpty()) {
        scheduleRefresh(); // a node the snapshot does not know yet
      }
    } else if (event instanceof SchemaChangeEvent change) {
      schema.onSchemaChange(change.change());
      if (change.change().target() == SchemaChange.Target.KEYSPACE) {
        scheduleRefresh(); // its replication may have changed
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
                Connection c = control.connection();
                if (c != null) {
                  refresh(c)
                      .exceptionally(
                          e -> {
                            LOG.warn("topology refresh failed: {}", e.getMessage());
                            return null;
                          });
                }
              },
              REFRESH_DEBOUNCE.toMillis(),
              TimeUnit.MILLISECONDS);
    }
  }
}
