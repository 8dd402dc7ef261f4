package org.cql4j.micrometer.internal;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.BaseUnits;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.cql4j.session.observability.ErrorKind;
import org.cql4j.session.observability.LatencySnapshot;
import org.cql4j.session.observability.LatencyWindow;
import org.cql4j.session.observability.RequestMetrics;

/**
 * Registers, statelessly and so thread-safely, the meters of the figures a session and its nodes
 * share ({@link RequestMetrics}) under a prefix.
 */
final class RequestMeters {
  /** The tag of the kind of call or of error. */
  static final String KIND_TAG = "kind";

  /** The tag of a latency percentile, as a fraction: 0.99 for the 99th. */
  static final String QUANTILE_TAG = "quantile";

  /** The tag of a rate's window. */
  static final String WINDOW_TAG = "window";

  /** The percentiles published of the recent window, as Micrometer writes them: 0.99. */
  static final double[] QUANTILES = {0.5, 0.75, 0.95, 0.98, 0.99, 0.999};

  private RequestMeters() {}

  /**
   * Registers the shared meters of a session or a node.
   *
   * @param registry the registry
   * @param prefix {@code cql4j.session} or {@code cql4j.node}
   * @param figures the figures the meters read
   * @param tags the meters' tags
   * @param what what the figures count, for the descriptions: requests or attempts
   */
  static void register(
      MeterRegistry registry, String prefix, RequestMetrics figures, Tags tags, String what) {
    for (ErrorKind kind : ErrorKind.values()) {
      FunctionCounter.builder(prefix + ".errors", figures, f -> f.errorsCount(kind))
          .tags(tags)
          .tag(KIND_TAG, kind.name().toLowerCase(Locale.ROOT))
          .description(what + " that failed, by kind of error")
          .register(registry);
    }
    counter(
        registry,
        prefix + ".retries",
        figures,
        RequestMetrics::retriesCount,
        tags,
        "Retries decided by the retry policy");
    counter(
        registry,
        prefix + ".speculative.executions",
        figures,
        RequestMetrics::speculativeExecutionsCount,
        tags,
        "Speculative executions started");
    counter(
        registry,
        prefix + ".request.timeouts",
        figures,
        RequestMetrics::requestTimeoutsCount,
        tags,
        what + " that ran out of their request timeout");
    Gauge.builder(prefix + ".requests.in.flight", figures, RequestMetrics::requestsInFlight)
        .tags(tags)
        .description(what + " sent and not answered yet")
        .register(registry);
    registerLatency(registry, prefix, figures, tags, what);
    registerRates(registry, prefix, figures, tags, what);
    registerConnections(registry, prefix, figures, tags);
  }

  private static void registerLatency(
      MeterRegistry registry, String prefix, RequestMetrics figures, Tags tags, String what) {
    // count and total of the lifetime histogram: rate(sum) / rate(count) is the average over any
    // range; the total is count x mean, as exact as HdrHistogram's two significant digits
    FunctionTimer.builder(
            prefix + ".latency",
            figures,
            f -> f.latency(LatencyWindow.LIFETIME).count(),
            RequestMeters::lifetimeTotalMs,
            TimeUnit.MILLISECONDS)
        .tags(tags)
        .description("Latency of the successful " + what.toLowerCase(Locale.ROOT))
        .register(registry);
    for (double quantile : QUANTILES) {
      double percentile = quantile * 100;
      TimeGauge.builder(
              prefix + ".latency.recent",
              figures,
              TimeUnit.MILLISECONDS,
              f -> f.latencyPercentileMs(percentile))
          .tags(tags)
          .tag(QUANTILE_TAG, Double.toString(quantile))
          .description(
              "Latency percentiles over the last one to two minutes: successful "
                  + what.toLowerCase(Locale.ROOT))
          .register(registry);
    }
  }

  private static double lifetimeTotalMs(RequestMetrics figures) {
    LatencySnapshot lifetime = figures.latency(LatencyWindow.LIFETIME);
    return lifetime.count() * lifetime.averageMs();
  }

  private static void registerRates(
      MeterRegistry registry, String prefix, RequestMetrics figures, Tags tags, String what) {
    rate(registry, prefix, figures, tags, what, "mean", RequestMetrics::meanRate);
    rate(registry, prefix, figures, tags, what, "1m", RequestMetrics::oneMinuteRate);
    rate(registry, prefix, figures, tags, what, "5m", RequestMetrics::fiveMinuteRate);
    rate(registry, prefix, figures, tags, what, "15m", RequestMetrics::fifteenMinuteRate);
  }

  private static void rate(
      MeterRegistry registry,
      String prefix,
      RequestMetrics figures,
      Tags tags,
      String what,
      String window,
      ToDoubleFunction<RequestMetrics> rate) {
    Gauge.builder(prefix + ".requests.rate", figures, rate)
        .tags(tags)
        .tag(WINDOW_TAG, window)
        .description(
            what
                + " per second: the mean since the session started, or a moving average over"
                + " 1, 5 or 15 minutes")
        .register(registry);
  }

  private static void registerConnections(
      MeterRegistry registry, String prefix, RequestMetrics figures, Tags tags) {
    Gauge.builder(prefix + ".connections.open", figures, RequestMetrics::connectionsOpen)
        .tags(tags)
        .description("Open pool connections (not the control connection)")
        .register(registry);
    counter(
        registry,
        prefix + ".connections.opened",
        figures,
        RequestMetrics::connectionsOpened,
        tags,
        "Pool connections opened");
    counter(
        registry,
        prefix + ".connections.closed",
        figures,
        RequestMetrics::connectionsClosed,
        tags,
        "Pool connections closed");
    counter(
        registry,
        prefix + ".connection.timeouts",
        figures,
        RequestMetrics::connectionTimeoutsCount,
        tags,
        "Pool connections that ran out of the connect timeout");
    bytes(
        registry,
        prefix + ".network.sent",
        figures,
        RequestMetrics::bytesSent,
        tags,
        "Bytes of CQL frames written to pool connections");
    bytes(
        registry,
        prefix + ".network.received",
        figures,
        RequestMetrics::bytesReceived,
        tags,
        "Bytes of CQL frames read from pool connections");
  }

  private static void counter(
      MeterRegistry registry,
      String name,
      RequestMetrics figures,
      ToDoubleFunction<RequestMetrics> count,
      Tags tags,
      String description) {
    FunctionCounter.builder(name, figures, count)
        .tags(tags)
        .description(description)
        .register(registry);
  }

  private static void bytes(
      MeterRegistry registry,
      String name,
      RequestMetrics figures,
      ToDoubleFunction<RequestMetrics> count,
      Tags tags,
      String description) {
    FunctionCounter.builder(name, figures, count)
        .tags(tags)
        .description(description)
        .baseUnit(BaseUnits.BYTES)
        .register(registry);
  }
}
