package org.cql4j.session.internal.context;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import org.cql4j.protocol.message.Prepare;
import org.cql4j.session.internal.connection.Connection;
import org.cql4j.session.internal.connection.ConnectionFactory;
import org.cql4j.session.internal.connection.Transport;
import org.cql4j.session.internal.metadata.ClusterEvents;
import org.cql4j.session.internal.metadata.FrozenColumns;
import org.cql4j.session.internal.metadata.MetadataManager;
import org.cql4j.session.internal.metadata.SchemaListener;
import org.cql4j.session.internal.metrics.SessionMetrics;
import org.cql4j.session.internal.pool.ConnectionSettings;
import org.cql4j.session.internal.pool.PoolManager;
import org.cql4j.session.internal.prepare.PreparedTexts;
import org.cql4j.session.internal.prepare.Preparer;
import org.cql4j.session.internal.request.ConcurrencyLimiter;
import org.cql4j.session.internal.request.Observers;
import org.cql4j.session.internal.request.SpeculativeTimers;
import org.cql4j.session.internal.session.KeyspaceHolder;
import org.cql4j.session.internal.session.SchemaAgreement;
import org.cql4j.session.internal.session.SessionChanges;
import org.cql4j.session.internal.session.SessionConfig;
import org.cql4j.session.internal.topology.SchemaRefresher;
import org.cql4j.session.internal.topology.TopologyMonitor;

/**
 * Everything one session's components share, built and wired in one place: the configuration, the
 * event loops, the metadata snapshot holder, the pools, the topology monitor and the schema caches.
 * Thread-safe (immutable; each component is thread-safe). Passed to the parts of the request path
 * instead of long parameter lists.
 */
public final class SessionContext {
  private final ConcurrencyLimiter limiter;
  private final ConnectionSettings connectionSettings;
  private final SessionConfig config;
  private final Transport transport;
  private final ExecutorService executor;
  private final KeyspaceHolder keyspace = new KeyspaceHolder();
  private final MetadataManager metadata;
  private final FrozenColumns frozenColumns;
  private final PoolManager pools;
  private final TopologyMonitor topology;
  private final SchemaRefresher schema;
  private final SchemaAgreement schemaAgreement;
  private final SessionChanges sessionChanges;
  private final Observers observers;
  private final Latencies latencies = new Latencies();
  private final SessionMetrics metrics = new SessionMetrics();
  private final SpeculativeTimers speculativeTimers;
  private final PreparedTexts preparedTexts = new PreparedTexts();
  private final Duration queryTimeout;

  /**
   * Builds the session's components; nothing connects before {@link #start()}.
   *
   * @param config the configuration
   * @param transport the event loops
   * @param executor runs blocking work (DNS) and publishers
   * @param contactPoints the resolved contact points
   */
  public SessionContext(
      SessionConfig config,
      Transport transport,
      ExecutorService executor,
      List<InetSocketAddress> contactPoints) {
    this.config = config;
    this.transport = transport;
    this.executor = executor;
    this.metadata =
        new MetadataManager(
            config.nodeStateListeners().isEmpty() && config.schemaChangeListeners().isEmpty()
                ? ClusterEvents.NONE
                : new ClusterEvents(config.nodeStateListeners(), config.schemaChangeListeners()));
    this.speculativeTimers = new SpeculativeTimers(transport.group());
    ConnectionFactory factory = new ConnectionFactory(transport);
    this.limiter =
        config.maxConcurrentRequests() > 0
            ? new ConcurrencyLimiter(config.maxConcurrentRequests(), config.maxQueuedRequests())
            : null;
    ConnectionSettings settings = new ConnectionSettings(config, metrics);
    this.connectionSettings = settings;
    this.queryTimeout = config.connectTimeout().plusSeconds(5);
    this.pools =
        new PoolManager(
            config,
            factory,
            settings,
            keyspace::cql,
            transport.group(),
            metadata,
            this::prepareOnNodeUp);
    this.frozenColumns = new FrozenColumns(this::controlConnection, queryTimeout);
    this.schema =
        config.fetchSchemaMetadata()
            ? new SchemaRefresher(this::controlConnection, queryTimeout, metadata)
            : null;
    this.topology =
        new TopologyMonitor(
            contactPoints,
            factory,
            settings,
            transport.group(),
            executor,
            queryTimeout,
            metadata,
            pools,
            schema == null
                ? SchemaListener.all(frozenColumns, metadata.tablets())
                : SchemaListener.all(frozenColumns, metadata.tablets(), schema));
    this.schemaAgreement =
        new SchemaAgreement(
            metadata,
            pools,
            transport.group(),
            config.schemaAgreementInterval(),
            config.schemaAgreementTimeout());
    this.sessionChanges =
        new SessionChanges(
            keyspace,
            pools,
            config.autoAwaitSchemaAgreement() ? schemaAgreement::await : null,
            topology::refreshNow,
            schema == null ? change -> CompletableFuture.completedFuture(null) : schema::refresh);
    this.observers =
        config.requestListeners().isEmpty()
            ? Observers.NONE
            : new Observers(config.requestListeners());
  }

