package org.cql4j.protocol.frame;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.cql4j.protocol.message.Response;

/**
 * A response with what its frame body carries before the message: tracing id, warnings and custom
 * payload (native_protocol_v4.spec §2.2). Immutable and thread-safe; if the message is a {@link
 * org.cql4j.protocol.message.RowsResult}, it owns a buffer that its holder releases.
 *
 * @param streamId the stream id (-1 for events)
 * @param tracingId the tracing id (flag 0x02), or {@code null}
 * @param warnings the server's warnings (flag 0x08), empty for none
 * @param customPayload the custom payload (flag 0x04), empty for none; ScyllaDB puts {@code
 *     tablets-routing-v1} here; arrays are not copied
 * @param message the response
 */
public record ResponseEnvelope(
    int streamId,
    UUID tracingId,
    List<String> warnings,
    Map<String, byte[]> customPayload,
    Response message) {

  /** Copies the warnings and payload and checks the message is present. */
  public ResponseEnvelope {
    Objects.requireNonNull(message, "message");
    warnings = List.copyOf(warnings);
    customPayload =
        customPayload.isEmpty()
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(customPayload));
  }

  /**
   * A response without tracing id, warnings or payload.
   *
   * @param streamId the stream id
   * @param message the response
   * @return the envelope
   */
  public static ResponseEnvelope of(int streamId, Response message) {
    return new ResponseEnvelope(streamId, null, List.of(), Map.of(), message);
  }
}
