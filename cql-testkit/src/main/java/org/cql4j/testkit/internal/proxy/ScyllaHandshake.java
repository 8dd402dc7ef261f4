package org.cql4j.testkit.internal.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import org.cql4j.protocol.internal.wire.WireReader;
import org.cql4j.protocol.internal.wire.WireWriter;
import org.cql4j.testkit.proxy.ScyllaEmulation;
import org.cql4j.testkit.proxy.ScyllaOption;

/**
 * The ScyllaDB side of the handshake (scylla-protocol-extensions.md): the options added to
 * SUPPORTED, and the extensions a client asks for in STARTUP, which are taken off before STARTUP
 * reaches the Cassandra node. Stateless and thread-safe.
 */
final class ScyllaHandshake {
  static final String PARTITIONER = "org.apache.cassandra.dht.Murmur3Partitioner";
  static final String ALGORITHM = "biased-token-round-robin";

  /**
   * The extensions a connection negotiated.
   *
   * @param lwtMark {@code SCYLLA_LWT_ADD_METADATA_MARK}
   * @param tabletsV1 {@code TABLETS_ROUTING_V1}
   * @param tabletsV2 {@code TABLETS_ROUTING_V2_EXPERIMENTAL}
   * @param metadataId {@code SCYLLA_USE_METADATA_ID}
   * @param rateLimitCode the {@code SCYLLA_RATE_LIMIT_ERROR} code, if negotiated
   */
  record Negotiated(
      boolean lwtMark,
      boolean tabletsV1,
      boolean tabletsV2,
      boolean metadataId,
      OptionalInt rateLimitCode) {
    static final Negotiated NONE = new Negotiated(false, false, false, false, OptionalInt.empty());
  }

  private ScyllaHandshake() {}

  /**
   * A SUPPORTED body with the emulated node's options.
   *
   * @param body the node's SUPPORTED body
   * @param at where its message starts
   */
  static byte[] supported(
      byte[] body,
      int at,
      ScyllaEmulation emulation,
      int shard,
      int shards,
      Optional<UUID> hostId) {
    ByteBuf in = Unpooled.wrappedBuffer(body);
    in.readerIndex(at);
    Map<String, List<String>> options =
        new LinkedHashMap<>(WireReader.readStringMultimap(in, "SUPPORTED.options"));
    // ScyllaDB speaks v4 (and v3); it refuses v5, which the proxy does for it
    if (options.containsKey("PROTOCOL_VERSIONS")) {
      options.put("PROTOCOL_VERSIONS", List.of("3/v3", "4/v4"));
    }
    put(options, emulation, ScyllaOption.SHARD, String.valueOf(shard));
    put(options, emulation, ScyllaOption.NR_SHARDS, String.valueOf(shards));
    put(options, emulation, ScyllaOption.PARTITIONER, PARTITIONER);
    put(options, emulation, ScyllaOption.SHARDING_ALGORITHM, ALGORITHM);
    put(
        options,
        emulation,
        ScyllaOption.SHARDING_IGNORE_MSB,
        String.valueOf(emulation.ignoreMsb()));
    if (emulation.shardAwarePort() > 0) {
      put(
          options,
          emulation,
          ScyllaOption.SHARD_AWARE_PORT,
          String.valueOf(emulation.shardAwarePort()));
    }
    put(
        options,
        emulation,
        ScyllaOption.LWT_ADD_METADATA_MARK,
        "LWT_OPTIMIZATION_META_BIT_MASK=" + Integer.toUnsignedString(emulation.lwtMask()));
    put(options, emulation, ScyllaOption.TABLETS_ROUTING_V1, "");
    put(options, emulation, ScyllaOption.TABLETS_ROUTING_V2, "");
    put(
        options,
        emulation,
        ScyllaOption.RATE_LIMIT_ERROR,
        "ERROR_CODE=" + emulation.rateLimitErrorCode());
    put(options, emulation, ScyllaOption.USE_METADATA_ID, "");
    hostId.ifPresent(id -> put(options, emulation, ScyllaOption.HOST_ID, id.toString()));
    ByteBuf out = Unpooled.buffer(body.length + 512);
    out.writeBytes(body, 0, at);
    WireWriter.writeStringMultimap(out, options, "SUPPORTED.options");
    byte[] result = new byte[out.readableBytes()];
    out.readBytes(result);
    return result;
  }

  private static void put(
      Map<String, List<String>> options,
      ScyllaEmulation emulation,
      ScyllaOption option,
      String value) {
    if (emulation.advertises(option)) {
      options.put(option.key(), List.of(value));
    }
  }

  /** The extensions a STARTUP asks for, among those advertised. */
  static Negotiated negotiate(Map<String, String> startup, ScyllaEmulation emulation) {
    boolean rateLimit = asked(startup, emulation, ScyllaOption.RATE_LIMIT_ERROR);
    return new Negotiated(
        asked(startup, emulation, ScyllaOption.LWT_ADD_METADATA_MARK),
        asked(startup, emulation, ScyllaOption.TABLETS_ROUTING_V1),
        asked(startup, emulation, ScyllaOption.TABLETS_ROUTING_V2),
        asked(startup, emulation, ScyllaOption.USE_METADATA_ID),
        rateLimit ? OptionalInt.of(emulation.rateLimitErrorCode()) : OptionalInt.empty());
  }

  private static boolean asked(
      Map<String, String> startup, ScyllaEmulation emulation, ScyllaOption option) {
    return emulation.advertises(option) && startup.containsKey(option.key());
  }

  /**
   * The STARTUP options without ScyllaDB's keys, for the Cassandra node; null if none was there.
   */
  static Map<String, String> withoutScyllaKeys(Map<String, String> startup) {
    Map<String, String> kept = new LinkedHashMap<>(startup);
    for (ScyllaOption option : ScyllaOption.values()) {
      kept.remove(option.key());
    }
    return kept.size() == startup.size() ? null : kept;
  }
}
