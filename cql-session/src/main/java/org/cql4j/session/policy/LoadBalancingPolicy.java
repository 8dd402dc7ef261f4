package org.cql4j.session.policy;

import java.util.Iterator;
import org.cql4j.session.ClusterState;
import org.cql4j.session.Node;

/**
 * Decides which nodes a request is sent to, and in which order; implementations must be
 * thread-safe, as one instance serves every request of every session using its profile.
 *
 * <p>The session builds a lazy query plan per request: first {@link #pick}, the node the request
 * goes to in the common case, then, only if that node fails or is unusable and the retry policy
 * asks for another node, the nodes of {@link #fallback} (skipping the picked one). Splitting the
 * two keeps the happy path free of allocation: {@code pick} returns one node, {@code fallback} is
 * not even called.
 *
 * <p>The shard of a ScyllaDB node is chosen by the connection pool from {@link
 * RoutingInfo#token()}.
 */
public interface LoadBalancingPolicy {

  /**
   * Returns the node to try first, or {@code null} to go straight to the fallback plan.
   * Thread-safe.
   *
   * @param request what is known about the request
   * @param cluster the current topology snapshot
   * @return the first node, or null
   */
  Node pick(RoutingInfo request, ClusterState cluster);

  /**
   * Returns the remaining nodes to try, in order, computed lazily as the iterator advances; it may
   * include the node returned by {@link #pick}, which the session skips. Thread-safe.
   *
   * @param request what is known about the request
   * @param cluster the current topology snapshot
   * @return the fallback plan
   */
  Iterator<Node> fallback(RoutingInfo request, ClusterState cluster);

  /**
   * Called when a request succeeded on a node, for latency-aware policies. Thread-safe; must not
   * block. Default: does nothing. (The latency is in nanoseconds, not a {@code Duration}: this runs
   * for every request, and a {@code Duration} would be an allocation each time.)
   *
   * @param request the request
   * @param latencyNanos how long the request took, in nanoseconds
   * @param node the node that answered
   */
  default void onRequestSuccess(RoutingInfo request, long latencyNanos, Node node) {}

  /**
   * Called when a request attempt failed on a node. Thread-safe; must not block. Default: does
   * nothing.
   *
   * @param request the request
   * @param latencyNanos how long the attempt took, in nanoseconds
   * @param node the node that failed
   * @param error what it failed with
   */
  default void onRequestFailure(
      RoutingInfo request, long latencyNanos, Node node, Throwable error) {}

  /** A short name for logs and {@code toString}. Default: the simple class name. */
  default String name() {
    return getClass().getSimpleName();
  }
}
