package org.cql4j.protocol.scylla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import java.util.Map;
import java.util.OptionalInt;
import org.cql4j.protocol.ProtocolException;
import org.cql4j.protocol.frame.Opcode;
import org.cql4j.protocol.internal.wire.Hex;
import org.cql4j.protocol.message.Messages;
import org.cql4j.protocol.message.ProtocolFeatures;
import org.cql4j.protocol.message.Supported;
import org.junit.jupiter.api.Test;

class ScyllaExtensionsTest {

  /** Builds a SUPPORTED body ([string multimap]) from key/values pairs and decodes it. */
  private static Supported supported(String[][] entries) {
    StringBuilder hex = new StringBuilder(String.format("%04x", entries.length));
    for (String[] e : entries) {
      hex.append(str(e[0])).append(String.format("%04x", e.length - 1));
      for (int i = 1; i < e.length; i++) {
        hex.append(str(e[i]));
      }
    }
    ByteBuf body = Hex.buf(hex.toString());
    try {
      return (Supported) Messages.decodeResponse(Opcode.SUPPORTED, body, ProtocolFeatures.NONE);
    } finally {
      body.release();
    }
  }

  private static String str(String s) {
    return String.format("%04x", s.length()) + Hex.ascii(s).replace(" ", "");
  }

  private static final String[][] SCYLLA = {
    {"COMPRESSION", "lz4", "snappy"},
    {"SCYLLA_SHARD", "3"},
    {"SCYLLA_NR_SHARDS", "12"},
    {"SCYLLA_PARTITIONER", "org.apache.cassandra.dht.Murmur3Partitioner"},
    {"SCYLLA_SHARDING_ALGORITHM", "biased-token-round-robin"},
    {"SCYLLA_SHARDING_IGNORE_MSB", "12"},
    {"SCYLLA_SHARD_AWARE_PORT", "19042"},
    {"SCYLLA_SHARD_AWARE_PORT_SSL", "19142"},
    {"SCYLLA_LWT_ADD_METADATA_MARK", "LWT_OPTIMIZATION_META_BIT_MASK=2147483648"},
    {"SCYLLA_RATE_LIMIT_ERROR", "ERROR_CODE=61440"},
    {"TABLETS_ROUTING_V1", ""},
    {"SCYLLA_USE_METADATA_ID"},
    {"SCYLLA_HOST_ID", "c0ffee00-0000-0000-0000-000000000001"},
  };

  @Test
  void parsesEveryScyllaExtensionFromSupportedBytes() {
    ScyllaExtensions ext = ScyllaExtensions.from(supported(SCYLLA));
    ShardingInfo sharding = ext.sharding().orElseThrow();
    assertThat(sharding.shard()).isEqualTo(3);
    assertThat(sharding.nrShards()).isEqualTo(12);
    assertThat(sharding.partitioner()).isEqualTo("org.apache.cassandra.dht.Murmur3Partitioner");
    assertThat(sharding.algorithm()).isEqualTo(ShardingInfo.BIASED_TOKEN_ROUND_ROBIN);
    assertThat(sharding.ignoreMsb()).isEqualTo(12);
    assertThat(sharding.shardAwarePort()).hasValue(19042);
    assertThat(sharding.shardAwarePortSsl()).hasValue(19142);
    assertThat(ext.lwtMetadataMask()).hasValue(0x80000000);
    assertThat(ext.rateLimitErrorCode()).hasValue(61440);
    assertThat(ext.tabletsRoutingV1()).isTrue();
    assertThat(ext.useMetadataId()).isTrue();
    assertThat(ext.hostId()).hasValue("c0ffee00-0000-0000-0000-000000000001");
  }

  @Test
  void echoesNegotiableExtensionsInStartupButNotShardingOrHostId() {
    ScyllaExtensions ext = ScyllaExtensions.from(supported(SCYLLA));
    assertThat(ext.startupOptions())
        .containsExactly(
            Map.entry("SCYLLA_LWT_ADD_METADATA_MARK", "LWT_OPTIMIZATION_META_BIT_MASK=2147483648"),
            Map.entry("SCYLLA_RATE_LIMIT_ERROR", "ERROR_CODE=61440"),
            Map.entry("TABLETS_ROUTING_V1", ""),
            Map.entry("SCYLLA_USE_METADATA_ID", ""));
    assertThat(ext.protocolFeatures()).isEqualTo(new ProtocolFeatures(OptionalInt.of(61440), true));
  }

  @Test
  void cassandraSupportedHasNoExtensions() {
    ScyllaExtensions ext =
        ScyllaExtensions.from(
            supported(
                new String[][] {
                  {"CQL_VERSION", "3.4.7"},
                  {"COMPRESSION", "snappy", "lz4"},
                  {"PROTOCOL_VERSIONS", "4/v4"}
                }));
    assertThat(ext).isEqualTo(ScyllaExtensions.NONE);
    assertThat(ext.startupOptions()).isEmpty();
  }

  @Test
  void malformedParametersAreProtocolErrors() {
    assertThatThrownBy(
            () ->
                ScyllaExtensions.from(
                    supported(new String[][] {{"SCYLLA_RATE_LIMIT_ERROR", "CODE=1"}})))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("missing parameter ERROR_CODE");
    assertThatThrownBy(
            () ->
                ScyllaExtensions.from(
                    supported(new String[][] {{"SCYLLA_SHARD", "5"}, {"SCYLLA_NR_SHARDS", "4"}})))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("not below 4 shards");
    assertThatThrownBy(
            () -> ScyllaExtensions.from(supported(new String[][] {{"SCYLLA_NR_SHARDS", "x"}})))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("SCYLLA_NR_SHARDS");
  }

  @Test
  void shardOfFollowsBiasedTokenRoundRobin() {
    ShardingInfo info =
        new ShardingInfo(
            0,
            12,
            "",
            ShardingInfo.BIASED_TOKEN_ROUND_ROBIN,
            12,
            OptionalInt.empty(),
            OptionalInt.empty());
    // Reference: shard = ((token + 2^63) << 12 mod 2^64) * 12 >> 64, computed with BigInteger.
    java.math.BigInteger two64 = java.math.BigInteger.ONE.shiftLeft(64);
    long[] tokens = {
      Long.MIN_VALUE, -1L, 0L, 1L, Long.MAX_VALUE, 0x123456789abcdefL, -0x7edcba9876543210L
    };
    for (long token : tokens) {
      java.math.BigInteger biased =
          java.math.BigInteger.valueOf(token).add(java.math.BigInteger.ONE.shiftLeft(63));
      biased = biased.shiftLeft(12).mod(two64);
      int expected = biased.multiply(java.math.BigInteger.valueOf(12)).shiftRight(64).intValue();
      assertThat(info.shardOf(token)).as("token %d", token).isEqualTo(expected);
    }
  }
}
