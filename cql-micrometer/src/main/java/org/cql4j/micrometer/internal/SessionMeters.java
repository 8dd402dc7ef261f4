package org.cql4j.micrometer.internal;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.cql4j.session.observability.Metrics;
import org.cql4j.session.observability.NodeMetrics;
import org.cql4j.session.observability.QueryKind;

/**
 * The meters of one session in one registry, thread-safe (the registry may read the gauge from
 * several threads at once): the session's, and each node's, registered when the registry reads the
 * {@code cql4j.session.nodes} gauge and finds a node not bound yet.
 */
public final class SessionMeters {
  /** The prefix of the session-wide meters. */
  public static final String SESSION = "cql4j.session";

  /** The prefix of the per-node meters. */
  public static final String NODE = "cql4j.node";

  /** The tag that names a node, {@code host:port}. */
  public static final String NODE_TAG = "node";

  private final MeterRegistry registry;
  private final Metrics metrics;
  private final Tags tags;
  private final Map<String, NodeMetrics> bound = new ConcurrentHashMap<>();

  private SessionMeters(MeterRegistry registry, Metrics metrics, Tags tags) {
    this.registry = registry;
    this.metrics = metrics;
    this.tags = tags;
  }

  /**
   * Registers a session's meters and those of the nodes it has figures for.
   *
   * @param registry the registry
   * @param metrics the session's figures
   * @param tags added to every meter
   */
  public static void bind(MeterRegistry registry, Metrics metrics, Tags tags) {
    SessionMeters meters = new SessionMeters(registry, metrics, tags);
    for (QueryKind kind : QueryKind.values()) {
      FunctionCounter.builder(SESSION + ".requests", metrics, m -> m.queriesCount(kind))
          .tags(tags)
          .tag(RequestMeters.KIND_TAG, kind.name().toLowerCase(Locale.ROOT))
          .description("Requests started, by kind of call")
          .register(registry);
    }
    RequestMeters.register(registry, SESSION, metrics, tags, "Requests");
    meters.refreshNodes();
    // the registry holds the binding through this gauge, which it reads on every scrape
    Gauge.builder(SESSION + ".nodes", meters, SessionMeters::refreshNodes)
        .tags(tags)
        .description("Nodes the session has figures for, each with its cql4j.node meters")
        .strongReference(true)
        .register(registry);
  }

  /**
   * Registers the meters of the nodes seen since the last call: cheap when there are none (the
   * session never forgets a node, so equal counts mean nothing is new).
   *
   * @return how many nodes have meters
   */
  private double refreshNodes() {
    Map<String, NodeMetrics> nodes = metrics.nodes();
    if (nodes.size() != bound.size()) {
      for (NodeMetrics node : nodes.values()) {
        if (bound.putIfAbsent(node.address(), node) == null) {
          bindNode(node);
        }
      }
    }
    return bound.size();
  }

  private void bindNode(NodeMetrics node) {
    Tags nodeTags = tags.and(NODE_TAG, node.address());
    FunctionCounter.builder(NODE + ".requests", node, NodeMetrics::queriesCount)
        .tags(nodeTags)
        .description("Attempts sent to the node (a request's first attempt, retries, speculative)")
        .register(registry);
    RequestMeters.register(registry, NODE, node, nodeTags, "Attempts sent to the node");
  }
}
