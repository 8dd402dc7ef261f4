package org.cql4j.session.internal.session;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.cql4j.protocol.ProtocolVersion;
import org.cql4j.session.Compression;
import org.cql4j.session.PoolSize;
import org.cql4j.session.TimestampGenerator;
import org.cql4j.session.auth.AuthenticatorProvider;
import org.cql4j.session.observability.NodeStateListener;
import org.cql4j.session.observability.RequestListener;
import org.cql4j.session.observability.SchemaChangeListener;
import org.cql4j.session.profile.ExecutionProfileHandle;

/**
 * Everything a {@code SessionBuilder} collected, frozen. Immutable and thread-safe.
 *
 * @param knownNodes the contact points as the user wrote them ({@code host}, {@code host:port},
 *     {@code [v6]:port})
 * @param authProvider the authenticator, or null for none
 * @param compression the body compression to negotiate
 * @param sslContext the TLS context, or null for plain TCP
 * @param hostnameVerification whether TLS checks the node's name against its certificate
 * @param keyspace the keyspace to start in (already quoted when case-sensitive), or null
 * @param defaultProfile the session's default execution profile handle
 * @param namedProfiles execution profile handles by name
 * @param poolSize connections per node or per shard
 * @param shardAwarePortLow the lowest local port for ScyllaDB's shard-aware port
 * @param shardAwarePortHigh the highest local port for ScyllaDB's shard-aware port
 * @param ioThreads Netty event-loop threads, 0 for the number of cores
 * @param connectTimeout the timeout of one connection attempt, handshake included
 * @param keepaliveInterval a heartbeat after this long without a read; zero for none
 * @param keepaliveTimeout how long a heartbeat may wait for its answer
 * @param timestampGenerator the client-side timestamp source
 * @param schemaAgreementInterval how often schema versions are polled while awaiting agreement
 * @param schemaAgreementTimeout how long to await agreement
 * @param autoAwaitSchemaAgreement whether a schema-changing statement awaits agreement before its
 *     result is returned
 * @param requestListeners told about every request, in order
 * @param fetchSchemaMetadata whether to read and follow the schema
 * @param policies reconnection, node filter and address translation
 * @param nodeStateListeners told about nodes added, removed, up and down, in order
 * @param schemaChangeListeners told about schema changes, in order
 * @param protocolVersion the pinned protocol version, or null to negotiate (v5, then v4)
 * @param maxConcurrentRequests the requests allowed in flight at once, 0 for no limit
 * @param maxQueuedRequests the requests allowed to wait once that limit is reached
 */
public record SessionConfig(
    List<String> knownNodes,
    AuthenticatorProvider authProvider,
    Compression compression,
    SSLContext sslContext,
    boolean hostnameVerification,
    String keyspace,
    ExecutionProfileHandle defaultProfile,
    Map<String, ExecutionProfileHandle> namedProfiles,
    PoolSize poolSize,
    int shardAwarePortLow,
    int shardAwarePortHigh,
    int ioThreads,
    Duration connectTimeout,
    Duration keepaliveInterval,
    Duration keepaliveTimeout,
    TimestampGenerator timestampGenerator,
    Duration schemaAgreementInterval,
    Duration schemaAgreementTimeout,
    boolean autoAwaitSchemaAgreement,
    List<RequestListener> requestListeners,
    boolean fetchSchemaMetadata,
    ClusterPolicies policies,
    List<NodeStateListener> nodeStateListeners,
    List<SchemaChangeListener> schemaChangeListeners,
    ProtocolVersion protocolVersion,
    int maxConcurrentRequests,
    int maxQueuedRequests) {

  /** The CQL port used when a contact point names none. */
  public static final int DEFAULT_PORT = 9042;

  /** Checks the required components. */
  public SessionConfig {
    knownNodes = List.copyOf(knownNodes);
    namedProfiles = Map.copyOf(namedProfiles);
    requestListeners = List.copyOf(requestListeners);
    nodeStateListeners = List.copyOf(nodeStateListeners);
    schemaChangeListeners = List.copyOf(schemaChangeListeners);
    Objects.requireNonNull(compression, "compression");
    Objects.requireNonNull(defaultProfile, "defaultProfile");
    Objects.requireNonNull(poolSize, "poolSize");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(timestampGenerator, "timestampGenerator");
    Objects.requireNonNull(schemaAgreementInterval, "schemaAgreementInterval");
    Objects.requireNonNull(schemaAgreementTimeout, "schemaAgreementTimeout");
    Objects.requireNonNull(policies, "policies");
  }
}
