package org.cql4j.session.observability;

import java.util.Map;
import org.cql4j.session.Node;

/**
 * A session's metrics ({@code session.getMetrics()}, the Rust driver's {@code get_metrics()}): the
 * session-wide figures, and each node's. See {@link RequestMetrics} for what is counted and how.
 */
public interface Metrics extends RequestMetrics {

  /**
   * Requests started by the kind of call.
   *
   * @param kind unpaged, single page, iterated or prepare
   * @return the count; {@link #queriesCount()} is their sum
   */
  long queriesCount(QueryKind kind);

  /**
   * One node's figures.
   *
   * @param node a node of the session's cluster state
   * @return its figures, all zero for a node the session never sent to
   */
  NodeMetrics node(Node node);

  /** The figures of every node the session connected or sent to, by node address. */
  Map<String, NodeMetrics> nodes();
}
