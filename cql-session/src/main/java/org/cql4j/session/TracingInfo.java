package org.cql4j.session;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A server-side trace of one request: the row of {@code system_traces.sessions} and the rows of
 * {@code system_traces.events} for its tracing id. Immutable and thread-safe.
 *
 * @param tracingId the trace's id ({@code session_id})
 * @param client the client address the coordinator saw, or null
 * @param command the kind of request, e.g. {@code "QUERY"}, or null
 * @param coordinator the node that coordinated the request, or null
 * @param duration how long the coordinator spent on the request ({@code duration}, microseconds on
 *     the wire), or null while the trace is incomplete
 * @param parameters the request's parameters (consistency, page size, the CQL text...)
 * @param request a description of the request, e.g. {@code "Execute CQL3 query"}, or null
 * @param startedAt when the coordinator received the request, or null
 * @param events the trace's events, in time order
 */
public record TracingInfo(
    UUID tracingId,
    InetAddress client,
    String command,
    InetAddress coordinator,
    Duration duration,
    Map<String, String> parameters,
    String request,
    Instant startedAt,
    List<Event> events) {

  /** Copies the collections. */
  public TracingInfo {
    Objects.requireNonNull(tracingId, "tracingId");
    parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    events = events == null ? List.of() : List.copyOf(events);
  }

  /**
   * Whether the trace is complete: the coordinator recorded the request's start (coordinator, time)
   * and its duration.
   */
  public boolean isComplete() {
    // the session row is written twice (at the start: coordinator, request; at the end:
    // duration), and with system_traces replicated a read at ONE may see one write only
    return duration != null && coordinator != null && startedAt != null;
  }

  /**
   * One row of {@code system_traces.events}. Immutable and thread-safe.
   *
   * @param eventId the event's time-based id
   * @param activity what happened, e.g. {@code "Parsing SELECT ..."}
   * @param source the node where it happened
   * @param sourceElapsed the time since the request reached that node ({@code source_elapsed},
   *     microseconds on the wire)
   * @param thread the server thread, e.g. {@code "Native-Transport-Requests-1"}
   */
  public record Event(
      UUID eventId, String activity, InetAddress source, Duration sourceElapsed, String thread) {}
}
