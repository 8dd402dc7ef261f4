package org.cql4j.testkit.proxy;

/**
 * The SUPPORTED options the ScyllaDB emulation can advertise, each switchable
 * (scylla-protocol-extensions.md). Immutable and thread-safe.
 */
public enum ScyllaOption {
  /** {@code SCYLLA_SHARD}: the connection's shard. */
  SHARD("SCYLLA_SHARD"),
  /** {@code SCYLLA_NR_SHARDS}: the node's shard count. */
  NR_SHARDS("SCYLLA_NR_SHARDS"),
  /** {@code SCYLLA_PARTITIONER}: {@code org.apache.cassandra.dht.Murmur3Partitioner}. */
  PARTITIONER("SCYLLA_PARTITIONER"),
  /** {@code SCYLLA_SHARDING_ALGORITHM}: {@code biased-token-round-robin}. */
  SHARDING_ALGORITHM("SCYLLA_SHARDING_ALGORITHM"),
  /** {@code SCYLLA_SHARDING_IGNORE_MSB}. */
  SHARDING_IGNORE_MSB("SCYLLA_SHARDING_IGNORE_MSB"),
  /** {@code SCYLLA_SHARD_AWARE_PORT}: the port where source port % shards picks the shard. */
  SHARD_AWARE_PORT("SCYLLA_SHARD_AWARE_PORT"),
  /** {@code SCYLLA_LWT_ADD_METADATA_MARK}: the PREPARED flag bit of conditional statements. */
  LWT_ADD_METADATA_MARK("SCYLLA_LWT_ADD_METADATA_MARK"),
  /** {@code TABLETS_ROUTING_V1}: {@code tablets-routing-v1} payloads on misrouted requests. */
  TABLETS_ROUTING_V1("TABLETS_ROUTING_V1"),
  /**
   * {@code TABLETS_ROUTING_V2_EXPERIMENTAL}: tablet versions checked on EXECUTE; off by default, as
   * ScyllaDB advertises it only with an experimental feature on.
   */
  TABLETS_ROUTING_V2("TABLETS_ROUTING_V2_EXPERIMENTAL"),
  /** {@code SCYLLA_RATE_LIMIT_ERROR}: the error code of the rate limit error. */
  RATE_LIMIT_ERROR("SCYLLA_RATE_LIMIT_ERROR"),
  /** {@code SCYLLA_USE_METADATA_ID}: result metadata ids in protocol v4. */
  USE_METADATA_ID("SCYLLA_USE_METADATA_ID"),
  /** {@code SCYLLA_HOST_ID}: the node's host id (informational). */
  HOST_ID("SCYLLA_HOST_ID");

  private final String key;

  ScyllaOption(String key) {
    this.key = key;
  }

  /** The SUPPORTED (and STARTUP) key. */
  public String key() {
    return key;
  }
}
