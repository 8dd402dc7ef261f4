package org.cql4j.protocol.message;

import java.util.Objects;
import java.util.OptionalInt;
import org.cql4j.protocol.ProtocolVersion;

/**
 * What a connection negotiated that changes how message bodies are encoded or decoded: the protocol
 * version and the ScyllaDB extensions. Immutable and thread-safe.
 *
 * @param rateLimitErrorCode the error code ScyllaDB uses for a rate limit error, when the {@code
 *     SCYLLA_RATE_LIMIT_ERROR} extension was negotiated (scylla-protocol-extensions.md)
 * @param useMetadataId whether {@code SCYLLA_USE_METADATA_ID} was negotiated: Prepared results and
 *     EXECUTE carry a result metadata id, and Rows metadata may carry a new one, as in v5
 * @param tabletsRoutingV2 whether {@code TABLETS_ROUTING_V2_EXPERIMENTAL} was negotiated: every
 *     EXECUTE ends with a one-byte {@code tablet_version_block} ("Tablets routing v2")
 * @param version the protocol version of the connection
 */
public record ProtocolFeatures(
    OptionalInt rateLimitErrorCode,
    boolean useMetadataId,
    boolean tabletsRoutingV2,
    ProtocolVersion version) {

  /** No extension: plain native protocol v4. */
  public static final ProtocolFeatures NONE =
      new ProtocolFeatures(OptionalInt.empty(), false, false, ProtocolVersion.V4);

  /** Plain native protocol v5. */
  public static final ProtocolFeatures V5 = NONE.withVersion(ProtocolVersion.V5);

  /** Checks the components are present. */
  public ProtocolFeatures {
    Objects.requireNonNull(rateLimitErrorCode, "rateLimitErrorCode");
    Objects.requireNonNull(version, "version");
  }

  /**
   * Protocol v4 features without tablets routing v2.
   *
   * @param rateLimitErrorCode the rate limit error code, if negotiated
   * @param useMetadataId whether metadata ids are used
   */
  public ProtocolFeatures(OptionalInt rateLimitErrorCode, boolean useMetadataId) {
    this(rateLimitErrorCode, useMetadataId, false);
  }

  /**
   * Protocol v4 features.
   *
   * @param rateLimitErrorCode the rate limit error code, if negotiated
   * @param useMetadataId whether metadata ids are used
   * @param tabletsRoutingV2 whether tablets routing v2 was negotiated
   */
  public ProtocolFeatures(
      OptionalInt rateLimitErrorCode, boolean useMetadataId, boolean tabletsRoutingV2) {
    this(rateLimitErrorCode, useMetadataId, tabletsRoutingV2, ProtocolVersion.V4);
  }

  /** These features on another protocol version. */
  public ProtocolFeatures withVersion(ProtocolVersion version) {
    return new ProtocolFeatures(rateLimitErrorCode, useMetadataId, tabletsRoutingV2, version);
  }

  /**
   * Whether Prepared results and EXECUTE carry a result metadata id: always in v5
   * (native_protocol_v5.spec §4.1.6, §4.2.5.4), and in v4 under {@code SCYLLA_USE_METADATA_ID}.
   */
  public boolean resultMetadataIds() {
    return useMetadataId || version == ProtocolVersion.V5;
  }

  /** Whether the connection speaks v5 message layouts ([int] flags, keyspace, reason maps). */
  public boolean v5() {
    return version == ProtocolVersion.V5;
  }
}
