package org.cql4j.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.errors.DbError;
import org.cql4j.protocol.frame.Opcode;
import org.cql4j.protocol.value.Values;
import org.cql4j.session.QueryResult;
import org.cql4j.session.Session;
import org.cql4j.session.policy.DefaultRetryPolicy;
import org.cql4j.session.policy.SimpleSpeculativeExecutionPolicy;
import org.cql4j.session.profile.ExecutionProfile;
import org.cql4j.session.profile.ExecutionProfileHandle;
import org.cql4j.session.statement.PreparedStatement;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.CqlProxy;
import org.cql4j.testkit.TestCluster;
import org.cql4j.testkit.proxy.Action;
import org.cql4j.testkit.proxy.Condition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The spans of real requests on a 3-node ring (RF 3) behind the test kit's proxy, which fails or
 * slows the first attempt: a request span under the caller's span, an attempt span per retry and
 * per speculative execution, the conventions' attributes, and no bound value anywhere.
 */
@CassandraTest(nodes = 3, proxy = true)
class OpenTelemetryRequestListenerIT {
  private static final String KS = "otel_it";
  private static final String WRITE = "INSERT INTO " + KS + ".kv (k, v) VALUES (?, ?)";
  private static final String READ = "SELECT v FROM " + KS + ".kv WHERE k = ?";
  // bound values no span may show
  private static final int SECRET_KEY = 918_273_645;
  private static final String SECRET_VALUE = "s3cr3t-bound-value";
  private static final ExecutionProfileHandle RETRYING =
      ExecutionProfile.builder()
          .consistency(Consistency.QUORUM)
          .retryPolicy(DefaultRetryPolicy.INSTANCE)
          .requestTimeout(Duration.ofSeconds(5))
          .build()
          .intoHandle();
  private static final ExecutionProfileHandle SPECULATIVE =
      ExecutionProfile.builder()
          .consistency(Consistency.ONE)
          .requestTimeout(Duration.ofSeconds(5))
          .speculativeExecutionPolicy(
              new SimpleSpeculativeExecutionPolicy(1, Duration.ofMillis(100)))
          .build()
          .intoHandle();

  private static final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private static OpenTelemetrySdk sdk;
  private static CqlProxy proxy;
  private static List<String> contactPoints;

