package org.cql4j.session.observability;

/**
 * One node's metrics, from {@link Metrics#node}: the attempts the session sent to that node and its
 * pool's connections.
 */
public interface NodeMetrics extends RequestMetrics {

  /** The node's address, as {@code host:port}: the {@code node} tag of the Micrometer meters. */
  String address();
}
