package org.cql4j.session.internal.topology;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.cql4j.protocol.errors.DbError;
import org.cql4j.protocol.errors.DbException;
import org.cql4j.protocol.value.CqlRow;
import org.cql4j.session.internal.connection.Connection;
import org.cql4j.session.internal.connection.SystemQueries;
import org.cql4j.session.internal.metadata.NodeInfo;
import org.cql4j.session.internal.metadata.Topology;
import org.cql4j.session.internal.session.BlockingCalls;
import org.cql4j.session.policy.AddressTranslator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the topology through the control connection: {@code system.local} for the node itself,
 * {@code system.peers_v2} (Cassandra 4.0+, with per-node native ports) or else {@code system.peers}
 * for the others, and {@code system_schema.keyspaces} for the keyspaces' replication. Thread-safe:
 * the only state is which peers table works, a volatile flag.
 */
final class TopologyReader {
  private static final Logger LOG = LoggerFactory.getLogger(TopologyReader.class);
  static final String LOCAL = "SELECT * FROM system.local WHERE key='local'";
  static final String PEERS_V2 = "SELECT * FROM system.peers_v2";
  static final String PEERS = "SELECT * FROM system.peers";
  static final String KEYSPACES = "SELECT keyspace_name, replication FROM system_schema.keyspaces";

  private final AddressTranslator translator;
  private volatile boolean peersV2Missing;

  /**
   * Creates a reader.
   *
   * @param translator translates the peers' advertised addresses
   */
  TopologyReader(AddressTranslator translator) {
    this.translator = translator;
  }

  /**
   * Translates an advertised address; a translator that fails or returns null keeps it (logged).
   *
   * @param translator the session's translator
   * @param advertised the address from {@code system.peers} or an event
   * @return the address to connect to
   */
  static InetSocketAddress translate(AddressTranslator translator, InetSocketAddress advertised) {
    try {
      InetSocketAddress translated = translator.translate(advertised);
      if (translated != null) {
        return translated;
      }
      LOG.warn("the address translator returned null for {}; keeping it", advertised);
    } catch (RuntimeException e) {
      LOG.warn("the address translator failed on {}; keeping it", advertised, e);
    }
    return advertised;
  }

  /**
   * Reads every node's row and every keyspace's replication.
   *
   * @param connection the control connection
   * @param timeout each query's timeout
   * @return the topology, the control node first
   */
  CompletableFuture<Topology> read(Connection connection, Duration timeout) {
    CompletableFuture<List<CqlRow>> local = SystemQueries.rows(connection, LOCAL, timeout);
    CompletableFuture<List<CqlRow>> peers = peers(connection, timeout);
    CompletableFuture<Map<String, Map<String, String>>> keyspaces =
        SystemQueries.rows(connection, KEYSPACES, timeout)
            .thenApply(TopologyReader::replication)
            .exceptionally(
                error -> {
                  // without replication, requests are routed without token awareness
                  LOG.warn("cannot read the keyspaces' replication: {}", error.getMessage());
                  return Map.of();
                });
    return local
        .thenCombine(peers, (localRows, peerRows) -> nodes(connection, localRows, peerRows))
        .thenCombine(keyspaces, Topology::new);
  }

  // the control node keeps the address the session reached it at; the peers' are translated
  private List<NodeInfo> nodes(
      Connection connection, List<CqlRow> localRows, List<CqlRow> peerRows) {
    List<NodeInfo> nodes = new ArrayList<>();
    if (!localRows.isEmpty()) {
      nodes.add(nodeInfo(localRows.get(0), connection.address()));
    }
    for (CqlRow row : peerRows) {
      InetSocketAddress address = peerAddress(row, connection.address().getPort());
      if (address == null || row.isNull("host_id")) {
        LOG.warn("ignoring an incomplete row of the peers table: {}", row);
        continue;
      }
      nodes.add(nodeInfo(row, translate(translator, address)));
    }
    return nodes;
  }

  private static Map<String, Map<String, String>> replication(List<CqlRow> rows) {
    Map<String, Map<String, String>> byKeyspace = new HashMap<>();
    for (CqlRow row : rows) {
      byKeyspace.put(
          row.getString("keyspace_name"), row.getMap("replication", String.class, String.class));
    }
    return byKeyspace;
  }

  private CompletableFuture<List<CqlRow>> peers(Connection connection, Duration timeout) {
    if (peersV2Missing) {
      return SystemQueries.rows(connection, PEERS, timeout);
    }
    return SystemQueries.rows(connection, PEERS_V2, timeout)
        .exceptionallyCompose(
            error -> {
              Throwable cause = BlockingCalls.unwrap(error);
              if (cause instanceof DbException db && db.error() instanceof DbError.Invalid) {
                // Cassandra 3.x and ScyllaDB: "unconfigured table peers_v2"
                peersV2Missing = true;
                return SystemQueries.rows(connection, PEERS, timeout);
              }
              return CompletableFuture.failedFuture(cause);
            });
  }

  private static NodeInfo nodeInfo(CqlRow row, InetSocketAddress address) {
    return new NodeInfo(
        address,
        row.getUuid("host_id"),
        row.getString("data_center"),
        row.getString("rack"),
        tokens(row.getSet("tokens", String.class)),
        SystemQueries.has(row, "schema_version") ? row.getUuid("schema_version") : null,
        SystemQueries.has(row, "release_version") ? row.getString("release_version") : null);
  }

  private static InetSocketAddress peerAddress(CqlRow row, int defaultPort) {
    if (SystemQueries.has(row, "native_address")) {
      InetAddress ip = row.getInetAddress("native_address");
      int port = row.isNull("native_port") ? defaultPort : row.getInt("native_port");
      return usable(ip) ? new InetSocketAddress(ip, port) : fallback(row, port);
    }
    InetAddress rpc = row.getInetAddress("rpc_address");
    return usable(rpc) ? new InetSocketAddress(rpc, defaultPort) : fallback(row, defaultPort);
  }

  // a node listening on all interfaces reports 0.0.0.0: connect to its gossip address instead
  private static InetSocketAddress fallback(CqlRow row, int port) {
    InetAddress peer = row.getInetAddress("peer");
    return peer == null ? null : new InetSocketAddress(peer, port);
  }

  private static boolean usable(InetAddress ip) {
    return ip != null && !ip.isAnyLocalAddress();
  }

  private static List<Long> tokens(Set<String> tokens) {
    List<Long> parsed = new ArrayList<>(tokens.size());
    for (String token : tokens) {
      try {
        parsed.add(Long.parseLong(token));
      } catch (NumberFormatException e) {
        return List.of(); // not the Murmur3 partitioner: no token-aware routing
      }
    }
    return parsed;
  }
}
