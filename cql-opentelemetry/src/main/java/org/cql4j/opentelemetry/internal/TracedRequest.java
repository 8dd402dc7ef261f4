package org.cql4j.opentelemetry.internal;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.UUID;
import org.cql4j.session.Node;
import org.cql4j.session.observability.RequestDescription;

/**
 * The spans of one request, thread-safe: the request's own span and the span of the attempt each
 * execution has in flight. Executions call in from different event loops, so the attempt spans are
 * guarded by this object's lock; once the request ended, nothing starts a span any more.
 */
public final class TracedRequest {
  private final Tracer tracer;
  private final Span span;
  private final Context context;
  private final String name;
  private final String operation;
  private final RequestDescription request;
  // guarded by this; indexed by execution number
  private Span[] inFlight = new Span[1];
  private int[] attempts = new int[1];
  private int speculativeExecutions;
  private boolean ended;

  private TracedRequest(
      Tracer tracer,
      Span span,
      Context context,
      String name,
      String operation,
      RequestDescription request) {
    this.tracer = tracer;
    this.span = span;
    this.context = context;
    this.name = name;
    this.operation = operation;
    this.request = request;
  }

  /**
   * Starts the span of a request, a child of {@code parent}.
   *
   * @param tracer the tracer
   * @param parent the caller's context when the request started
   * @param request the request
   * @return the traced request, or null when its span is not recorded (not sampled, or a no-op
   *     tracer): its attempts would not be recorded either, so nothing needs to be kept
   */
  public static TracedRequest start(Tracer tracer, Context parent, RequestDescription request) {
    String operation = CqlSpanNaming.operationName(request);
    String name = CqlSpanNaming.spanName(operation, request.routing());
    SpanBuilder builder = commonAttributes(tracer.spanBuilder(name), operation, request);
    if (!"BATCH".equals(request.kind())) {
      // a batch's cql() is a summary, not a query text
      builder.setAttribute(CqlAttributes.DB_QUERY_TEXT, request.cql());
    }
    Span span =
        builder
            .setParent(parent)
            .setAttribute(CqlAttributes.DB_CASSANDRA_IDEMPOTENCE, request.idempotent())
            .startSpan();
    if (!span.isRecording()) {
      span.end();
      return null;
    }
    return new TracedRequest(tracer, span, parent.with(span), name, operation, request);
  }

  /**
   * An attempt is sent: starts its span, a child of the request's.
   *
   * @param node the node it is sent to
   * @param execution its execution number
   */
  public synchronized void attemptStarted(Node node, int execution) {
    if (ended) {
      return; // a speculative execution that started as the request ended
    }
    if (execution >= inFlight.length) {
      int length = Math.max(execution + 1, inFlight.length * 2);
      inFlight = Arrays.copyOf(inFlight, length);
      attempts = Arrays.copyOf(attempts, length);
    }
    Span previous = inFlight[execution];
    if (previous != null) {
      // the session reports every attempt's end; should one be missing, do not leak its span
      cancel(previous);
    }
    InetSocketAddress address = node.address();
    inFlight[execution] =
        commonAttributes(tracer.spanBuilder(name), operation, request)
            .setParent(context)
            .setAttribute(CqlAttributes.SERVER_ADDRESS, address.getHostString())
            .setAttribute(CqlAttributes.SERVER_PORT, address.getPort())
            .setAttribute(CqlAttributes.CQL4J_EXECUTION, execution)
            .setAttribute(CqlAttributes.CQL4J_ATTEMPT, attempts[execution]++)
            .startSpan();
  }

  /**
   * An attempt got the answer that completes the request: ends its span.
   *
   * @param execution its execution number
   */
  public synchronized void attemptSucceeded(int execution) {
    Span attempt = takeInFlight(execution);
    if (attempt != null) {
      attempt.end();
    }
  }

  /**
   * An attempt failed: ends its span as failed.
   *
   * @param execution its execution number
   * @param error what it failed with
   */
  public synchronized void attemptFailed(int execution, Throwable error) {
    Span attempt = takeInFlight(execution);
    if (attempt != null) {
      CqlAttributes.recordError(attempt, error);
      attempt.end();
    }
  }

  /**
   * A speculative execution starts: counted, and noted on the request's span as an event.
   *
   * @param execution its number
   */
  public synchronized void speculativeExecutionStarted(int execution) {
    if (ended) {
      return;
    }
    speculativeExecutions++;
    span.addEvent(
        "cql4j.speculative_execution",
        Attributes.of(CqlAttributes.CQL4J_EXECUTION, (long) execution));
  }

  /**
   * The request succeeded: ends the attempts still in flight as cancelled, then the request's span
   * with the coordinator's address.
   *
   * @param coordinator the node that answered
   */
  public void succeeded(Node coordinator) {
    if (!end()) {
      return;
    }
    if (coordinator != null) {
      InetSocketAddress address = coordinator.address();
      span.setAttribute(CqlAttributes.SERVER_ADDRESS, address.getHostString());
      span.setAttribute(CqlAttributes.SERVER_PORT, address.getPort());
      UUID hostId = coordinator.hostId();
      if (hostId != null) {
        span.setAttribute(CqlAttributes.DB_CASSANDRA_COORDINATOR_ID, hostId.toString());
      }
      if (coordinator.datacenter() != null) {
        span.setAttribute(CqlAttributes.DB_CASSANDRA_COORDINATOR_DC, coordinator.datacenter());
      }
    }
    span.end();
  }

  /**
   * The request failed: ends the attempts still in flight as cancelled, then the request's span as
   * failed.
   *
   * @param error what the caller gets
   */
  public void failed(Throwable error) {
    if (!end()) {
      return;
    }
    CqlAttributes.recordError(span, error);
    span.end();
  }

  // the first end wins; cancels the attempts in flight
  private synchronized boolean end() {
    if (ended) {
      return false;
    }
    ended = true;
    for (int i = 0; i < inFlight.length; i++) {
      if (inFlight[i] != null) {
        cancel(inFlight[i]);
        inFlight[i] = null;
      }
    }
    if (speculativeExecutions > 0) {
      span.setAttribute(
          CqlAttributes.DB_CASSANDRA_SPECULATIVE_EXECUTION_COUNT, (long) speculativeExecutions);
    }
    return true;
  }

  private Span takeInFlight(int execution) {
    if (execution < 0 || execution >= inFlight.length) {
      return null;
    }
    Span attempt = inFlight[execution];
    inFlight[execution] = null;
    return attempt;
  }

  private static void cancel(Span attempt) {
    attempt.setAttribute(CqlAttributes.CQL4J_ATTEMPT_CANCELLED, true);
    attempt.end();
  }

  private static SpanBuilder commonAttributes(
      SpanBuilder builder, String operation, RequestDescription request) {
    builder
        .setSpanKind(SpanKind.CLIENT)
        .setAttribute(CqlAttributes.DB_SYSTEM_NAME, CqlAttributes.CASSANDRA)
        .setAttribute(
            CqlAttributes.DB_CASSANDRA_CONSISTENCY_LEVEL,
            CqlSpanNaming.consistencyLevel(request.consistency()));
    String keyspace = request.routing().keyspace();
    if (keyspace != null) {
      builder.setAttribute(CqlAttributes.DB_NAMESPACE, keyspace);
    }
    String table = request.routing().table();
    if (table != null) {
      builder.setAttribute(CqlAttributes.DB_COLLECTION_NAME, table);
    }
    if (operation != null) {
      builder.setAttribute(CqlAttributes.DB_OPERATION_NAME, operation);
    }
    return builder;
  }
}
