package org.cql4j.opentelemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerBuilder;
import io.opentelemetry.context.Context;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.cql4j.opentelemetry.internal.TracedRequest;
import org.cql4j.session.Node;
import org.cql4j.session.observability.RequestDescription;
import org.cql4j.session.observability.RequestListener;

/**
 * Traces the requests of a session with OpenTelemetry, following the database semantic conventions;
 * thread-safe. Register it with {@code
 * Session.builder().requestListener(OpenTelemetryRequestListener.create(openTelemetry))}.
 *
 * <p>Each request gets a span of kind CLIENT, named {@code "<operation> <keyspace>.<table>"} (such
 * as {@code "SELECT shop.orders"}, or less where less is known), a child of the span current on the
 * caller's thread when the request started, for asynchronous calls too. Each attempt of the
 * request, the first one, its retries and the attempts of speculative executions, gets a child span
 * of the request's with the node it went to ({@code server.address}, {@code server.port}) and its
 * execution number ({@code cql4j.execution}). Attributes: {@code db.system.name=cassandra}, {@code
 * db.namespace}, {@code db.collection.name}, {@code db.operation.name}, {@code db.query.text} (the
 * CQL text, never the bound values), {@code db.cassandra.consistency_level}; failures set the
 * span's status to ERROR, record the exception and set {@code error.type}. An attempt abandoned
 * because another one ended the request (it lost a speculative race, or was in flight when the
 * request timed out) ends with the request, marked {@code cql4j.attempt.cancelled=true}.
 *
 * <p>Per-request state lives from the request's start to its end, in a map keyed by the request's
 * identity; a request that is not sampled keeps none.
 */
public final class OpenTelemetryRequestListener implements RequestListener {
  /** The instrumentation scope name of the spans. */
  public static final String INSTRUMENTATION_NAME = "org.cql4j.opentelemetry";

  private final Tracer tracer;
  private final ConcurrentHashMap<RequestKey, TracedRequest> requests = new ConcurrentHashMap<>();

  private OpenTelemetryRequestListener(Tracer tracer) {
    this.tracer = tracer;
  }

  /**
   * A listener that traces with an OpenTelemetry instance's tracer provider, under the
   * instrumentation scope {@value #INSTRUMENTATION_NAME}. Thread-safe.
   *
   * @param openTelemetry the OpenTelemetry instance, such as {@code GlobalOpenTelemetry.get()} or
   *     an SDK built by the application
   * @return the listener
   */
  public static OpenTelemetryRequestListener create(OpenTelemetry openTelemetry) {
    Objects.requireNonNull(openTelemetry, "openTelemetry");
    TracerBuilder builder = openTelemetry.getTracerProvider().tracerBuilder(INSTRUMENTATION_NAME);
    String version = OpenTelemetryRequestListener.class.getPackage().getImplementationVersion();
    if (version != null) {
      builder.setInstrumentationVersion(version);
    }
    return new OpenTelemetryRequestListener(builder.build());
  }

  /**
   * Starts the request's span, a child of the caller's current span.
   *
   * @param request the request
   */
  @Override
  public void onStart(RequestDescription request) {
    // runs on the caller's thread: Context.current() is the caller's, for async calls too
    TracedRequest traced = TracedRequest.start(tracer, Context.current(), request);
    if (traced != null) {
      requests.put(new RequestKey(request), traced);
    }
  }

  /**
   * Ends the request's span.
   *
   * @param request the request
   * @param latency unused: the span measures its own
   * @param coordinator the node that answered, recorded as {@code server.address}/{@code
   *     server.port}
   */
  @Override
  public void onSuccess(RequestDescription request, Duration latency, Node coordinator) {
    TracedRequest traced = requests.remove(new RequestKey(request));
    if (traced != null) {
      traced.succeeded(coordinator);
    }
  }

  /**
   * Ends the request's span as failed.
   *
   * @param request the request
   * @param latency unused: the span measures its own
   * @param error what the request failed with
   */
  @Override
  public void onError(RequestDescription request, Duration latency, Throwable error) {
    TracedRequest traced = requests.remove(new RequestKey(request));
    if (traced != null) {
      traced.failed(error);
    }
  }

  /**
   * Starts an attempt's span, a child of the request's.
   *
   * @param request the request
   * @param node the node the attempt is sent to
   * @param execution its execution number
   */
  @Override
  public void onAttemptStart(RequestDescription request, Node node, int execution) {
    TracedRequest traced = requests.get(new RequestKey(request));
    if (traced != null) {
      traced.attemptStarted(node, execution);
    }
  }

  /**
   * Ends an attempt's span.
   *
   * @param request the request
   * @param node the node that answered
   * @param execution its execution number
   * @param latency unused: the span measures its own
   */
  @Override
  public void onAttemptSuccess(
      RequestDescription request, Node node, int execution, Duration latency) {
    TracedRequest traced = requests.get(new RequestKey(request));
    if (traced != null) {
      traced.attemptSucceeded(execution);
    }
  }

  /**
   * Ends an attempt's span as failed.
   *
   * @param request the request
   * @param node the node
   * @param execution its execution number
   * @param latency unused: the span measures its own
   * @param error what the attempt failed with
   */
  @Override
  public void onAttemptError(
      RequestDescription request, Node node, int execution, Duration latency, Throwable error) {
    TracedRequest traced = requests.get(new RequestKey(request));
    if (traced != null) {
      traced.attemptFailed(execution, error);
    }
  }

  /**
   * Adds an event to the request's span and counts the speculative execution.
   *
   * @param request the request
   * @param execution the new execution's number
   */
  @Override
  public void onSpeculativeExecution(RequestDescription request, int execution) {
    TracedRequest traced = requests.get(new RequestKey(request));
    if (traced != null) {
      traced.speculativeExecutionStarted(execution);
    }
  }

  /** The number of requests started and not yet ended (for tests: it returns to 0). */
  int inFlight() {
    return requests.size();
  }

  @Override
  public String toString() {
    return "OpenTelemetryRequestListener[" + requests.size() + " requests in flight]";
  }

  /**
   * A request by identity, whatever its {@code equals}: the session passes the same object to every
   * callback of a request.
   */
  private static final class RequestKey {
    private final RequestDescription request;

    RequestKey(RequestDescription request) {
      this.request = request;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof RequestKey other && other.request == request;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(request);
    }
  }
}
