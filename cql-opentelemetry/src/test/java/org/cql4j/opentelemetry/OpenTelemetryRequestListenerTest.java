package org.cql4j.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.cql4j.opentelemetry.FakeRequest.FakeNode;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.errors.DbError;
import org.cql4j.protocol.errors.DbException;
import org.cql4j.session.errors.RequestTimeoutException;
import org.cql4j.session.policy.RoutingInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The spans the listener makes of the callbacks the session sends, with the SDK in memory. */
class OpenTelemetryRequestListenerTest {
  private static final String READ = "SELECT v FROM shop.orders WHERE id = ?";
  private static final Duration LATENCY = Duration.ofMillis(3);
  private static final FakeNode NODE_1 = FakeNode.at("127.0.0.1", 9042);
  private static final FakeNode NODE_2 = FakeNode.at("127.0.0.2", 9043);

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final OpenTelemetrySdk sdk = sdk(Sampler.alwaysOn());
  private final OpenTelemetryRequestListener listener = OpenTelemetryRequestListener.create(sdk);
  private final Tracer appTracer = sdk.getTracer("app");

  @AfterEach
  void closeSdk() {
    sdk.close();
  }

  @Test
  void aRequestIsAClientSpanUnderTheCallersSpanWithAChildPerAttempt() {
    FakeRequest request = FakeRequest.execute("shop", "orders", READ);
    Span caller = appTracer.spanBuilder("caller").startSpan();
    try (Scope ignored = caller.makeCurrent()) {
      listener.onStart(request);
    }
    listener.onAttemptStart(request, NODE_1, 0);
    listener.onAttemptSuccess(request, NODE_1, 0, LATENCY);
    listener.onSuccess(request, LATENCY, NODE_1);
    caller.end();

    SpanData requestSpan = span("SELECT shop.orders");
    assertThat(requestSpan.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(requestSpan.getParentSpanId()).isEqualTo(caller.getSpanContext().getSpanId());
    assertThat(requestSpan.getTraceId()).isEqualTo(caller.getSpanContext().getTraceId());
    assertThat(requestSpan.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(requestSpan.getInstrumentationScopeInfo().getName())
        .isEqualTo("org.cql4j.opentelemetry");
    assertThat(attr(requestSpan, "db.system.name")).isEqualTo("cassandra");
    assertThat(attr(requestSpan, "db.namespace")).isEqualTo("shop");
    assertThat(attr(requestSpan, "db.collection.name")).isEqualTo("orders");
    assertThat(attr(requestSpan, "db.operation.name")).isEqualTo("SELECT");
    assertThat(attr(requestSpan, "db.query.text")).isEqualTo(READ);
    assertThat(attr(requestSpan, "db.cassandra.consistency_level")).isEqualTo("local_quorum");
    assertThat(requestSpan.getAttributes().get(AttributeKey.booleanKey("db.cassandra.idempotence")))
        .isTrue();
    assertThat(attr(requestSpan, "server.address")).isEqualTo("127.0.0.1");
    assertThat(port(requestSpan)).isEqualTo(9042);
    assertThat(attr(requestSpan, "db.cassandra.coordinator.id"))
        .isEqualTo(NODE_1.hostId().toString());
    assertThat(attr(requestSpan, "db.cassandra.coordinator.dc")).isEqualTo("dc1");

    SpanData attempt = onlyAttempt(requestSpan);
    assertThat(attempt.getName()).isEqualTo("SELECT shop.orders");
    assertThat(attempt.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(attr(attempt, "server.address")).isEqualTo("127.0.0.1");
    assertThat(port(attempt)).isEqualTo(9042);
    assertThat(number(attempt, "cql4j.execution")).isZero();
    assertThat(number(attempt, "cql4j.attempt")).isZero();
    assertThat(attr(attempt, "db.system.name")).isEqualTo("cassandra");
    assertThat(attr(attempt, "db.operation.name")).isEqualTo("SELECT");
    assertThat(attempt.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(listener.inFlight()).isZero();
  }

  @Test
  void aRetryIsASecondAttemptSpanAfterAFailedOne() {
    FakeRequest request = FakeRequest.execute("shop", "orders", READ);
    DbException overloaded = new DbException(new DbError.Overloaded(), "too busy");
    listener.onStart(request);
    listener.onAttemptStart(request, NODE_1, 0);
    listener.onAttemptError(request, NODE_1, 0, LATENCY, overloaded);
    listener.onAttemptStart(request, NODE_2, 0);
    listener.onAttemptSuccess(request, NODE_2, 0, LATENCY);
    listener.onSuccess(request, LATENCY, NODE_2);

    SpanData requestSpan = span("SELECT shop.orders");
    List<SpanData> attempts = attempts(requestSpan);
    assertThat(attempts).hasSize(2);
    SpanData failed = attempts.get(0);
    assertThat(attr(failed, "server.address")).isEqualTo("127.0.0.1");
    assertThat(number(failed, "cql4j.attempt")).isZero();
    assertThat(failed.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(attr(failed, "error.type")).isEqualTo("0x1001");
    assertThat(attr(failed, "db.response.status_code")).isEqualTo("0x1001");
    assertThat(failed.getEvents())
        .singleElement()
        .satisfies(e -> assertThat(e.getName()).isEqualTo("exception"));
    SpanData retried = attempts.get(1);
    assertThat(attr(retried, "server.address")).isEqualTo("127.0.0.2");
    assertThat(port(retried)).isEqualTo(9043);
    assertThat(number(retried, "cql4j.execution")).isZero();
    assertThat(number(retried, "cql4j.attempt")).isEqualTo(1);
    assertThat(retried.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(requestSpan.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(attr(requestSpan, "server.address")).isEqualTo("127.0.0.2");
  }

  @Test
  void theAttemptThatLosesASpeculativeRaceEndsWithTheRequestAsCancelled() {
    FakeRequest request = FakeRequest.execute("shop", "orders", READ);
    listener.onStart(request);
    listener.onAttemptStart(request, NODE_1, 0);
    listener.onSpeculativeExecution(request, 1);
    listener.onAttemptStart(request, NODE_2, 1);
    listener.onAttemptSuccess(request, NODE_2, 1, LATENCY);
    listener.onSuccess(request, LATENCY, NODE_2);

    SpanData requestSpan = span("SELECT shop.orders");
    assertThat(number(requestSpan, "db.cassandra.speculative_execution_count")).isEqualTo(1);
    assertThat(requestSpan.getEvents())
        .singleElement()
        .satisfies(e -> assertThat(e.getName()).isEqualTo("cql4j.speculative_execution"));
    List<SpanData> attempts = attempts(requestSpan);
    assertThat(attempts).hasSize(2).allSatisfy(a -> assertThat(a.hasEnded()).isTrue());
    SpanData slow = attempts.get(0);
    assertThat(number(slow, "cql4j.execution")).isZero();
    assertThat(slow.getAttributes().get(AttributeKey.booleanKey("cql4j.attempt.cancelled")))
        .isTrue();
    assertThat(slow.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    SpanData fast = attempts.get(1);
    assertThat(number(fast, "cql4j.execution")).isEqualTo(1);
    assertThat(attr(fast, "server.address")).isEqualTo("127.0.0.2");
    assertThat(fast.getAttributes().get(AttributeKey.booleanKey("cql4j.attempt.cancelled")))
        .isNull();
    assertThat(listener.inFlight()).isZero();

    // the losing execution's late callbacks change nothing and keep nothing
    listener.onAttemptError(request, NODE_1, 0, LATENCY, new IllegalStateException("late"));
    listener.onAttemptStart(request, NODE_1, 2);
    assertThat(exporter.getFinishedSpanItems()).hasSize(3);
    assertThat(listener.inFlight()).isZero();
  }

  @Test
  void aFailedRequestRecordsTheServerErrorTheConventionsWay() {
    FakeRequest request = FakeRequest.execute("shop", "orders", READ);
    DbException timeout =
        new DbException(new DbError.ReadTimeout(Consistency.QUORUM, 1, 2, false), "timed out");
    listener.onStart(request);
    listener.onAttemptStart(request, NODE_1, 0);
    listener.onAttemptError(request, NODE_1, 0, LATENCY, timeout);
    listener.onError(request, LATENCY, timeout);

    SpanData requestSpan = span("SELECT shop.orders");
    assertThat(requestSpan.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(requestSpan.getStatus().getDescription()).contains("timed out");
    assertThat(attr(requestSpan, "error.type")).isEqualTo("0x1200");
    assertThat(attr(requestSpan, "db.response.status_code")).isEqualTo("0x1200");
    assertThat(requestSpan.getEvents())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getName()).isEqualTo("exception");
              assertThat(e.getAttributes().get(AttributeKey.stringKey("exception.type")))
                  .isEqualTo(DbException.class.getName());
            });
    assertThat(attr(onlyAttempt(requestSpan), "error.type")).isEqualTo("0x1200");
    assertThat(listener.inFlight()).isZero();
  }

  @Test
  void aClientSideErrorIsTypedByItsClassAndCancelsTheAttemptsInFlight() {
    FakeRequest request = FakeRequest.execute("shop", "orders", READ);
    RequestTimeoutException timeout =
        new RequestTimeoutException("no answer in 2 s", Duration.ofSeconds(2));
    listener.onStart(request);
    listener.onAttemptStart(request, NODE_1, 0);
    listener.onError(request, LATENCY, timeout);

    SpanData requestSpan = span("SELECT shop.orders");
    assertThat(attr(requestSpan, "error.type")).isEqualTo(RequestTimeoutException.class.getName());
    assertThat(attr(requestSpan, "db.response.status_code")).isNull();
    SpanData attempt = onlyAttempt(requestSpan);
    assertThat(attempt.getAttributes().get(AttributeKey.booleanKey("cql4j.attempt.cancelled")))
        .isTrue();
  }

  @Test
  void anAsyncRequestIsParentedUnderTheSpanCurrentWhereItStarted() throws Exception {
    FakeRequest request = FakeRequest.execute("shop", "orders", READ);
    Span caller = appTracer.spanBuilder("caller").startSpan();
    try (Scope ignored = caller.makeCurrent()) {
      listener.onStart(request);
    }
    ExecutorService eventLoop = Executors.newSingleThreadExecutor();
    Span other = appTracer.spanBuilder("unrelated").startSpan();
    try {
      CompletableFuture.runAsync(
              () -> {
                // another span is current on the thread the session calls back on
                try (Scope ignored = other.makeCurrent()) {
                  listener.onAttemptStart(request, NODE_1, 0);
                  listener.onAttemptSuccess(request, NODE_1, 0, LATENCY);
                  listener.onSuccess(request, LATENCY, NODE_1);
                }
              },
              eventLoop)
          .get();
    } finally {
      eventLoop.shutdown();
      other.end();
      caller.end();
    }

    SpanData requestSpan = span("SELECT shop.orders");
    assertThat(requestSpan.getParentSpanId()).isEqualTo(caller.getSpanContext().getSpanId());
    assertThat(onlyAttempt(requestSpan).getParentSpanId())
        .isEqualTo(requestSpan.getSpanContext().getSpanId());
  }

  @Test
  void equalRequestsInFlightTogetherKeepTheirOwnSpans() {
    FakeRequest first = FakeRequest.execute("shop", "orders", READ);
    FakeRequest second =
        new FakeRequest(first.kind(), first.cql(), first.routing(), first.idempotent());
    assertThat(first).isEqualTo(second).isNotSameAs(second);
    listener.onStart(first);
    listener.onStart(second);
    assertThat(listener.inFlight()).isEqualTo(2);
    listener.onAttemptStart(first, NODE_1, 0);
    listener.onAttemptStart(second, NODE_2, 0);
    listener.onAttemptSuccess(second, NODE_2, 0, LATENCY);
    listener.onSuccess(second, LATENCY, NODE_2);
    listener.onAttemptSuccess(first, NODE_1, 0, LATENCY);
    listener.onSuccess(first, LATENCY, NODE_1);

    List<SpanData> requests =
        exporter.getFinishedSpanItems().stream()
            .filter(s -> !s.getParentSpanContext().isValid())
            .toList();
    assertThat(requests).hasSize(2);
    for (SpanData r : requests) {
      assertThat(attr(onlyAttempt(r), "server.address")).isEqualTo(attr(r, "server.address"));
    }
    assertThat(listener.inFlight()).isZero();
  }

  @Test
  void aBatchHasNoQueryTextAndANameFromWhatIsKnown() {
    FakeRequest batch =
        new FakeRequest(
            "BATCH",
            "BATCH of 2 statements",
            RoutingInfo.withoutToken("shop", null, Consistency.ONE, null, false),
            false);
    listener.onStart(batch);
    listener.onSuccess(batch, LATENCY, NODE_1);

    SpanData span = span("BATCH shop");
    assertThat(attr(span, "db.operation.name")).isEqualTo("BATCH");
    assertThat(attr(span, "db.query.text")).isNull();
    assertThat(attr(span, "db.collection.name")).isNull();
    assertThat(attr(span, "db.cassandra.consistency_level")).isEqualTo("one");
  }

  @Test
  void anUnsampledRequestKeepsNoState() {
    try (OpenTelemetrySdk neverSampled = sdk(Sampler.alwaysOff())) {
      for (OpenTelemetry otel : List.of(neverSampled, OpenTelemetry.noop())) {
        OpenTelemetryRequestListener quiet = OpenTelemetryRequestListener.create(otel);
        FakeRequest request = FakeRequest.execute("shop", "orders", READ);
        quiet.onStart(request);
        assertThat(quiet.inFlight()).isZero();
        quiet.onAttemptStart(request, NODE_1, 0);
        quiet.onAttemptSuccess(request, NODE_1, 0, LATENCY);
        quiet.onSuccess(request, LATENCY, NODE_1);
      }
    }
    assertThat(exporter.getFinishedSpanItems()).isEmpty();
  }

  // ---- helpers ----

  private OpenTelemetrySdk sdk(Sampler sampler) {
    return OpenTelemetrySdk.builder()
        .setTracerProvider(
            SdkTracerProvider.builder()
                .setSampler(sampler)
                .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                .build())
        .build();
  }

  // the request span of that name (an attempt span has an execution number)
  private SpanData span(String name) {
    return exporter.getFinishedSpanItems().stream()
        .filter(s -> s.getName().equals(name))
        .filter(s -> s.getInstrumentationScopeInfo().getName().equals("org.cql4j.opentelemetry"))
        .filter(s -> s.getAttributes().get(AttributeKey.longKey("cql4j.execution")) == null)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no span " + name + " in " + exporter));
  }

  private List<SpanData> attempts(SpanData request) {
    return exporter.getFinishedSpanItems().stream()
        .filter(s -> s.getParentSpanId().equals(request.getSpanContext().getSpanId()))
        .sorted(
            Comparator.comparingLong((SpanData s) -> number(s, "cql4j.execution"))
                .thenComparingLong(s -> number(s, "cql4j.attempt")))
        .toList();
  }

  private SpanData onlyAttempt(SpanData request) {
    List<SpanData> attempts = attempts(request);
    assertThat(attempts).hasSize(1);
    return attempts.get(0);
  }

  private static String attr(SpanData span, String key) {
    return span.getAttributes().get(AttributeKey.stringKey(key));
  }

  private static Long number(SpanData span, String key) {
    return span.getAttributes().get(AttributeKey.longKey(key));
  }

  private static long port(SpanData span) {
    return number(span, "server.port");
  }
}
