package org.cql4j.testkit.internal.nullserver;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The tables the null server answers for; immutable and thread-safe.
 *
 * <p>They are Cassandra 5.0's {@code system.local}, {@code system.peers}, {@code system.peers_v2},
 * the {@code system_schema} and {@code system_virtual_schema} tables (columns as Cassandra 5.0.9
 * declares them, no rows), and the benchmark table {@code bench.items}.
 */
final class Catalog {
  /** The data center the node reports. */
  static final String DATA_CENTER = "datacenter1";

  /** The rack the node reports. */
  static final String RACK = "rack1";

  /** The Cassandra release whose system tables are imitated; drivers pick schema queries by it. */
  static final String RELEASE_VERSION = "5.0.9";

  /** The schema version every query reports: the schema never changes. */
  static final UUID SCHEMA_VERSION = UUID.fromString("c0ffee00-0000-3000-8000-000000000005");

  /** The first timestamp of the benchmark rows. */
  static final Instant FIRST_TIMESTAMP = Instant.parse("2024-01-01T00:00:00Z");

  private static final IntFunction<List<Object[]>> NO_ROWS = count -> List.of();

  private final Map<String, TableDef> tables;

  /**
   * Creates the catalog of one server.
   *
   * @param address the address the server is bound to; read when {@code system.local} is first
   *     queried, which is after the bind
   * @param clusterName the cluster name {@code system.local} reports
   * @param rowsPerPartition how many rows a partition of {@code bench.items} has
   */
  Catalog(Supplier<InetSocketAddress> address, String clusterName, int rowsPerPartition) {
    List<TableDef> all = new ArrayList<>();
    all.add(local(address, clusterName));
    all.add(
        TableDef.of(
            "system",
            "peers",
            1,
            0,
            NO_ROWS,
            "peer inet",
            "data_center text",
            "host_id uuid",
            "preferred_ip inet",
            "rack text",
            "release_version text",
            "rpc_address inet",
            "schema_version uuid",
            "tokens set<text>"));
    all.add(
        TableDef.of(
            "system",
            "peers_v2",
            2,
            0,
            NO_ROWS,
            "peer inet",
            "peer_port int",
            "data_center text",
            "host_id uuid",
            "native_address inet",
            "native_port int",
            "preferred_ip inet",
            "preferred_port int",
            "rack text",
            "release_version text",
            "schema_version uuid",
            "tokens set<text>"));
    all.addAll(SchemaTables.all(NO_ROWS));
    all.add(benchItems(rowsPerPartition));
    this.tables =
        all.stream().collect(Collectors.toUnmodifiableMap(TableDef::qualifiedName, t -> t));
  }

  /**
   * Finds a table.
   *
   * @param keyspace the keyspace
   * @param table the table
   * @return the table, or {@code null} if the server does not know it
   */
  TableDef find(String keyspace, String table) {
    return tables.get(keyspace + "." + table);
  }

  /** Whether any known table lives in {@code keyspace}. */
  boolean hasKeyspace(String keyspace) {
    return tables.values().stream().anyMatch(t -> t.keyspace().equals(keyspace));
  }

  /** The id of this server's only node, stable for a given address and cluster name. */
  static UUID hostId(InetSocketAddress address, String clusterName) {
    return UUID.nameUUIDFromBytes((clusterName + "/" + address).getBytes(StandardCharsets.UTF_8));
  }

  private static TableDef local(Supplier<InetSocketAddress> address, String clusterName) {
    // The row is built on first use (after the bind, so the port is known) and then reused.
    Supplier<List<Object[]>> build =
        () -> {
          InetSocketAddress bound = address.get();
          Object[] row = {
            "local",
            "COMPLETED",
            bound.getAddress(),
            7000,
            clusterName,
            "3.4.7",
            DATA_CENTER,
            (int) (System.currentTimeMillis() / 1000),
            hostId(bound, clusterName),
            bound.getAddress(),
            7000,
            "4",
            "org.apache.cassandra.dht.Murmur3Partitioner",
            RACK,
            RELEASE_VERSION,
            bound.getAddress(),
            bound.getPort(),
            SCHEMA_VERSION,
            Set.of("0"), // one node, one token: it owns the whole ring
            null
          };
          List<Object[]> rows = new ArrayList<>();
          rows.add(row);
          return rows;
        };
    Memo memo = new Memo(build);
    return TableDef.of(
        "system",
        "local",
        1,
        0,
        count -> memo.get(),
        "key text",
        "bootstrapped text",
        "broadcast_address inet",
        "broadcast_port int",
        "cluster_name text",
        "cql_version text",
        "data_center text",
        "gossip_generation int",
        "host_id uuid",
        "listen_address inet",
        "listen_port int",
        "native_protocol_version text",
        "partitioner text",
        "rack text",
        "release_version text",
        "rpc_address inet",
        "rpc_port int",
        "schema_version uuid",
        "tokens set<text>",
        "truncated_at map<uuid, blob>");
  }

  private static TableDef benchItems(int rowsPerPartition) {
    return TableDef.of(
        "bench",
        "items",
        1,
        1,
        count -> {
          int n = Math.min(count, rowsPerPartition);
          List<Object[]> rows = new ArrayList<>(n);
          for (int k = 0; k < n; k++) {
            rows.add(benchRow(0L, k));
          }
          return rows;
        },
        "pk bigint",
        "ck int",
        "id uuid",
        "name text",
        "qty int",
        "total bigint",
        "ts timestamp");
  }

  /** Row {@code k} of partition {@code pk} of {@code bench.items}, in {@code SELECT *} order. */
  static Object[] benchRow(long pk, int k) {
    return new Object[] {
      pk,
      k,
      UUID.nameUUIDFromBytes(("item-" + k).getBytes(StandardCharsets.UTF_8)),
      String.format("item-%010d", k),
      k,
      1000L * k,
      FIRST_TIMESTAMP.plusSeconds(k)
    };
  }

  /** Computes a value once, on first use; thread-safe. */
  private static final class Memo {
    private final Supplier<List<Object[]>> compute;
    private volatile List<Object[]> value;

    Memo(Supplier<List<Object[]>> compute) {
      this.compute = compute;
    }

    List<Object[]> get() {
      List<Object[]> v = value;
      if (v == null) {
        synchronized (this) {
          v = value;
          if (v == null) {
            v = compute.get();
            value = v;
          }
        }
      }
      return v;
    }
  }
}
