package org.cql4j.protocol.scylla;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.cql4j.protocol.ProtocolException;

/**
 * ScyllaDB's intranode sharding parameters and the shard a connection landed on
 * (scylla-protocol-extensions.md, "Intranode sharding"). Immutable and thread-safe.
 *
 * @param shard {@code SCYLLA_SHARD}: the zero-based shard of this connection
 * @param nrShards {@code SCYLLA_NR_SHARDS}: the node's shard count
 * @param partitioner {@code SCYLLA_PARTITIONER}
 * @param algorithm {@code SCYLLA_SHARDING_ALGORITHM}, e.g. {@code biased-token-round-robin}
 * @param ignoreMsb {@code SCYLLA_SHARDING_IGNORE_MSB}
 * @param shardAwarePort {@code SCYLLA_SHARD_AWARE_PORT}, if advertised
 * @param shardAwarePortSsl {@code SCYLLA_SHARD_AWARE_PORT_SSL}, if advertised
 */
public record ShardingInfo(
    int shard,
    int nrShards,
    String partitioner,
    String algorithm,
    int ignoreMsb,
    OptionalInt shardAwarePort,
    OptionalInt shardAwarePortSsl) {

  /** The only sharding algorithm defined so far. */
  public static final String BIASED_TOKEN_ROUND_ROBIN = "biased-token-round-robin";

  /**
   * Reads the sharding options, present on ScyllaDB only.
   *
   * @param options the SUPPORTED options
   * @return the sharding info, or empty when {@code SCYLLA_SHARD} or {@code SCYLLA_NR_SHARDS} is
   *     absent
   * @throws ProtocolException if a present option is malformed
   */
  public static Optional<ShardingInfo> from(Map<String, List<String>> options) {
    int nrShards = Params.intValue(options, "SCYLLA_NR_SHARDS", 1, Integer.MAX_VALUE);
    int shard = Params.intValue(options, "SCYLLA_SHARD", 0, Integer.MAX_VALUE);
    if (nrShards < 0 || shard < 0) {
      return Optional.empty();
    }
    if (shard >= nrShards) {
      throw new ProtocolException(
          "SUPPORTED.SCYLLA_SHARD", -1, "shard " + shard + " is not below " + nrShards + " shards");
    }
    int ignoreMsb = Params.intValue(options, "SCYLLA_SHARDING_IGNORE_MSB", 0, 63);
    int port = Params.intValue(options, "SCYLLA_SHARD_AWARE_PORT", 0, 0xFFFF);
    int portSsl = Params.intValue(options, "SCYLLA_SHARD_AWARE_PORT_SSL", 0, 0xFFFF);
    String partitioner = Params.first(options, "SCYLLA_PARTITIONER");
    String algorithm = Params.first(options, "SCYLLA_SHARDING_ALGORITHM");
    return Optional.of(
        new ShardingInfo(
            shard,
            nrShards,
            partitioner == null ? "" : partitioner,
            algorithm == null ? BIASED_TOKEN_ROUND_ROBIN : algorithm,
            Math.max(ignoreMsb, 0),
            port < 0 ? OptionalInt.empty() : OptionalInt.of(port),
            portSsl < 0 ? OptionalInt.empty() : OptionalInt.of(portSsl)));
  }

  /**
   * The shard that owns a Murmur3 token, by {@code biased-token-round-robin}
   * (scylla-protocol-extensions.md).
   *
   * @param token the partition's token
   * @return the shard, 0 to {@code nrShards - 1}
   */
  public int shardOf(long token) {
    long biased = (token + Long.MIN_VALUE) << ignoreMsb;
    long lo = biased & 0xffffffffL;
    long hi = (biased >>> 32) & 0xffffffffL;
    long sum = ((lo * nrShards) >>> 32) + hi * nrShards;
    return (int) (sum >>> 32);
  }
}
