package org.cql4j.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;
import org.cql4j.micrometer.internal.SessionMeters;
import org.cql4j.session.Session;
import org.cql4j.session.observability.Metrics;

/**
 * A thread-safe Micrometer binder that publishes a session's metrics ({@link Session#getMetrics()})
 * to a registry: {@code new Cql4jMetrics(session).bindTo(registry)}. Bind it to as many registries
 * as you like.
 *
 * <p>The meters read the driver's figures when the registry asks for them (function counters,
 * gauges and a function timer): binding adds no work to requests, and the registry always shows
 * exactly what {@code session.getMetrics()} would. Session-wide meters are named {@code
 * cql4j.session.*}; each node's are named {@code cql4j.node.*} and tagged {@code node} with the
 * node's {@code host:port} ({@link org.cql4j.session.observability.NodeMetrics#address()}):
 *
 * <ul>
 *   <li>{@code cql4j.session.requests} (function counter, tag {@code kind}: {@code unpaged}, {@code
 *       single_page}, {@code iterated}, {@code prepare}): requests started; {@code
 *       cql4j.node.requests}: attempts sent to the node.
 *   <li>{@code .errors} (function counter, tag {@code kind}: the {@link
 *       org.cql4j.session.observability.ErrorKind} in lower case, e.g. {@code read_timeout}),
 *       {@code .retries}, {@code .speculative.executions}, {@code .request.timeouts}.
 *   <li>{@code .requests.in.flight} (gauge).
 *   <li>{@code .latency} (function timer): the count and total time of every successful request
 *       since the session started; {@code .latency.recent} (time gauge, tag {@code quantile}:
 *       {@code 0.5}, {@code 0.75}, {@code 0.95}, {@code 0.98}, {@code 0.99}, {@code 0.999}): the
 *       percentiles of the last one to two minutes.
 *   <li>{@code .requests.rate} (gauge, tag {@code window}: {@code mean}, {@code 1m}, {@code 5m},
 *       {@code 15m}): requests per second.
 *   <li>{@code .connections.open} (gauge), {@code .connections.opened}, {@code
 *       .connections.closed}, {@code .connection.timeouts}, {@code .network.sent} and {@code
 *       .network.received} (bytes) (function counters).
 *   <li>{@code cql4j.session.nodes} (gauge): the nodes that have {@code cql4j.node.*} meters.
 * </ul>
 *
 * <p><b>Nodes that come later.</b> The session opens pools to nodes after {@code bindTo} too (nodes
 * that join, or that come up). {@code bindTo} registers the meters of the nodes known then; after
 * that, each read of the {@code cql4j.session.nodes} gauge (every scrape or publication of the
 * registry) compares the session's node count with the nodes already bound, a cheap check, and
 * registers the meters of any new node. A new node's meters therefore appear at the latest in the
 * registry's next scrape after the session first connects to it (a {@code MeterFilter} that denies
 * {@code cql4j.session.nodes} turns this off: only the nodes known at {@code bindTo} get meters).
 * Nodes that leave keep their meters, frozen at their last figures, as the session keeps their
 * figures.
 *
 * <p><b>Several sessions.</b> Give each session's binding a tag of its own, e.g. {@code new
 * Cql4jMetrics(session, Tags.of("session", "orders"))}: without one, the second session's meters
 * have the same names and tags as the first's, and a registry keeps only the first.
 *
 * <p>The registry keeps the session's figures reachable (not the session): after the session
 * closes, its meters show their final values until they are removed from the registry.
 */
public final class Cql4jMetrics implements MeterBinder {
  private final Metrics metrics;
  private final Tags tags;

  /**
   * A binding of a session's metrics, without extra tags.
   *
   * @param session the session
   */
  public Cql4jMetrics(Session session) {
    this(session, Tags.empty());
  }

  /**
   * A binding of a session's metrics that adds tags to every meter, e.g. the application's name for
   * the session.
   *
   * @param session the session
   * @param tags added to every meter; none named {@code node}, {@code kind}, {@code quantile} or
   *     {@code window}, which the meters set themselves
   */
  public Cql4jMetrics(Session session, Iterable<Tag> tags) {
    this(Objects.requireNonNull(session, "session").getMetrics(), tags);
  }

  // for tests: a session's figures without a session
  Cql4jMetrics(Metrics metrics, Iterable<Tag> tags) {
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.tags = Tags.of(Objects.requireNonNull(tags, "tags"));
  }

  /**
   * Registers the session's meters, and those of the nodes it has figures for, in a registry; the
   * meters of nodes seen later are registered as the registry reads the {@code cql4j.session.nodes}
   * gauge (see the class documentation). Binding twice to one registry registers nothing new.
   *
   * @param registry the registry
   */
  @Override
  public void bindTo(MeterRegistry registry) {
    SessionMeters.bind(registry, metrics, tags);
  }
}