  // a node that comes back up gets the statements the application holds before any request
  private CompletableFuture<Void> prepareOnNodeUp(Connection connection) {
    List<Prepare> texts = preparedTexts.texts();
    return texts.isEmpty() ? null : Preparer.onConnection(connection, texts, queryTimeout);
  }

  // the schema lookups go through the control connection, which the monitor owns
  private Connection controlConnection() {
    return topology.controlConnection();
  }

  /**
   * Connects: the control connection, the topology, every pool's first round.
   *
   * @return completes once every pool made its first attempt; fails if no contact point answers
   */
  public CompletableFuture<Void> start() {
    metrics.start(transport.group());
    return schema == null
        ? topology.start()
        : topology.start().thenCompose(v -> schema.refreshAll());
  }

  /**
   * Closes the control connection and every pool; requests in flight complete first.
   *
   * @return completes when every connection is closed
   */
  public CompletableFuture<Void> close() {
    metadata.close();
    metrics.stop();
    return CompletableFuture.allOf(topology.close(), pools.close());
  }

  /** The statements the session prepared and the application still holds. */
  public PreparedTexts preparedTexts() {
    return preparedTexts;
  }

  /** The session's configuration. */
  public SessionConfig config() {
    return config;
  }

  /** The event loops, which also run the session's timers. */
  public ScheduledExecutorService scheduler() {
    return transport.group();
  }

  /** The executor for blocking work and publishers. */
  public ExecutorService executor() {
    return executor;
  }

  /** The session's current keyspace. */
  public KeyspaceHolder keyspace() {
    return keyspace;
  }

  /** The metadata snapshot holder. */
  public MetadataManager metadata() {
    return metadata;
  }

  /** Which collection columns are frozen. */
  public FrozenColumns frozenColumns() {
    return frozenColumns;
  }

  /** Awaits schema agreement. */
  public SchemaAgreement schemaAgreement() {
    return schemaAgreement;
  }

  /** Applies the results that change the session (keyspace, schema). */
  public SessionChanges sessionChanges() {
    return sessionChanges;
  }

  /** The session's request listeners. */
  public Observers observers() {
    return observers;
  }

  /** The timers of the requests' speculative executions. */
  public SpeculativeTimers speculativeTimers() {
    return speculativeTimers;
  }

  /** The latencies of the session's successful requests. */
  public Latencies latencies() {
    return latencies;
  }

  /** The limit on the requests in flight, or null when the session has none. */
  public ConcurrencyLimiter limiter() {
    return limiter;
  }

  /** The settings of every connection, with the protocol version the session speaks. */
  public ConnectionSettings connectionSettings() {
    return connectionSettings;
  }

  /** The session's metrics. */
  public SessionMetrics metrics() {
    return metrics;
  }

  /** The connection pools. */
  public PoolManager pools() {
    return pools;
  }
}
