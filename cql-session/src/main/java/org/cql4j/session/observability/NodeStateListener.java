package org.cql4j.session.observability;

import org.cql4j.session.Node;

/**
 * Told when the session's nodes come, go, go down and come back up (the Java driver's {@code
 * NodeStateListener}); registered with {@code SessionBuilder.nodeStateListener}. Every method
 * defaults to doing nothing.
 *
 * <p>Calls come one at a time, in the order the changes happened, on a thread of the session's own
 * (never an event loop, never a thread that holds a driver lock), after the {@code ClusterState}
 * that shows the change is published: a listener may read {@code session.getClusterState()} and may
 * block briefly, though a slow one delays the calls after it. Implementations need not be
 * thread-safe towards themselves. A listener that throws is logged once and keeps being called; the
 * session is not affected.
 *
 * <p>The nodes the session finds when it starts are reported as added, then up as their pools
 * connect, possibly before {@code build()} returns.
 */
public interface NodeStateListener {

  /**
   * A node joined the session's view of the cluster (a new {@code system.peers} row, or one of the
   * nodes found at start). It is down until its pool connects, which {@link #onUp} reports.
   *
   * @param node the node, as in the current {@code ClusterState}
   */
  default void onAdd(Node node) {}

  /**
   * A node left the cluster (its {@code system.peers} row is gone).
   *
   * @param node the node, as in the previous {@code ClusterState}
   */
  default void onRemove(Node node) {}

  /**
   * A node is up: the session has an open connection to it again and routes requests to it.
   *
   * @param node the node; {@link Node#isUp()} was true when the change happened
   */
  default void onUp(Node node) {}

  /**
   * A node is down: its pool lost its last connection, or a heartbeat went unanswered; the session
   * routes no requests to it and reconnects as the reconnection policy says.
   *
   * @param node the node; {@link Node#isUp()} was false when the change happened
   */
  default void onDown(Node node) {}
}
