package org.cql4j.protocol.scylla;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.cql4j.protocol.ProtocolException;
import org.cql4j.protocol.message.ProtocolFeatures;
import org.cql4j.protocol.message.Supported;

/**
 * The ScyllaDB protocol extensions a node advertised in SUPPORTED (scylla-protocol-extensions.md).
 * Immutable and thread-safe.
 *
 * <p>Parse with {@link #from(Supported)}; send {@link #startupOptions()} in STARTUP to enable the
 * extensions cql4j understands; configure the frame codec with {@link #protocolFeatures()}. Against
 * Apache Cassandra every component is empty or false.
 *
 * @param sharding the shard this connection landed on and the sharding parameters, if advertised
 * @param lwtMetadataMask {@code LWT_OPTIMIZATION_META_BIT_MASK} of {@code
 *     SCYLLA_LWT_ADD_METADATA_MARK}, if advertised
 * @param rateLimitErrorCode {@code ERROR_CODE} of {@code SCYLLA_RATE_LIMIT_ERROR}, if advertised
 * @param tabletsRoutingV1 whether {@code TABLETS_ROUTING_V1} was advertised
 * @param tabletsRoutingV2 whether {@code TABLETS_ROUTING_V2_EXPERIMENTAL} was advertised
 * @param useMetadataId whether {@code SCYLLA_USE_METADATA_ID} was advertised
 * @param hostId {@code SCYLLA_HOST_ID}, the node's host id, if advertised (informational, not
 *     echoed)
 */
public record ScyllaExtensions(
    Optional<ShardingInfo> sharding,
    OptionalInt lwtMetadataMask,
    OptionalInt rateLimitErrorCode,
    boolean tabletsRoutingV1,
    boolean tabletsRoutingV2,
    boolean useMetadataId,
    Optional<String> hostId) {

  /** The key of the LWT metadata mark extension. */
  public static final String LWT_ADD_METADATA_MARK = "SCYLLA_LWT_ADD_METADATA_MARK";

  /** Its parameter: the flag bit marking an LWT prepared statement. */
  public static final String LWT_OPTIMIZATION_META_BIT_MASK = "LWT_OPTIMIZATION_META_BIT_MASK";

  /** The key of the rate limit error extension. */
  public static final String RATE_LIMIT_ERROR = "SCYLLA_RATE_LIMIT_ERROR";

  /** Its parameter: the error code used for rate limit errors. */
  public static final String ERROR_CODE = "ERROR_CODE";

  /** The key of the tablets routing extension. */
  public static final String TABLETS_ROUTING_V1_KEY = "TABLETS_ROUTING_V1";

  /** The key of the tablets routing v2 extension ("Tablets routing v2"). */
  public static final String TABLETS_ROUTING_V2_KEY = "TABLETS_ROUTING_V2_EXPERIMENTAL";

  /** The key of the metadata id extension. */
  public static final String USE_METADATA_ID = "SCYLLA_USE_METADATA_ID";

  /** The informational host id option. */
  public static final String HOST_ID = "SCYLLA_HOST_ID";

  /** What a node without extensions (Apache Cassandra) advertises. */
  public static final ScyllaExtensions NONE =
      new ScyllaExtensions(
          Optional.empty(),
          OptionalInt.empty(),
          OptionalInt.empty(),
          false,
          false,
          false,
          Optional.empty());

  /**
   * Reads the extensions from a SUPPORTED message.
   *
   * @param supported the node's SUPPORTED message
   * @return the advertised extensions
   * @throws ProtocolException if an advertised extension has a malformed parameter
   */
  public static ScyllaExtensions from(Supported supported) {
    Map<String, List<String>> options = supported.options();
    OptionalInt lwtMask = OptionalInt.empty();
    if (options.containsKey(LWT_ADD_METADATA_MARK)) {
      lwtMask =
          OptionalInt.of(
              (int)
                  Params.unsignedInt(
                      options, LWT_ADD_METADATA_MARK, LWT_OPTIMIZATION_META_BIT_MASK));
    }
    OptionalInt rateLimit = OptionalInt.empty();
    if (options.containsKey(RATE_LIMIT_ERROR)) {
      rateLimit = OptionalInt.of(Params.signedInt(options, RATE_LIMIT_ERROR, ERROR_CODE));
    }
    List<String> hostIds = options.get(HOST_ID);
    return new ScyllaExtensions(
        ShardingInfo.from(options),
        lwtMask,
        rateLimit,
        options.containsKey(TABLETS_ROUTING_V1_KEY),
        options.containsKey(TABLETS_ROUTING_V2_KEY),
        options.containsKey(USE_METADATA_ID),
        hostIds == null || hostIds.isEmpty() ? Optional.empty() : Optional.of(hostIds.get(0)));
  }

  /**
   * The STARTUP options that enable the extensions cql4j understands: each advertised one is echoed
   * with its parameters, as the negotiation in scylla-protocol-extensions.md requires. Sharding
   * options are informational and not echoed.
   *
   * @return the options to add to STARTUP, in a stable order
   */
  public Map<String, String> startupOptions() {
    Map<String, String> out = new LinkedHashMap<>();
    lwtMetadataMask.ifPresent(
        m ->
            out.put(
                LWT_ADD_METADATA_MARK,
                LWT_OPTIMIZATION_META_BIT_MASK + "=" + Integer.toUnsignedString(m)));
    rateLimitErrorCode.ifPresent(c -> out.put(RATE_LIMIT_ERROR, ERROR_CODE + "=" + c));
    if (tabletsRoutingV1) {
      out.put(TABLETS_ROUTING_V1_KEY, "");
    }
    if (tabletsRoutingV2) {
      out.put(TABLETS_ROUTING_V2_KEY, "");
    }
    if (useMetadataId) {
      out.put(USE_METADATA_ID, "");
    }
    return out;
  }

  /** The codec settings that follow from echoing {@link #startupOptions()}. */
  public ProtocolFeatures protocolFeatures() {
    return new ProtocolFeatures(rateLimitErrorCode, useMetadataId, tabletsRoutingV2);
  }
}
