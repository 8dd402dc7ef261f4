package org.cql4j.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.cql4j.session.observability.ErrorKind;
import org.cql4j.session.observability.LatencySnapshot;
import org.cql4j.session.observability.LatencyWindow;
import org.cql4j.session.observability.Metrics;
import org.cql4j.session.observability.NodeMetrics;
import org.cql4j.session.observability.QueryKind;
import org.cql4j.session.observability.RequestMetrics;

/** Checks that a registry's meters show exactly the driver's figures. */
final class MeterAssertions {
  static final double[] QUANTILES = {0.5, 0.75, 0.95, 0.98, 0.99, 0.999};

  private MeterAssertions() {}

  /** The session's meters against its figures; rates are not compared (they move with time). */
  static void assertSessionMeters(MeterRegistry registry, Metrics expected, Tags tags) {
    for (QueryKind kind : QueryKind.values()) {
      assertThat(count(registry, "cql4j.session.requests", tags.and("kind", lower(kind))))
          .as("requests of kind %s", kind)
          .isEqualTo(expected.queriesCount(kind));
    }
    assertShared(registry, "cql4j.session", expected, tags);
  }

  /** A node's meters against its figures. */
  static void assertNodeMeters(MeterRegistry registry, NodeMetrics expected, Tags tags) {
    Tags nodeTags = tags.and("node", expected.address());
    assertThat(count(registry, "cql4j.node.requests", nodeTags))
        .as("attempts of %s", expected.address())
        .isEqualTo(expected.queriesCount());
    assertShared(registry, "cql4j.node", expected, nodeTags);
  }

  private static void assertShared(
      MeterRegistry registry, String prefix, RequestMetrics expected, Tags tags) {
    for (ErrorKind kind : ErrorKind.values()) {
      assertThat(count(registry, prefix + ".errors", tags.and("kind", lower(kind))))
          .as("%s errors of kind %s", prefix, kind)
          .isEqualTo(expected.errorsCount(kind));
    }
    assertThat(count(registry, prefix + ".retries", tags)).isEqualTo(expected.retriesCount());
    assertThat(count(registry, prefix + ".speculative.executions", tags))
        .isEqualTo(expected.speculativeExecutionsCount());
    assertThat(count(registry, prefix + ".request.timeouts", tags))
        .isEqualTo(expected.requestTimeoutsCount());
    assertThat(gauge(registry, prefix + ".requests.in.flight", tags))
        .isEqualTo(expected.requestsInFlight());
    assertThat(gauge(registry, prefix + ".connections.open", tags))
        .isEqualTo(expected.connectionsOpen());
    assertThat(count(registry, prefix + ".connections.opened", tags))
        .isEqualTo(expected.connectionsOpened());
    assertThat(count(registry, prefix + ".connections.closed", tags))
        .isEqualTo(expected.connectionsClosed());
    assertThat(count(registry, prefix + ".connection.timeouts", tags))
        .isEqualTo(expected.connectionTimeoutsCount());
    assertThat(count(registry, prefix + ".network.sent", tags)).isEqualTo(expected.bytesSent());
    assertThat(count(registry, prefix + ".network.received", tags))
        .isEqualTo(expected.bytesReceived());

    LatencySnapshot lifetime = expected.latency(LatencyWindow.LIFETIME);
    FunctionTimer timer = registry.get(prefix + ".latency").tags(tags).functionTimer();
    assertThat(timer.count()).as("%s latency count", prefix).isEqualTo(lifetime.count());
    assertThat(timer.totalTime(TimeUnit.MILLISECONDS))
        .as("%s latency total", prefix)
        .isCloseTo(lifetime.count() * lifetime.averageMs(), within(1e-6));
    assertThat(timer.mean(TimeUnit.MILLISECONDS))
        .isCloseTo(lifetime.averageMs(), within(1e-6 + lifetime.averageMs() * 1e-9));
    for (double quantile : QUANTILES) {
      double ms =
          registry
              .get(prefix + ".latency.recent")
              .tags(tags.and("quantile", Double.toString(quantile)))
              .timeGauge()
              .value(TimeUnit.MILLISECONDS);
      // a time gauge converts through its base unit: the same value, up to a rounding of the double
      assertThat(ms)
          .as("%s latency quantile %s", prefix, quantile)
          .isCloseTo(expected.latencyPercentileMs(quantile * 100), within(1e-6));
    }
  }

  static double count(MeterRegistry registry, String name, Tags tags) {
    return registry.get(name).tags(tags).functionCounter().count();
  }

  static double gauge(MeterRegistry registry, String name, Tags tags) {
    return registry.get(name).tags(tags).gauge().value();
  }

  static String lower(Enum<?> kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }
}
