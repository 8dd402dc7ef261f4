package org.cql4j.session;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import org.cql4j.protocol.ProtocolVersion;
import org.cql4j.session.auth.AuthenticatorProvider;
import org.cql4j.session.auth.PlainTextAuthProvider;
import org.cql4j.session.internal.pool.ShardAwarePorts;
import org.cql4j.session.internal.session.BlockingCalls;
import org.cql4j.session.internal.session.ClusterPolicies;
import org.cql4j.session.internal.session.DefaultSession;
import org.cql4j.session.internal.session.KeyspaceNames;
import org.cql4j.session.internal.session.SessionConfig;
import org.cql4j.session.observability.NodeStateListener;
import org.cql4j.session.observability.RequestListener;
import org.cql4j.session.observability.SchemaChangeListener;
import org.cql4j.session.policy.AddressTranslator;
import org.cql4j.session.policy.ExponentialReconnectionPolicy;
import org.cql4j.session.policy.HostFilter;
import org.cql4j.session.policy.ReconnectionPolicy;
import org.cql4j.session.profile.ExecutionProfile;
import org.cql4j.session.profile.ExecutionProfileHandle;

/**
 * Configures and opens a {@link Session}. Not thread-safe: build it on one thread, then share the
 * session. Obtain one with {@link Session#builder()}.
 *
 * <pre>{@code
 * try (Session session = Session.builder()
 *     .knownNode("127.0.0.1:9042")
 *     .user("cassandra", "cassandra")
 *     .compression(Compression.LZ4)
 *     .build()) {
 *   ...
 * }
 * }</pre>
 */
public final class SessionBuilder {
  /**
   * The system property that pins the protocol version of sessions whose builder does not ({@code
   * V4} or {@code V5}), e.g. to run an application or a test suite on v4 without changing code.
   */
  public static final String PROTOCOL_VERSION_PROPERTY = "cql4j.protocol.version";

  private final List<String> knownNodes = new ArrayList<>();
  private AuthenticatorProvider authProvider;
  private Compression compression = Compression.NONE;
  private ProtocolVersion protocolVersion;
  private int maxConcurrentRequests;
  private int maxQueuedRequests;
  private SSLContext sslContext;
  private boolean hostnameVerification;
  private String keyspace;
  private ExecutionProfileHandle defaultProfile;
  private final Map<String, ExecutionProfileHandle> namedProfiles = new LinkedHashMap<>();
  private PoolSize poolSize = PoolSize.defaultSize();
  private final List<RequestListener> requestListeners = new ArrayList<>();
  private final List<NodeStateListener> nodeStateListeners = new ArrayList<>();
  private final List<SchemaChangeListener> schemaChangeListeners = new ArrayList<>();
  private boolean fetchSchemaMetadata = true;
  private ReconnectionPolicy reconnectionPolicy = ClusterPolicies.DEFAULTS.reconnection();
  private HostFilter hostFilter = ClusterPolicies.DEFAULTS.hostFilter();
  private AddressTranslator addressTranslator = ClusterPolicies.DEFAULTS.addressTranslator();
  private Duration keepaliveInterval = Duration.ofSeconds(30);
  private Duration keepaliveTimeout = Duration.ofSeconds(30);
  private int shardAwarePortLow = ShardAwarePorts.DEFAULT_LOW;
  private int shardAwarePortHigh = ShardAwarePorts.DEFAULT_HIGH;
  private int ioThreads;
  private Duration connectTimeout = Duration.ofSeconds(5);
  private TimestampGenerator timestampGenerator = new MonotonicTimestampGenerator();
  private Duration schemaAgreementInterval = Duration.ofMillis(200);
  private Duration schemaAgreementTimeout = Duration.ofSeconds(60);
  private boolean autoAwaitSchemaAgreement = true;

  SessionBuilder() {}

  /**
   * Adds a contact point: {@code "host"}, {@code "host:port"}, an IPv4 or IPv6 literal ({@code
   * "[::1]:9042"}). A host name is resolved by DNS when the session starts, to all its addresses.
   * The port defaults to 9042. Contact points only start discovery: the session then connects to
   * every node of the cluster, and an unreachable contact point is skipped.
   *
   * @param node the contact point
   * @return this builder
   */
  public SessionBuilder knownNode(String node) {
    knownNodes.add(Objects.requireNonNull(node, "node"));
    return this;
  }

