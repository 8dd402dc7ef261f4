package org.cql4j.examples;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.cql4j.opentelemetry.OpenTelemetryRequestListener;
import org.cql4j.protocol.value.Values;
import org.cql4j.session.QueryResult;
import org.cql4j.session.Session;
import org.cql4j.session.statement.PreparedStatement;

/** Traces a session's requests with OpenTelemetry: a span per request, a child span per attempt. */
public final class OpenTelemetryExample {
  private OpenTelemetryExample() {}

  /**
   * What the example did.
   *
   * @param traceId the trace of the application's {@code checkout} span, which holds the requests'
   *     spans
   * @param total the total read back
   */
  public record Outcome(String traceId, int total) {}

  /**
   * Runs the example against {@code CQL_CONTACT_POINTS} or a node started for it, with the
   * OpenTelemetry instance the OpenTelemetry Java agent or the SDK's autoconfiguration installed
   * (without either, the spans go nowhere).
   *
   * @param args unused
   */
  public static void main(String[] args) {
    Examples.withContactPoints(
        contactPoints -> System.out.println(run(contactPoints, GlobalOpenTelemetry.get())));
  }

  /**
   * Opens a traced session, then writes and reads an order total inside an application span.
   *
   * @param contactPoints the contact points
   * @param openTelemetry the application's OpenTelemetry instance
   * @return what was done
   */
  public static Outcome run(List<String> contactPoints, OpenTelemetry openTelemetry) {
    // tag::register[]
    Session session =
        Session.builder()
            .knownNodes(contactPoints)
            .requestListener(OpenTelemetryRequestListener.create(openTelemetry))
            .build();
    // end::register[]
    try (session) {
      Examples.createKeyspace(session);
      session.queryUnpaged(
          "CREATE TABLE IF NOT EXISTS examples.order_totals (customer int PRIMARY KEY, total int)");
      PreparedStatement write =
          session.prepare("INSERT INTO examples.order_totals (customer, total) VALUES (?, ?)");
      PreparedStatement read =
          session.prepare("SELECT total FROM examples.order_totals WHERE customer = ?");

      // tag::parent[]
      Tracer tracer = openTelemetry.getTracer("shop");
      Span checkout = tracer.spanBuilder("checkout").startSpan();
      CompletableFuture<QueryResult> total;
      try (Scope scope = checkout.makeCurrent()) {
        // the request spans are children of "checkout": they take the span current when the
        // request starts, so the asynchronous one too, even though it ends after the scope closed
        session.executeUnpaged(write, Values.of(7, 42));
        total = session.executeUnpagedAsync(read, Values.of(7));
      }
      int value = total.join().intoRowsResult().singleRow(Integer.class);
      checkout.end();
      // end::parent[]
      return new Outcome(checkout.getSpanContext().getTraceId(), value);
    }
  }
}