  @BeforeAll
  static void schema(TestCluster cluster) {
    proxy = cluster.proxy().orElseThrow();
    contactPoints = cluster.contactPoints();
    sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                    .build())
            .build();
    try (Session session = Session.builder().knownNodes(contactPoints).build()) {
      session.queryUnpaged(
          "CREATE KEYSPACE IF NOT EXISTS "
              + KS
              + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}");
      session.queryUnpaged("CREATE TABLE IF NOT EXISTS " + KS + ".kv (k int PRIMARY KEY, v text)");
      session.executeUnpaged(
          session.prepare(WRITE).copy().setConsistency(Consistency.ALL),
          Values.of(SECRET_KEY, SECRET_VALUE));
    }
  }

  @AfterAll
  static void closeSdk() {
    sdk.close();
  }

  @BeforeEach
  void clearSpans() {
    exporter.reset();
  }

  @Test
  void aRetriedWriteHasAFailedAndASuccessfulAttemptUnderTheCallersSpan() throws Exception {
    assertRetried(
        (session, write) -> CompletableFuture.completedFuture(call(session, write)), "sync");
  }

  @Test
  void aRetriedAsyncWriteHasAFailedAndASuccessfulAttemptUnderTheCallersSpan() throws Exception {
    assertRetried(
        (session, write) -> session.executeUnpagedAsync(write, Values.of(SECRET_KEY, SECRET_VALUE)),
        "async");
  }

  @Test
  void aSpeculatedReadHasACancelledAndAWinningAttemptUnderTheCallersSpan() throws Exception {
    assertSpeculated(
        (session, read) ->
            CompletableFuture.completedFuture(session.executeUnpaged(read, Values.of(SECRET_KEY))),
        "sync");
  }

  @Test
  void aSpeculatedAsyncReadHasACancelledAndAWinningAttemptUnderTheCallersSpan() throws Exception {
    assertSpeculated(
        (session, read) -> session.executeUnpagedAsync(read, Values.of(SECRET_KEY)), "async");
  }

  // ---- the scenarios ----

  private interface Call {
    CompletableFuture<QueryResult> run(Session session, PreparedStatement statement);
  }

  private static QueryResult call(Session session, PreparedStatement write) {
    return session.executeUnpaged(write, Values.of(SECRET_KEY, SECRET_VALUE));
  }

  /** The first EXECUTE gets a forged server error; the idempotent write moves to the next node. */
  private void assertRetried(Call call, String mode) throws Exception {
    try (Session session = tracedSession()) {
      PreparedStatement write =
          session.prepare(WRITE).setExecutionProfileHandle(RETRYING).setIdempotent(true);
      proxy
          .rules()
          .add(
              executes().times(1),
              Action.forgeError(new DbError.ServerError(), "forged server error"));

      Span caller = sdk.getTracer("app").spanBuilder("handle order " + mode).startSpan();
      CompletableFuture<QueryResult> future;
      try (Scope ignored = caller.makeCurrent()) {
        future = call.run(session, write);
      }
      QueryResult result = future.get(10, TimeUnit.SECONDS);
      caller.end();

      SpanData request = awaitRequestSpan(caller);
      assertRequestAttributes(request, "INSERT", WRITE, "quorum");
      assertThat(request.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
      assertThat(address(request)).isEqualTo(result.coordinator().address());
      List<SpanData> attempts = attempts(request);
      assertThat(attempts).hasSize(2);
      SpanData failed = attempts.get(0);
      assertThat(failed.getKind()).isEqualTo(SpanKind.CLIENT);
      assertThat(failed.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
      assertThat(failed.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("0x0");
      assertThat(failed.getEvents()).extracting(EventData::getName).containsExactly("exception");
      assertThat(longAttr(failed, "cql4j.execution")).isZero();
      assertThat(longAttr(failed, "cql4j.attempt")).isZero();
      SpanData retried = attempts.get(1);
      assertThat(retried.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
      assertThat(longAttr(retried, "cql4j.execution")).isZero();
      assertThat(longAttr(retried, "cql4j.attempt")).isEqualTo(1);
      assertThat(address(retried)).isEqualTo(result.coordinator().address());
      assertThat(address(failed)).isNotEqualTo(address(retried));
      assertThat(isProxied(address(failed))).isTrue();
      assertNoBoundValue();
    }
  }

  /** The first EXECUTE is held back for a second; a speculative execution answers after 100 ms. */
  private void assertSpeculated(Call call, String mode) throws Exception {
    try (Session session = tracedSession()) {
      PreparedStatement read =
          session.prepare(READ).setExecutionProfileHandle(SPECULATIVE).setIdempotent(true);
      proxy.rules().add(executes().times(1), Action.delay(Duration.ofSeconds(1)));

      Span caller = sdk.getTracer("app").spanBuilder("show order " + mode).startSpan();
      CompletableFuture<QueryResult> future;
      try (Scope ignored = caller.makeCurrent()) {
        future = call.run(session, read);
      }
      QueryResult result = future.get(10, TimeUnit.SECONDS);
      caller.end();

      assertThat(result.intoRowsResult().singleRow(String.class)).isEqualTo(SECRET_VALUE);
      SpanData request = awaitRequestSpan(caller);
      assertRequestAttributes(request, "SELECT", READ, "one");
      assertThat(longAttr(request, "db.cassandra.speculative_execution_count")).isEqualTo(1);
      List<SpanData> attempts = attempts(request);
      assertThat(attempts).hasSize(2);
      SpanData slow = attempts.get(0);
      assertThat(longAttr(slow, "cql4j.execution")).isZero();
      assertThat(slow.getAttributes().get(AttributeKey.booleanKey("cql4j.attempt.cancelled")))
          .isTrue();
      assertThat(slow.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
      SpanData fast = attempts.get(1);
      assertThat(longAttr(fast, "cql4j.execution")).isEqualTo(1);
      assertThat(fast.getAttributes().get(AttributeKey.booleanKey("cql4j.attempt.cancelled")))
          .isNull();
      assertThat(address(fast)).isEqualTo(result.coordinator().address());
      assertThat(address(slow)).isNotEqualTo(address(fast));
      assertThat(isProxied(address(slow))).isTrue();
      assertNoBoundValue();
    }
  }

  // ---- helpers ----

  private static Session tracedSession() {
    return Session.builder()
        .knownNodes(contactPoints)
        .requestListener(OpenTelemetryRequestListener.create(sdk))
        .build();
  }

  private static Condition executes() {
    return Condition.requestOpcode(Opcode.EXECUTE).and(Condition.table(KS, "kv"));
  }

  private static void assertRequestAttributes(
      SpanData request, String operation, String cql, String consistency) {
    assertThat(request.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(request.getName()).isEqualTo(operation + " " + KS + ".kv");
    assertThat(stringAttr(request, "db.system.name")).isEqualTo("cassandra");
    assertThat(stringAttr(request, "db.namespace")).isEqualTo(KS);
    assertThat(stringAttr(request, "db.collection.name")).isEqualTo("kv");
    assertThat(stringAttr(request, "db.operation.name")).isEqualTo(operation);
    assertThat(stringAttr(request, "db.query.text")).isEqualTo(cql);
    assertThat(stringAttr(request, "db.cassandra.consistency_level")).isEqualTo(consistency);
    for (SpanData attempt : attempts(request)) {
      assertThat(attempt.getName()).isEqualTo(request.getName());
      assertThat(attempt.getTraceId()).isEqualTo(request.getTraceId());
      assertThat(stringAttr(attempt, "db.system.name")).isEqualTo("cassandra");
      assertThat(stringAttr(attempt, "db.namespace")).isEqualTo(KS);
      assertThat(stringAttr(attempt, "db.operation.name")).isEqualTo(operation);
      assertThat(stringAttr(attempt, "db.cassandra.consistency_level")).isEqualTo(consistency);
    }
  }

  /** The request span whose parent is the caller's span, once it ended (async: on a loop). */
  private static SpanData awaitRequestSpan(Span caller) throws InterruptedException {
    String callerId = caller.getSpanContext().getSpanId();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (true) {
      List<SpanData> requests =
          exporter.getFinishedSpanItems().stream()
              .filter(s -> s.getParentSpanId().equals(callerId))
              .toList();
      if (!requests.isEmpty()) {
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).getTraceId()).isEqualTo(caller.getSpanContext().getTraceId());
        return requests.get(0);
      }
      assertThat(System.nanoTime()).as("the request span under " + caller).isLessThan(deadline);
      TimeUnit.MILLISECONDS.sleep(10);
    }
  }

  private static List<SpanData> attempts(SpanData request) {
    String requestId = request.getSpanContext().getSpanId();
    Function<SpanData, Long> execution = s -> longAttr(s, "cql4j.execution");
    return exporter.getFinishedSpanItems().stream()
        .filter(s -> s.getParentSpanId().equals(requestId))
        .sorted(Comparator.comparing(execution).thenComparing(s -> longAttr(s, "cql4j.attempt")))
        .toList();
  }

  /** Every attribute of every span and event: the CQL text, never what was bound to it. */
  private static void assertNoBoundValue() {
    for (SpanData span : exporter.getFinishedSpanItems()) {
      assertNoBoundValue(span.getName(), span.getAttributes());
      for (EventData event : span.getEvents()) {
        assertNoBoundValue(span.getName() + " " + event.getName(), event.getAttributes());
      }
    }
  }

  private static void assertNoBoundValue(String where, Attributes attributes) {
    attributes.forEach(
        (key, value) ->
            assertThat(String.valueOf(value))
                .as(where + " " + key)
                .doesNotContain(SECRET_VALUE)
                .doesNotContain(Integer.toString(SECRET_KEY)));
  }

  private static InetSocketAddress address(SpanData span) {
    return new InetSocketAddress(
        stringAttr(span, "server.address"), longAttr(span, "server.port").intValue());
  }

  private static boolean isProxied(InetSocketAddress address) {
    for (int n = 1; n <= 3; n++) {
      if (proxy.node(n).proxyAddress().equals(address)) {
        return true;
      }
    }
    return false;
  }

  private static String stringAttr(SpanData span, String key) {
    return span.getAttributes().get(AttributeKey.stringKey(key));
  }

  private static Long longAttr(SpanData span, String key) {
    return span.getAttributes().get(AttributeKey.longKey(key));
  }
}