  /**
   * Adds a contact point by socket address.
   *
   * @param node the contact point; unresolved addresses are resolved when the session starts
   * @return this builder
   */
  public SessionBuilder knownNode(InetSocketAddress node) {
    Objects.requireNonNull(node, "node");
    String host = node.getHostString();
    return knownNode((host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + node.getPort());
  }

  /**
   * Adds several contact points; see {@link #knownNode(String)}.
   *
   * @param nodes the contact points
   * @return this builder
   */
  public SessionBuilder knownNodes(Collection<String> nodes) {
    nodes.forEach(this::knownNode);
    return this;
  }

  /**
   * Logs in with Cassandra's {@code PasswordAuthenticator} (SASL PLAIN). Default: no credentials.
   *
   * @param username the role name
   * @param password the password
   * @return this builder
   */
  public SessionBuilder user(String username, String password) {
    return authenticator(new PlainTextAuthProvider(username, password));
  }

  /**
   * Logs in with a custom SASL authenticator (Kerberos, LDAP proxies, ...). Default: none.
   *
   * @param provider creates one authenticator per connection
   * @return this builder
   */
  public SessionBuilder authenticator(AuthenticatorProvider provider) {
    this.authProvider = Objects.requireNonNull(provider, "provider");
    return this;
  }

  /**
   * Compresses frame bodies with LZ4 or Snappy when the server offers it. Default {@link
   * Compression#NONE}.
   *
   * @param compression the algorithm
   * @return this builder
   */
  public SessionBuilder compression(Compression compression) {
    this.compression = Objects.requireNonNull(compression, "compression");
    return this;
  }

  /**
   * Bounds the requests the session has in flight, as the Java driver's concurrency-limiting
   * request throttler does. Default: no bound beyond each connection's (32,768 streams, then a
   * "connection full" error).
   *
   * <p>Up to {@code maxInFlight} requests run at once (a request holds its place until it
   * completes, retries and speculative executions included); up to {@code maxQueued} more wait, in
   * arrival order, and start as others complete; any further one fails at once with a {@link
   * org.cql4j.session.errors.RequestThrottledException}, nothing sent. A waiting request's timeout
   * counts from its submission. This bounds the memory an application that sends faster than the
   * cluster answers can pin.
   *
   * @param maxInFlight the requests allowed in flight, at least 1
   * @param maxQueued the requests allowed to wait, at least 0
   * @return this builder
   */
  public SessionBuilder maxConcurrentRequests(int maxInFlight, int maxQueued) {
    if (maxInFlight < 1 || maxQueued < 0) {
      throw new IllegalArgumentException(
          "need maxInFlight >= 1 and maxQueued >= 0, got " + maxInFlight + " and " + maxQueued);
    }
    this.maxConcurrentRequests = maxInFlight;
    this.maxQueuedRequests = maxQueued;
    return this;
  }

  /**
   * Pins the native protocol version. Default: the version named by the system property {@value
   * #PROTOCOL_VERSION_PROPERTY} ({@code V4} or {@code V5}) if set, else negotiated, v5 first and v4
   * for the whole session when the first node refuses v5 (Apache Cassandra before 4.0, ScyllaDB). A
   * pinned version a node refuses fails its connections with an {@link
   * org.cql4j.session.errors.UnsupportedProtocolVersionException}.
   *
   * <p>v5 compresses only with LZ4 (native_protocol_v5.spec §2.3.2): with {@link
   * Compression#SNAPPY}, pinning v5 fails {@link #build()}, and a negotiated v5 runs uncompressed
   * (logged once).
   *
   * @param version {@link ProtocolVersion#V4} or {@link ProtocolVersion#V5}
   * @return this builder
   */
  public SessionBuilder protocolVersion(ProtocolVersion version) {
    this.protocolVersion = Objects.requireNonNull(version, "version");
    return this;
  }

  /**
   * Connects with TLS, without hostname verification. Default: plain TCP.
   *
   * @param sslContext the client context (its trust store decides which servers are trusted)
   * @return this builder
   */
  public SessionBuilder tls(SSLContext sslContext) {
    return tls(sslContext, false);
  }

  /**
   * Connects with TLS.
   *
   * @param sslContext the client context
   * @param hostnameVerification whether to check the node's address against its certificate (HTTPS
   *     rules); default false
   * @return this builder
   */
  public SessionBuilder tls(SSLContext sslContext, boolean hostnameVerification) {
    this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
    this.hostnameVerification = hostnameVerification;
    return this;
  }

  /**
   * Starts every connection in a keyspace, as {@code USE} would. Default: none.
   *
   * @param keyspace the keyspace name
   * @param caseSensitive whether the name is quoted (kept as written); otherwise CQL lower-cases it
   * @return this builder
   * @throws IllegalArgumentException if the name is not a valid keyspace name
   */
  public SessionBuilder useKeyspace(String keyspace, boolean caseSensitive) {
    this.keyspace = KeyspaceNames.toCql(keyspace, caseSensitive);
    return this;
  }

  /**
   * The execution profile statements run with when they carry no handle of their own. Default: a
   * handle to {@link ExecutionProfile#defaults()}.
   *
   * @param handle the handle; remapping it later affects this session at once
   * @return this builder
   */
  public SessionBuilder defaultExecutionProfileHandle(ExecutionProfileHandle handle) {
    this.defaultProfile = Objects.requireNonNull(handle, "handle");
    return this;
  }

  /**
   * Registers an execution profile under a name, for what names profiles rather than holding
   * handles: a {@code @Dao} method's {@code @StatementAttributes(profile = "name")}; none by
   * default. A later call with the same name replaces the handle.
   *
   * @param name the name
   * @param handle the profile's handle
   * @return this builder
   */
  public SessionBuilder executionProfile(String name, ExecutionProfileHandle handle) {
    namedProfiles.put(
        Objects.requireNonNull(name, "name"), Objects.requireNonNull(handle, "handle"));
    return this;
  }

  /**
   * How many connections to keep to each node. Default {@link PoolSize#defaultSize()} (one per
   * shard; one per node on Cassandra).
   *
   * @param poolSize the pool size
   * @return this builder
   */
  public SessionBuilder poolSize(PoolSize poolSize) {
    this.poolSize = Objects.requireNonNull(poolSize, "poolSize");
    return this;
  }

  /**
   * The local ports the session binds when it connects to a ScyllaDB node's shard-aware port, where
   * the local port picks the shard ({@code port % shards}). Default 10000 to 65535. Narrow it when
   * a firewall only lets some source ports out; ignored against Cassandra.
   *
   * @param low the lowest local port, at least 1024
   * @param high the highest local port, at most 65535
   * @return this builder
   * @throws IllegalArgumentException if the range is empty or outside [1024, 65535]
   */
  public SessionBuilder shardAwarePortRange(int low, int high) {
    new ShardAwarePorts(low, high); // checks the range now, not when the session opens
    this.shardAwarePortLow = low;
    this.shardAwarePortHigh = high;
    return this;
  }

  /**
   * Whether the session reads the schema ({@code ClusterState.keyspaces()}, {@code
   * computeToken(keyspace, table, values)}) and follows its changes. Default true; turn it off for
   * clusters with very many tables when the session needs none of it (token-aware routing of
   * prepared statements does not need it).
   *
   * @param fetch whether to read the schema
   * @return this builder
   */
  public SessionBuilder fetchSchemaMetadata(boolean fetch) {
    this.fetchSchemaMetadata = fetch;
    return this;
  }

  /**
   * How long to wait between attempts to reconnect to a node whose connections were all lost, and
   * to move the control connection when no node accepts it. A node reported UP by the cluster is
   * tried at once. Default {@link ExponentialReconnectionPolicy#DEFAULT} (500 ms doubling to 16 s).
   *
   * @param policy the reconnection policy
   * @return this builder
   */
  public SessionBuilder reconnectionPolicy(ReconnectionPolicy policy) {
    this.reconnectionPolicy = Objects.requireNonNull(policy, "policy");
    return this;
  }

  /**
   * Which nodes the session connects to, for example {@link HostFilter#datacenters} to stay in some
   * datacenters. A refused node stays in {@code ClusterState.nodes()} but gets no connection (it is
   * never up for this session) and the control connection avoids it unless it is a contact point.
   * Default: every node.
   *
   * @param filter the filter, asked once when a node appears
   * @return this builder
   */
  public SessionBuilder hostFilter(HostFilter filter) {
    this.hostFilter = Objects.requireNonNull(filter, "filter");
    return this;
  }

  /**
   * Translates the addresses nodes advertise ({@code system.peers}, status events) into those to
   * connect to, for nodes behind NAT. The contact points are used as given. Default: none.
   *
   * @param translator the translator
   * @return this builder
   */
  public SessionBuilder addressTranslator(AddressTranslator translator) {
    this.addressTranslator = Objects.requireNonNull(translator, "translator");
    return this;
  }

  /**
   * Sends a heartbeat (an OPTIONS request) on a connection from which nothing was read for this
   * long, so that a node that froze, or a network path that dropped without a reset, is found even
   * while no request runs on it. Default 30 s; {@link Duration#ZERO} turns heartbeats off.
   *
   * @param interval the idle time before a heartbeat
   * @return this builder
   */
  public SessionBuilder keepaliveInterval(Duration interval) {
    Objects.requireNonNull(interval, "interval");
    if (interval.isNegative()) {
      throw new IllegalArgumentException("keepaliveInterval must not be negative, got " + interval);
    }
    this.keepaliveInterval = interval;
    return this;
  }

  /**
   * How long a heartbeat may wait for its answer before its connection is closed (and the node
   * marked down once it has no open connection). Default 30 s.
   *
   * @param timeout a positive duration
   * @return this builder
   */
  public SessionBuilder keepaliveTimeout(Duration timeout) {
    this.keepaliveTimeout = positive(timeout, "keepaliveTimeout");
    return this;
  }

  /**
   * Adds a listener told about every request and attempt of the session (the Java driver's {@code
   * RequestTracker}): metrics, tracing, logging. Listeners are called in the order added, on the
   * driver's event loops; one that throws is logged once and never fails a request. Default: none.
   *
   * @param listener the listener
   * @return this builder
   */
  public SessionBuilder requestListener(RequestListener listener) {
    requestListeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /**
   * Adds a listener told when nodes are added, removed, go down and come back up (the Java driver's
   * {@code NodeStateListener}). Listeners are called in the order added, one change at a time, on a
   * thread of the session's own, after the {@link ClusterState} showing the change is published;
   * one that throws is logged once and never affects the session. The nodes found at start are
   * reported as added, then up. Default: none.
   *
   * @param listener the listener
   * @return this builder
   */
  public SessionBuilder nodeStateListener(NodeStateListener listener) {
    nodeStateListeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /**
   * Adds a listener told when keyspaces, tables, views, user types, functions and aggregates are
   * created, updated or dropped (the Java driver's {@code SchemaChangeListener}), by this session
   * or any other client: each change is found by comparing one {@link ClusterState}'s schema with
   * the next, and reported once. Listeners are called in the order added, one change at a time, on
   * a thread of the session's own; one that throws is logged once and never affects the session.
   * The schema read at start is the baseline; nothing is reported with {@link
   * #fetchSchemaMetadata(boolean) fetchSchemaMetadata(false)}. Default: none.
   *
   * @param listener the listener
   * @return this builder
   */
  public SessionBuilder schemaChangeListener(SchemaChangeListener listener) {
    schemaChangeListeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /**
   * The number of Netty event-loop threads doing I/O. Default 0: the number of cores.
   *
   * @param threads the thread count, or 0 for the default
   * @return this builder
   */
  public SessionBuilder ioThreads(int threads) {
    if (threads < 0) {
      throw new IllegalArgumentException("ioThreads must be >= 0, got " + threads);
    }
    this.ioThreads = threads;
    return this;
  }

  /**
   * The time one connection attempt may take, TCP, TLS and the CQL handshake included. Default 5
   * seconds.
   *
   * @param timeout a positive duration
   * @return this builder
   */
  public SessionBuilder connectTimeout(Duration timeout) {
    this.connectTimeout = positive(timeout, "connectTimeout");
    return this;
  }

  /**
   * The source of client-side write timestamps. Default {@link MonotonicTimestampGenerator}; {@link
   * TimestampGenerator#SERVER_SIDE} lets the coordinators stamp writes.
   *
   * @param generator the generator
   * @return this builder
   */
  public SessionBuilder timestampGenerator(TimestampGenerator generator) {
    this.timestampGenerator = Objects.requireNonNull(generator, "generator");
    return this;
  }

  /**
   * How often the nodes' schema versions are read while awaiting schema agreement. Default 200 ms.
   *
   * @param interval a positive duration
   * @return this builder
   */
  public SessionBuilder schemaAgreementInterval(Duration interval) {
    this.schemaAgreementInterval = positive(interval, "schemaAgreementInterval");
    return this;
  }

  /**
   * How long to await schema agreement. Default 60 seconds.
   *
   * @param timeout a positive duration
   * @return this builder
   */
  public SessionBuilder schemaAgreementTimeout(Duration timeout) {
    this.schemaAgreementTimeout = positive(timeout, "schemaAgreementTimeout");
    return this;
  }

  /**
   * Whether a statement that changes the schema returns only once every live node reports the same
   * schema version (so the next statement can use the new table on any node). Default true. When
   * agreement times out, the statement still succeeds and a warning is logged.
   *
   * @param await whether to await agreement automatically
   * @return this builder
   */
  public SessionBuilder autoAwaitSchemaAgreement(boolean await) {
    this.autoAwaitSchemaAgreement = await;
    return this;
  }

  /**
   * Opens the session: connects to a contact point, discovers the cluster and opens the pools.
   * Blocks the calling thread; do not call it on a driver I/O thread.
   *
   * @return the open session
   * @throws org.cql4j.session.errors.AuthenticationException if the credentials are missing or
   *     wrong
   * @throws org.cql4j.session.errors.ConnectionException if no contact point can be reached (TLS
   *     failures included), within the connect timeout of each attempt
   */
  public Session build() {
    return BlockingCalls.await(buildAsync());
  }

  /**
   * Opens the session without blocking; see {@link #build()}.
   *
   * @return completes with the open session, or fails as {@link #build()} throws
   * @throws IllegalStateException if no contact point was given
   */
  public CompletableFuture<Session> buildAsync() {
    if (knownNodes.isEmpty()) {
      throw new IllegalStateException("no contact point: call knownNode(\"host:port\") first");
    }
    ProtocolVersion protocolVersion =
        this.protocolVersion != null ? this.protocolVersion : versionFromProperty();
    if (protocolVersion == ProtocolVersion.V5 && compression == Compression.SNAPPY) {
      throw new IllegalStateException(
          "protocol v5 compresses with LZ4 only (native_protocol_v5.spec §2.3.2):"
              + " choose Compression.LZ4, or pin ProtocolVersion.V4 to keep Snappy");
    }
    SessionConfig config =
        new SessionConfig(
            knownNodes,
            authProvider,
            compression,
            sslContext,
            hostnameVerification,
            keyspace,
            defaultProfile != null ? defaultProfile : ExecutionProfile.defaults().intoHandle(),
            namedProfiles,
            poolSize,
            shardAwarePortLow,
            shardAwarePortHigh,
            ioThreads,
            connectTimeout,
            keepaliveInterval,
            keepaliveTimeout,
            timestampGenerator,
            schemaAgreementInterval,
            schemaAgreementTimeout,
            autoAwaitSchemaAgreement,
            requestListeners,
            fetchSchemaMetadata,
            new ClusterPolicies(reconnectionPolicy, hostFilter, addressTranslator),
            nodeStateListeners,
            schemaChangeListeners,
            protocolVersion,
            maxConcurrentRequests,
            maxQueuedRequests);
    return DefaultSession.open(config).thenApply(session -> session);
  }

  private static ProtocolVersion versionFromProperty() {
    String name = System.getProperty(PROTOCOL_VERSION_PROPERTY);
    if (name == null || name.isBlank()) {
      return null;
    }
    try {
      return ProtocolVersion.valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "-D"
              + PROTOCOL_VERSION_PROPERTY
              + "="
              + name
              + " names no protocol version: use V4 or V5",
          e);
    }
  }

  private static Duration positive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + duration);
    }
    return duration;
  }
}
