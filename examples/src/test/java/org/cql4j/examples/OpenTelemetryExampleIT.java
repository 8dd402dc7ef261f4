package org.cql4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.TestCluster;
import org.junit.jupiter.api.Test;

@CassandraTest
class OpenTelemetryExampleIT {

  @Test
  void theRequestsAreSpansUnderTheApplicationsSpan(TestCluster cassandra) throws Exception {
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    try (OpenTelemetrySdk sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                    .build())
            .build()) {
      OpenTelemetryExample.Outcome outcome =
          OpenTelemetryExample.run(cassandra.contactPoints(), sdk);

      assertThat(outcome.total()).isEqualTo(42);
      SpanData checkout = await(exporter, "checkout", "0000000000000000");
      assertThat(checkout.getTraceId()).isEqualTo(outcome.traceId());
      // a request's spans and its attempts' share a name: the request's parent is "checkout"
      SpanData write = await(exporter, "INSERT examples.order_totals", checkout.getSpanId());
      SpanData read = await(exporter, "SELECT examples.order_totals", checkout.getSpanId());
      for (SpanData request : List.of(write, read)) {
        assertThat(request.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(request.getAttributes().get(AttributeKey.stringKey("db.system.name")))
            .isEqualTo("cassandra");
        assertThat(request.getAttributes().get(AttributeKey.stringKey("db.namespace")))
            .isEqualTo("examples");
        List<SpanData> attempts =
            exporter.getFinishedSpanItems().stream()
                .filter(s -> s.getParentSpanId().equals(request.getSpanId()))
                .toList();
        assertThat(attempts)
            .singleElement()
            .satisfies(
                a ->
                    assertThat(
                            a.getAttributes().get(AttributeKey.stringKey("server.address"))
                                + ":"
                                + a.getAttributes().get(AttributeKey.longKey("server.port")))
                        .isEqualTo(cassandra.firstContactPoint()));
      }
    }
  }

  // the span of that name and parent, once it ended (the asynchronous read's on an event loop)
  private static SpanData await(InMemorySpanExporter exporter, String name, String parentId)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (true) {
      for (SpanData span : exporter.getFinishedSpanItems()) {
        if (span.getName().equals(name) && span.getParentSpanId().equals(parentId)) {
          return span;
        }
      }
      assertThat(System.nanoTime()).as("span " + name).isLessThan(deadline);
      TimeUnit.MILLISECONDS.sleep(10);
    }
  }
}
