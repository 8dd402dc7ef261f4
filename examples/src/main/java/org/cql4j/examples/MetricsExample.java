package org.cql4j.examples;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.cql4j.micrometer.Cql4jMetrics;
import org.cql4j.protocol.value.Values;
import org.cql4j.session.Session;
import org.cql4j.session.observability.ErrorKind;
import org.cql4j.session.observability.LatencySnapshot;
import org.cql4j.session.observability.LatencyWindow;
import org.cql4j.session.observability.Metrics;
import org.cql4j.session.observability.NodeMetrics;
import org.cql4j.session.observability.QueryKind;
import org.cql4j.session.statement.PreparedStatement;

/**
 * Reads a session's metrics, session-wide and per node, and publishes them to Micrometer registries
 * with {@link Cql4jMetrics}: a simple one and Prometheus'.
 */
public final class MetricsExample {
  private MetricsExample() {}

  /**
   * What the example saw.
   *
   * @param report the figures it read, one line for the session and one per node
   * @param unpaged the unpaged requests, read from the simple registry
   * @param scrape the Prometheus registry's text
   */
  public record Outcome(List<String> report, double unpaged, String scrape) {}

  /**
   * Runs the example against {@code CQL_CONTACT_POINTS} or a node started for it.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    Examples.withSession(
        session -> {
          Outcome outcome = run(session);
          outcome.report().forEach(System.out::println);
          System.out.println(outcome.scrape());
        });
  }

  /**
   * Writes a hundred rows, then reads the session's figures and binds them to two registries.
   *
   * @param session an open session
   * @return what was seen
   */
  public static Outcome run(Session session) {
    Examples.createKeyspace(session);
    session.queryUnpaged(
        "CREATE TABLE IF NOT EXISTS examples.page_hits (page int PRIMARY KEY, hits int)");
    PreparedStatement write =
        session.prepare("INSERT INTO examples.page_hits (page, hits) VALUES (?, ?)");
    for (int page = 0; page < 100; page++) {
      session.executeUnpaged(write, Values.of(page, page * 10));
    }

    // tag::read[]
    Metrics metrics = session.getMetrics();
    List<String> report = new ArrayList<>();
    report.add(
        String.format(
            "session: %d requests (%d unpaged), %d errors, p99 %.2f ms, %.1f requests/s",
            metrics.queriesCount(),
            metrics.queriesCount(QueryKind.UNPAGED),
            metrics.errorsCount(),
            metrics.latencyPercentileMs(99.0),
            metrics.oneMinuteRate()));
    for (NodeMetrics node : metrics.nodes().values()) {
      report.add(
          String.format(
              "%s: %d attempts, %d read timeouts, %d connections, average %.2f ms",
              node.address(),
              node.queriesCount(),
              node.errorsCount(ErrorKind.READ_TIMEOUT),
              node.connectionsOpen(),
              node.latencyAverageMs()));
    }
    // end::read[]

    // tag::lifetime[]
    LatencySnapshot lifetime = metrics.latency(LatencyWindow.LIFETIME);
    report.add(
        String.format(
            "since the start: %d successes, average %.2f ms, max %.2f ms",
            lifetime.count(), lifetime.averageMs(), lifetime.maxMs()));
    // end::lifetime[]

    // tag::bind[]
    MeterRegistry registry = new SimpleMeterRegistry(); // or the application's registry
    new Cql4jMetrics(session).bindTo(registry);
    double unpaged =
        registry.get("cql4j.session.requests").tag("kind", "unpaged").functionCounter().count();
    // end::bind[]

    // tag::prometheus[]
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new Cql4jMetrics(session, Tags.of("application", "shop")).bindTo(prometheus);
    String scrape = prometheus.scrape(); // what an HTTP endpoint at /metrics would answer
    // end::prometheus[]
    return new Outcome(report, unpaged, scrape);
  }
}
