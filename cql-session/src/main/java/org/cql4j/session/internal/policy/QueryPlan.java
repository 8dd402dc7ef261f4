package org.cql4j.session.internal.policy;

import java.util.Iterator;
import java.util.NoSuchElementException;
import org.cql4j.session.ClusterState;
import org.cql4j.session.Node;
import org.cql4j.session.policy.LoadBalancingPolicy;
import org.cql4j.session.policy.RoutingInfo;

/**
 * The lazy query plan of one request: the policy's picked node, then its fallback nodes without the
 * picked one. Confined to the request's thread of control.
 *
 * <p>{@code pick} runs on the first {@link #hasNext()}; {@code fallback} only when the plan goes
 * past the picked node, so a request that succeeds on its first node never computes a fallback.
 */
public final class QueryPlan implements Iterator<Node> {
  private final LoadBalancingPolicy policy;
  private final RoutingInfo request;
  private final ClusterState cluster;
  private boolean picked;
  private Node pickedNode;
  private Iterator<Node> fallback;
  private Node next;

  /**
   * Creates a plan; nothing is computed until iteration starts.
   *
   * @param policy the load-balancing policy
   * @param request the routing information
   * @param cluster the topology snapshot
   */
  public QueryPlan(LoadBalancingPolicy policy, RoutingInfo request, ClusterState cluster) {
    this.policy = policy;
    this.request = request;
    this.cluster = cluster;
  }

  /**
   * The rest of a plan whose picked node the caller already tried: the fallback nodes without it.
   * The request path picks the first node itself and builds this only when that node fails.
   *
   * @param policy the load-balancing policy
   * @param request the routing information
   * @param cluster the topology snapshot the node was picked from
   * @param pickedNode what {@code policy.pick} returned, or null
   * @return the plan after the picked node
   */
  public static QueryPlan after(
      LoadBalancingPolicy policy, RoutingInfo request, ClusterState cluster, Node pickedNode) {
    QueryPlan plan = new QueryPlan(policy, request, cluster);
    plan.picked = true;
    plan.pickedNode = pickedNode;
    return plan;
  }

  @Override
  public boolean hasNext() {
    if (next != null) {
      return true;
    }
    if (!picked) {
      picked = true;
      pickedNode = policy.pick(request, cluster);
      if (pickedNode != null) {
        next = pickedNode;
        return true;
      }
    }
    if (fallback == null) {
      fallback = policy.fallback(request, cluster);
    }
    while (fallback.hasNext()) {
      Node node = fallback.next();
      if (node != pickedNode) {
        next = node;
        return true;
      }
    }
    return false;
  }

  @Override
  public Node next() {
    if (!hasNext()) {
      throw new NoSuchElementException("the query plan is exhausted");
    }
    Node node = next;
    next = null;
    return node;
  }
}
