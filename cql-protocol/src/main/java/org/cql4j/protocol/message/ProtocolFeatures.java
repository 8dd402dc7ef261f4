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
 */
public record ProtocolFeatures(OptionalInt rateLimitErrorCode, boolean useMetadataId) {

  /** No extension: plain native protocol v4. */
  public static final ProtocolFeatures NONE = new ProtocolFeatures(OptionalInt.empty(), false);
}
