package org.cql4j.protocol.frame;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.cql4j.protocol.message.Request;

/**
 * A request with what its frame carries besides the message: stream id, tracing flag and custom
 * payload (native_protocol_v4.spec §2.2, §2.3). Immutable and thread-safe as long as the message
 * is.
 *
 * @param streamId the stream id, 0..32767 for a client request
 * @param tracing whether to ask the server to trace the request (flag 0x02)
 * @param customPayload the custom payload (flag 0x04, QUERY/PREPARE/EXECUTE/BATCH only), empty for
 *     none; values may be {@code null}; arrays are not copied
 * @param message the request
 */
public record RequestEnvelope(
    int streamId, boolean tracing, Map<String, byte[]> customPayload, Request message) {

  /** Copies the payload map (keeping its order) and checks the message is present. */
  public RequestEnvelope {
    Objects.requireNonNull(message, "message");
    customPayload =
        customPayload.isEmpty()
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(customPayload));
  }

  /**
   * A request without tracing or payload.
   *
   * @param streamId the stream id
   * @param message the request
   * @return the envelope
   */
  public static RequestEnvelope of(int streamId, Request message) {
    return new RequestEnvelope(streamId, false, Map.of(), message);
  }
}
