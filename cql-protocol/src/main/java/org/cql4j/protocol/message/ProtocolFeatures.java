package org.cql4j.protocol.message;

import java.util.OptionalInt;

/**
 * The protocol extensions negotiated on a connection that change how message bodies are encoded or
 * decoded. Immutable and thread-safe.
 *
 * @param rateLimitErrorCode the error code ScyllaDB uses for a rate limit error, when the {@code
 *     SCYLLA_RATE_LIMIT_ERROR} extension was negotiated (scylla-protocol-extensions.md)
 * @param useMetadataId whether {@code SCYLLA_USE_METADATA_ID} was negotiated: Prepared results and
 *     EXECUTE carry a result metadata id, and Rows metadata may carry a new one, as in v5
 * @param tabletsRoutingV2 whether {@code TABLETS_ROUTING_V2_EXPERIMENTAL} was negotiated: every
 *     EXECUTE ends with a one-byte {@code tablet_version_block} ("Tablets routing v2")
 */
public record ProtocolFeatures(
    OptionalInt rateLimitErrorCode, boolean useMetadataId, boolean tabletsRoutingV2) {

  /** No extension: plain native protocol v4. */
  public static final ProtocolFeatures NONE =
      new ProtocolFeatures(OptionalInt.empty(), false, false);

  /**
   * Features without tablets routing v2.
   *
   * @param rateLimitErrorCode the rate limit error code, if negotiated
   * @param useMetadataId whether metadata ids are used
   */
  public ProtocolFeatures(OptionalInt rateLimitErrorCode, boolean useMetadataId) {
    this(rateLimitErrorCode, useMetadataId, false);
  }
}
