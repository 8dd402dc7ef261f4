package org.cql4j.session.policy;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;
import org.cql4j.session.ClusterState;
import org.cql4j.session.Node;

/**
 * The shipped load-balancing policy: round-robin over live nodes, restricted to or preferring a
 * datacenter when one is configured. Thread-safe: the only state is an atomic round-robin counter.
 *
 * <ul>
 *   <li>No preferred datacenter (the default): every live node of the cluster, in turn.
 *   <li>With {@link Builder#preferDatacenter(String)}: the live nodes of that datacenter, in turn;
 *       the other datacenters' nodes follow in the fallback plan only with {@link
 *       Builder#permitDcFailover(boolean) permitDcFailover(true)} (as in the Rust driver, off by
 *       default, because a remote datacenter breaks {@code LOCAL_*} consistency expectations).
 * </ul>
 *
 * <p>Token and shard awareness will use {@link RoutingInfo#token()} to put replicas first; today
 * the token is ignored.
 */
public final class DefaultLoadBalancingPolicy implements LoadBalancingPolicy {
  private final String preferredDatacenter;
  private final boolean permitDcFailover;
  private final AtomicInteger counter = new AtomicInteger();

  private DefaultLoadBalancingPolicy(Builder builder) {
    this.preferredDatacenter = builder.preferredDatacenter;
    this.permitDcFailover = builder.permitDcFailover;
  }

  /** Returns a builder with the defaults: no preferred datacenter. Thread-safe. */
  public static Builder builder() {
    return new Builder();
  }

  /** The preferred datacenter, or {@code null}. Thread-safe. */
  public String preferredDatacenter() {
    return preferredDatacenter;
  }

  @Override
  public Node pick(RoutingInfo request, ClusterState cluster) {
    int start = counter.getAndIncrement();
    Node node = firstUp(local(cluster), start);
    if (node == null && preferredDatacenter != null && permitDcFailover) {
      node = firstUp(cluster.nodes(), start);
    }
    return node;
  }

  @Override
  public Iterator<Node> fallback(RoutingInfo request, ClusterState cluster) {
    int start = counter.getAndIncrement();
    List<Node> local = local(cluster);
    List<Node> remote = preferredDatacenter != null && permitDcFailover ? cluster.nodes() : null;
    return new RoundRobinIterator(local, remote, preferredDatacenter, start);
  }

  @Override
  public String name() {
    return preferredDatacenter == null
        ? "DefaultLoadBalancingPolicy"
        : "DefaultLoadBalancingPolicy[dc=" + preferredDatacenter + "]";
  }

  private List<Node> local(ClusterState cluster) {
    return preferredDatacenter == null
        ? cluster.nodes()
        : cluster.nodesInDatacenter(preferredDatacenter);
  }

  private static Node firstUp(List<Node> nodes, int start) {
    int n = nodes.size();
    if (n == 0) {
      return null;
    }
    int offset = Math.floorMod(start, n);
    for (int i = 0; i < n; i++) {
      Node node = nodes.get((offset + i) % n);
      if (node.isUp()) {
        return node;
      }
    }
    return null;
  }

  /**
   * Walks the live local nodes from a rotating offset, then the live remote ones (nodes of {@code
   * remote} outside the local datacenter); the up/down check happens as the plan advances.
   */
  private static final class RoundRobinIterator implements Iterator<Node> {
    private final List<Node> local;
    private final List<Node> remote;
    private final String localDc;
    private final int start;
    private List<Node> current;
    private int index;
    private Node next;

    RoundRobinIterator(List<Node> local, List<Node> remote, String localDc, int start) {
      this.local = local;
      this.remote = remote;
      this.localDc = localDc;
      this.start = start;
      this.current = local;
    }

    @Override
    public boolean hasNext() {
      while (next == null && current != null) {
        if (index >= current.size()) {
          current = current == local ? remote : null;
          index = 0;
          continue;
        }
        int n = current.size();
        Node node = current.get((Math.floorMod(start, n) + index++) % n);
        boolean isRemoteCopyOfLocal = current != local && localDc.equals(node.datacenter());
        if (node.isUp() && !isRemoteCopyOfLocal) {
          next = node;
        }
      }
      return next != null;
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

  /** Builds a {@link DefaultLoadBalancingPolicy}; not thread-safe. */
  public static final class Builder {
    private String preferredDatacenter;
    private boolean permitDcFailover;

    private Builder() {}

    /**
     * Sends requests to the nodes of this datacenter. Default: none, every node is used.
     *
     * @param datacenter the datacenter name as reported by the nodes, or {@code null} for none
     * @return this builder
     */
    public Builder preferDatacenter(String datacenter) {
      this.preferredDatacenter = datacenter;
      return this;
    }

    /**
     * Lets the fallback plan continue with other datacenters' nodes after the preferred
     * datacenter's. Default: false. Ignored without a preferred datacenter.
     *
     * @param permit whether remote nodes may be used
     * @return this builder
     */
    public Builder permitDcFailover(boolean permit) {
      this.permitDcFailover = permit;
      return this;
    }

    /** Builds the policy. */
    public DefaultLoadBalancingPolicy build() {
      return new DefaultLoadBalancingPolicy(this);
    }
  }
}
