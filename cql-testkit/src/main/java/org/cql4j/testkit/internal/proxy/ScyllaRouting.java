package org.cql4j.testkit.internal.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.cql4j.protocol.scylla.ShardingInfo;
import org.cql4j.protocol.token.Murmur3;
import org.cql4j.testkit.proxy.Tablet;
import org.cql4j.testkit.proxy.TabletMap;
import org.cql4j.testkit.proxy.TabletReplica;

/**
 * Decides where a request belonged and counts whether it got there: the token from the bound
 * partition key (Murmur3, as ScyllaDB's and Cassandra's Murmur3Partitioner), the replicas from the
 * table's tablets or from the ring, the shard from the tablet or from {@code
 * biased-token-round-robin}. Marks the tablet to announce on a misrouted request
 * (scylla-protocol-extensions.md, "Tablets routing v1" and "v2"). Thread-safe.
 */
final class ScyllaRouting {
  static final String TABLETS_V1 = "tablets-routing-v1";
  static final String TABLETS_V2 = "tablets-routing-v2";

  private final ClusterMetadata metadata;
  private final TabletMap tablets;
  private final PreparedStatements prepared;

  ScyllaRouting(ClusterMetadata metadata, TabletMap tablets, PreparedStatements prepared) {
    this.metadata = metadata;
    this.tablets = tablets;
    this.prepared = prepared;
  }

  /**
   * Checks and counts one request.
   *
   * @param versionBlock the {@code tablet_version_block} byte of an EXECUTE with tablets routing
   *     v2, or -1
   */
  void check(
      ParsedRequest request,
      RequestInfo info,
      int node,
      int shard,
      int shards,
      int ignoreMsb,
      ScyllaHandshake.Negotiated negotiated,
      int versionBlock,
      Routing routing) {
    PreparedStatements.Statement statement = null;
    List<byte[]> values = List.of();
    switch (request.opcode()) {
      case EXECUTE -> {
        statement = prepared.get(request.preparedId());
        values = request.values();
      }
      case BATCH -> {
        for (ParsedRequest.BatchEntry entry : request.batch()) {
          PreparedStatements.Statement s = prepared.get(entry.preparedId());
          if (s != null && !s.partitionKeyIndexes().isEmpty()) {
            statement = s;
            values = entry.values();
            break;
          }
        }
      }
      default -> {}
    }
    if (info.keyspace != null && info.keyspace.startsWith("system")) {
      return; // drivers' own metadata queries: every node answers them
    }
    Long token = statement == null ? null : token(statement.partitionKeyIndexes(), values);
    if (token == null) {
      routing.countUnroutable();
      return;
    }
    Optional<Tablet> tablet =
        statement.table() == null
            ? Optional.empty()
            : tablets.find(statement.keyspace(), statement.table(), token);
    if (tablet.isPresent()) {
      Optional<UUID> self = metadata.hostId(node);
      TabletReplica replica =
          tablet.get().replicas().stream()
              .filter(r -> self.isPresent() && r.hostId().equals(self.get()))
              .findFirst()
              .orElse(null);
      boolean correct = replica != null && replica.shard() == shard;
      count(routing, correct, shard, replica != null);
      if (!correct && (negotiated.tabletsV2() || negotiated.tabletsV1())) {
        info.tabletPayload = tablet.get();
        info.tabletV2 = negotiated.tabletsV2();
      } else if (versionBlock >= 0 && !versionMatches(tablet.get().version(), versionBlock)) {
        info.tabletPayload = tablet.get();
        info.tabletV2 = true;
      }
      return;
    }
    if (statement.keyspace() != null
        && tablets.get(statement.keyspace(), statement.table()).isPresent()) {
      routing.countUnroutable(); // a tablet table whose tablets do not cover the token
      return;
    }
    List<Integer> replicas = metadata.replicas(statement.keyspace(), token);
    if (replicas.isEmpty()) {
      routing.countUnroutable();
      return;
    }
    boolean isReplica = replicas.contains(node);
    int owner = sharding(shards, ignoreMsb).shardOf(token);
    count(routing, isReplica && owner == shard, shard, isReplica);
  }

  private static void count(Routing routing, boolean correct, int shard, boolean isReplica) {
    if (correct) {
      routing.countCorrect(shard);
    } else {
      routing.countMisrouted(shard, isReplica);
    }
  }

  /** "Tablets routing v2": the presented 4-bit slice of the version against the current one. */
  static boolean versionMatches(long version, int block) {
    int index = (block >>> 4) & 0xF;
    int value = block & 0xF;
    return ((version >>> (4 * index)) & 0xF) == value;
  }

  static ShardingInfo sharding(int shards, int ignoreMsb) {
    return new ShardingInfo(
        0,
        shards,
        ScyllaHandshake.PARTITIONER,
        ScyllaHandshake.ALGORITHM,
        ignoreMsb,
        java.util.OptionalInt.empty(),
        java.util.OptionalInt.empty());
  }

  /** The token of the bound partition key, or null when a component is missing. */
  static Long token(List<Integer> pkIndexes, List<byte[]> values) {
    if (pkIndexes.isEmpty()) {
      return null;
    }
    ByteBuf[] components = new ByteBuf[pkIndexes.size()];
    for (int i = 0; i < components.length; i++) {
      int index = pkIndexes.get(i);
      if (index >= values.size() || values.get(index) == null) {
        return null;
      }
      components[i] = Unpooled.wrappedBuffer(values.get(index));
    }
    if (components.length == 1) {
      return Murmur3.token(components[0], 0, components[0].readableBytes());
    }
    return Murmur3.compositeToken(components);
  }

  /**
   * The custom payload value announcing a tablet: {@code (bigint, bigint, list<tuple<uuid, int>>)},
   * and a trailing {@code bigint} version for v2, serialized as a tuple value.
   */
  static byte[] payload(Tablet tablet, boolean v2) {
    ByteBuf out = Unpooled.buffer();
    out.writeInt(8).writeLong(tablet.firstToken());
    out.writeInt(8).writeLong(tablet.lastToken());
    List<TabletReplica> replicas = tablet.replicas();
    out.writeInt(4 + replicas.size() * 32);
    out.writeInt(replicas.size());
    for (TabletReplica r : replicas) {
      out.writeInt(28);
      out.writeInt(16);
      out.writeLong(r.hostId().getMostSignificantBits());
      out.writeLong(r.hostId().getLeastSignificantBits());
      out.writeInt(4).writeInt(r.shard());
    }
    if (v2) {
      out.writeInt(8).writeLong(tablet.version());
    }
    byte[] bytes = new byte[out.readableBytes()];
    out.readBytes(bytes);
    return bytes;
  }
}
