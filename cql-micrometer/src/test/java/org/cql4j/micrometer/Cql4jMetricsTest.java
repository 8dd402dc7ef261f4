package org.cql4j.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cql4j.micrometer.MeterAssertions.assertNodeMeters;
import static org.cql4j.micrometer.MeterAssertions.assertSessionMeters;
import static org.cql4j.micrometer.MeterAssertions.gauge;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import org.cql4j.micrometer.FakeMetrics.FakeNode;
import org.cql4j.session.observability.ErrorKind;
import org.cql4j.session.observability.QueryKind;
import org.junit.jupiter.api.Test;

class Cql4jMetricsTest {
  private final FakeMetrics metrics = new FakeMetrics();
  private final MeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void metersReadTheSessionsFiguresWhenAsked() {
    new Cql4jMetrics(metrics, Tags.empty()).bindTo(registry);
    assertSessionMeters(registry, metrics, Tags.empty());

    metrics.byKind.put(QueryKind.UNPAGED, 10L);
    metrics.byKind.put(QueryKind.PREPARE, 2L);
    metrics.errors.put(ErrorKind.READ_TIMEOUT, 3L);
    metrics.errors.put(ErrorKind.CLIENT_TIMEOUT, 1L);
    metrics.retries = 4;
    metrics.speculative = 5;
    metrics.timeouts = 1;
    metrics.inFlight = 6;
    metrics.open = 7;
    metrics.opened = 9;
    metrics.closed = 2;
    metrics.connectTimeouts = 1;
    metrics.sent = 1_000;
    metrics.received = 2_000;
    metrics.recent = List.of(1.0, 2.0, 3.0, 4.0, 50.0);
    metrics.lifetime = List.of(1.0, 2.0, 3.0, 4.0, 50.0, 0.5, 0.25);
    metrics.mean = 1.5;
    metrics.one = 2.5;
    metrics.five = 3.5;
    metrics.fifteen = 4.5;

    assertSessionMeters(registry, metrics, Tags.empty());
    assertThat(registry.get("cql4j.session.latency").functionTimer().count()).isEqualTo(7);
    assertThat(
            registry
                .get("cql4j.session.latency.recent")
                .tag("quantile", "0.999")
                .timeGauge()
                .value())
        .as("in the registry's base unit, seconds")
        .isEqualTo(0.05);
    assertThat(gauge(registry, "cql4j.session.requests.rate", Tags.of("window", "mean")))
        .isEqualTo(1.5);
    assertThat(gauge(registry, "cql4j.session.requests.rate", Tags.of("window", "1m")))
        .isEqualTo(2.5);
    assertThat(gauge(registry, "cql4j.session.requests.rate", Tags.of("window", "5m")))
        .isEqualTo(3.5);
    assertThat(gauge(registry, "cql4j.session.requests.rate", Tags.of("window", "15m")))
        .isEqualTo(4.5);
  }

  @Test
  void everyMeterIsNamedCql4jAndCarriesTheExtraTags() {
    metrics.addNode("10.0.0.1:9042");
    new Cql4jMetrics(metrics, Tags.of("app", "shop")).bindTo(registry);

    assertThat(registry.getMeters()).hasSizeGreaterThan(40);
    for (Meter meter : registry.getMeters()) {
      assertThat(meter.getId().getName()).startsWith("cql4j.");
      assertThat(meter.getId().getTag("app")).isEqualTo("shop");
      assertThat(meter.getId().getDescription()).isNotBlank();
      if (meter.getId().getName().startsWith("cql4j.node.")) {
        assertThat(meter.getId().getTag("node")).isEqualTo("10.0.0.1:9042");
      } else {
        assertThat(meter.getId().getTag("node")).isNull();
      }
    }
  }

  @Test
  void nodesSeenAfterBindingGetTheirMetersOnTheNextRead() {
    FakeNode first = metrics.addNode("10.0.0.1:9042");
    first.queries = 3;
    first.errors.put(ErrorKind.OVERLOADED, 1L);
    new Cql4jMetrics(metrics, Tags.empty()).bindTo(registry);
    assertNodeMeters(registry, first, Tags.empty());
    assertThat(registry.find("cql4j.node.requests").meters()).hasSize(1);

    FakeNode second = metrics.addNode("10.0.0.2:9042");
    second.queries = 8;
    second.retries = 2;
    second.lifetime = List.of(3.0, 4.0);
    second.recent = List.of(3.0);
    assertThat(registry.find("cql4j.node.requests").meters())
        .as("not registered until the registry reads the gauge")
        .hasSize(1);

    assertThat(gauge(registry, "cql4j.session.nodes", Tags.empty())).isEqualTo(2);
    assertThat(registry.find("cql4j.node.requests").meters()).hasSize(2);
    assertNodeMeters(registry, first, Tags.empty());
    assertNodeMeters(registry, second, Tags.empty());
    assertThat(gauge(registry, "cql4j.session.nodes", Tags.empty())).isEqualTo(2);
  }

  @Test
  void aPrometheusScrapeRegistersTheNodesSeenSinceTheLastOne() {
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new Cql4jMetrics(metrics, Tags.empty()).bindTo(prometheus);
    assertThat(prometheus.scrape()).contains("cql4j_session_nodes 0.0").doesNotContain("node=");

    FakeNode node = metrics.addNode("10.0.0.3:9042");
    node.queries = 5;
    prometheus.scrape(); // reads the gauge, which registers the node's meters

    assertThat(prometheus.scrape())
        .contains("cql4j_session_nodes 1.0")
        .contains("cql4j_node_requests_total{node=\"10.0.0.3:9042\"} 5.0");
  }

  @Test
  void bindingTwiceRegistersNothingNew() {
    metrics.addNode("10.0.0.1:9042");
    Cql4jMetrics binder = new Cql4jMetrics(metrics, Tags.empty());
    binder.bindTo(registry);
    int meters = registry.getMeters().size();

    binder.bindTo(registry);
    new Cql4jMetrics(metrics, Tags.empty()).bindTo(registry);

    assertThat(registry.getMeters()).hasSize(meters);
  }

  @Test
  void prometheusShowsTheSeriesWithTheirTags() {
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    FakeNode node = metrics.addNode("127.0.0.1:9042");
    metrics.byKind.put(QueryKind.UNPAGED, 12L);
    metrics.errors.put(ErrorKind.READ_TIMEOUT, 3L);
    metrics.lifetime = List.of(2.0, 4.0);
    metrics.recent = List.of(2.0, 4.0);
    node.queries = 13;
    node.sent = 4096;
    new Cql4jMetrics(metrics, Tags.of("app", "shop")).bindTo(prometheus);

    String scrape = prometheus.scrape();

    assertThat(scrape)
        .contains("cql4j_session_requests_total{app=\"shop\",kind=\"unpaged\"} 12.0")
        .contains("cql4j_session_errors_total{app=\"shop\",kind=\"read_timeout\"} 3.0")
        .contains("cql4j_session_latency_seconds_count{app=\"shop\"} 2")
        .contains("cql4j_session_latency_seconds_sum{app=\"shop\"} 0.006")
        .contains("cql4j_session_latency_recent_seconds{app=\"shop\",quantile=\"0.5\"} 0.002")
        .contains("cql4j_session_requests_rate{app=\"shop\",window=\"1m\"}")
        .contains("cql4j_node_requests_total{app=\"shop\",node=\"127.0.0.1:9042\"} 13.0")
        .contains(
            "cql4j_node_network_sent_bytes_total{app=\"shop\",node=\"127.0.0.1:9042\"} 4096.0")
        .contains("cql4j_session_nodes{app=\"shop\"} 1.0");
  }
}
