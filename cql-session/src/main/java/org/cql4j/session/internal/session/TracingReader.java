package org.cql4j.session.internal.session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.CqlException;
import org.cql4j.protocol.value.CqlRow;
import org.cql4j.session.QueryResult;
import org.cql4j.session.TracingInfo;
import org.cql4j.session.statement.Statement;

/**
 * Reads a trace from {@code system_traces.sessions} and {@code system_traces.events}. The server
 * writes traces asynchronously after answering, so an incomplete trace (no row yet, or no duration)
 * is read again after a short delay, up to {@link #ATTEMPTS} times. Thread-safe (immutable).
 */
final class TracingReader {
  static final int ATTEMPTS = 20;
  static final Duration INTERVAL = Duration.ofMillis(25);

  private final Function<Statement, CompletableFuture<QueryResult>> query;
  private final ScheduledExecutorService scheduler;

  TracingReader(
      Function<Statement, CompletableFuture<QueryResult>> query,
      ScheduledExecutorService scheduler) {
    this.query = query;
    this.scheduler = scheduler;
  }

  CompletableFuture<TracingInfo> read(UUID tracingId) {
    CompletableFuture<TracingInfo> result = new CompletableFuture<>();
    attempt(tracingId, 1, result);
    return result;
  }

  private void attempt(UUID id, int attempt, CompletableFuture<TracingInfo> result) {
    // a uuid literal needs no bind marker, and no prepared statement per trace
    CompletableFuture<QueryResult> session =
        query.apply(statement("SELECT * FROM system_traces.sessions WHERE session_id = " + id));
    CompletableFuture<QueryResult> events =
        query.apply(statement("SELECT * FROM system_traces.events WHERE session_id = " + id));
    session
        .thenCombine(events, (s, e) -> toInfo(id, s, e))
        .whenComplete(
            (info, error) -> {
              if (error != null) {
                result.completeExceptionally(BlockingCalls.unwrap(error));
              } else if (info != null && info.isComplete()) {
                result.complete(info);
              } else if (attempt >= ATTEMPTS) {
                result.completeExceptionally(
                    new CqlException(
                        "the trace "
                            + id
                            + " is still incomplete after "
                            + ATTEMPTS
                            + " reads; the server may be slow to write system_traces, try again"
                            + " later"));
              } else {
                scheduler.schedule(
                    () -> attempt(id, attempt + 1, result),
                    INTERVAL.toMillis() * attempt,
                    TimeUnit.MILLISECONDS);
              }
            });
  }

  private static Statement statement(String cql) {
    return new Statement(cql).setConsistency(Consistency.ONE).setIdempotent(true);
  }

  private static TracingInfo toInfo(UUID id, QueryResult sessions, QueryResult events) {
    var row = sessions.intoRowsResult().maybeFirstRow(CqlRow.class);
    if (row.isEmpty()) {
      return null;
    }
    CqlRow s = row.get();
    List<TracingInfo.Event> list = new ArrayList<>();
    for (CqlRow e : events.intoRowsResult().rows(CqlRow.class)) {
      list.add(
          new TracingInfo.Event(
              e.getUuid("event_id"),
              e.getString("activity"),
              e.getInetAddress("source"),
              micros(e, "source_elapsed"),
              e.getString("thread")));
    }
    return new TracingInfo(
        id,
        s.getInetAddress("client"),
        s.getString("command"),
        s.getInetAddress("coordinator"),
        micros(s, "duration"),
        s.getMap("parameters", String.class, String.class),
        s.getString("request"),
        s.getInstant("started_at"),
        list);
  }

  private static Duration micros(CqlRow row, String column) {
    return row.isNull(column) ? null : Duration.ofNanos(row.getInt(column) * 1000L);
  }
}
