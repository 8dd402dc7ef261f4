package org.cql4j.session.policy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.cql4j.session.ClusterState;
import org.cql4j.session.Node;
import org.cql4j.session.internal.policy.DefaultPlan;
import org.cql4j.session.internal.policy.LatencyTracker;
import org.cql4j.session.internal.policy.Locality;

/**
 * The shipped load-balancing policy, as the Rust driver's {@code DefaultPolicy}: token-aware,
 * datacenter- and rack-aware, with replica shuffling and optional latency awareness. Thread-safe:
 * its state is an atomic round-robin counter and, with latency awareness, per-node averages.
 *
 * <ul>
 *   <li><b>Token-aware</b> (default): a request whose partition key the driver knows goes to one of
 *       the token's replicas: a random live one ({@link Builder#enableShufflingReplicas shuffling},
 *       default), or the first live one in ring order, primary first, when shuffling is off or the
 *       request is a lightweight transaction (so Paxos rounds on a key queue at one replica instead
 *       of contending). The fallback plan lists the other live replicas, then the other live nodes.
 *   <li><b>Locality</b>: without a preferred datacenter every node is local. With {@link
 *       Builder#preferDatacenter}, the datacenter's nodes come first and other datacenters' nodes
 *       are used only with {@link Builder#permitDcFailover permitDcFailover(true)} (off by default:
 *       a remote datacenter breaks {@code LOCAL_*} consistency expectations). With {@link
 *       Builder#preferDatacenterAndRack}, the rack's nodes come before the rest of the datacenter.
 *       Replicas are ranked the same way.
 *   <li>Requests without a token go round-robin over the closest live nodes.
 *   <li>Down nodes are skipped. With {@link Builder#latencyAwareness latency awareness}, a node
 *       much slower than the fastest is tried after the others.
 * </ul>
 *
 * <p>{@link #pick} allocates nothing; the fallback plan is built only when the picked node fails.
 * ScyllaDB's shard is chosen by the session from the token, after the node.
 */
public final class DefaultLoadBalancingPolicy implements LoadBalancingPolicy {
  private final Locality locality;
  private final boolean tokenAware;
  private final boolean shuffleReplicas;
  private final LatencyTracker latency;
  private final AtomicInteger counter = new AtomicInteger();

  private DefaultLoadBalancingPolicy(Builder builder) {
    this.locality =
        new Locality(builder.preferredDatacenter, builder.preferredRack, builder.permitDcFailover);
    this.tokenAware = builder.tokenAware;
    this.shuffleReplicas = builder.shuffleReplicas;
    this.latency =
        builder.latencyAwareness == null ? null : new LatencyTracker(builder.latencyAwareness);
  }

  /** Returns a builder with the defaults: token-aware, shuffling replicas, no preferences. */
  public static Builder builder() {
    return new Builder();
  }

  /** The preferred datacenter, or {@code null}. Thread-safe. */
  public String preferredDatacenter() {
    return locality.datacenter();
  }

  /** The preferred rack, or {@code null}. Thread-safe. */
  public String preferredRack() {
    return locality.rack();
  }

  @Override
  public Node pick(RoutingInfo request, ClusterState cluster) {
    List<Node> replicas = replicas(request, cluster);
    if (!replicas.isEmpty()) {
      Node replica =
          request.isLwt() || !shuffleReplicas ? firstReplica(replicas) : randomReplica(replicas);
      if (replica != null) {
        return replica;
      }
    }
    return roundRobin(cluster, counter.getAndIncrement());
  }

  @Override
  public Iterator<Node> fallback(RoutingInfo request, ClusterState cluster) {
    return new DefaultPlan(
        replicas(request, cluster),
        shuffleReplicas && !request.isLwt(),
        cluster,
        counter.getAndIncrement(),
        locality,
        latency);
  }

  @Override
  public void onRequestSuccess(RoutingInfo request, long latencyNanos, Node node) {
    if (this.latency != null) {
      this.latency.record(node, latencyNanos);
    }
  }

  @Override
  public String name() {
    List<String> options = new ArrayList<>();
    if (locality.datacenter() != null) {
      options.add("dc=" + locality.datacenter());
    }
    if (locality.rack() != null) {
      options.add("rack=" + locality.rack());
    }
    if (locality.failover()) {
      options.add("dc failover");
    }
    if (!tokenAware) {
      options.add("not token-aware");
    }
    if (!shuffleReplicas) {
      options.add("replicas in ring order");
    }
    if (latency != null) {
      options.add("latency-aware");
    }
    return "DefaultLoadBalancingPolicy" + (options.isEmpty() ? "" : options.toString());
  }

  @Override
  public String toString() {
    return name();
  }

  private List<Node> replicas(RoutingInfo request, ClusterState cluster) {
    if (!tokenAware || !request.hasToken() || request.keyspace() == null) {
      return List.of();
    }
    return cluster.replicas(request.keyspace(), request.table(), request.tokenValue());
  }

  // the closest live replica in ring order (primary first): for LWTs and without shuffling
  private Node firstReplica(List<Node> replicas) {
    Node penalized = null;
    for (int tier = 0; tier < locality.tiers(); tier++) {
      for (Node node : replicas) {
        if (node.isUp() && locality.tierOf(node) == tier) {
          if (latency == null || !latency.isPenalized(node)) {
            return node;
          }
          penalized = penalized == null ? node : penalized;
        }
      }
    }
    return penalized;
  }

  // a random live replica of the closest tier that has one, without allocating
  private Node randomReplica(List<Node> replicas) {
    for (int pass = 0; pass < (latency == null ? 1 : 2); pass++) {
      boolean skipPenalized = latency != null && pass == 0;
      for (int tier = 0; tier < locality.tiers(); tier++) {
        int eligible = 0;
        for (Node node : replicas) {
          eligible += isEligible(node, tier, skipPenalized) ? 1 : 0;
        }
        if (eligible > 0) {
          int chosen = ThreadLocalRandom.current().nextInt(eligible);
          for (Node node : replicas) {
            if (isEligible(node, tier, skipPenalized) && chosen-- == 0) {
              return node;
            }
          }
        }
      }
    }
    return null;
  }

  private boolean isEligible(Node node, int tier, boolean skipPenalized) {
    return node.isUp()
        && locality.tierOf(node) == tier
        && !(skipPenalized && latency.isPenalized(node));
  }

  // the next live node of the closest tier that has one, round-robin over that tier's nodes
  private Node roundRobin(ClusterState cluster, int start) {
    Node penalized = null;
    for (int tier = 0; tier < locality.tiers(); tier++) {
      List<Node> nodes = locality.candidates(cluster, tier);
      int n = nodes.size();
      int offset = n == 0 ? 0 : Math.floorMod(start, n);
      for (int i = 0; i < n; i++) {
        Node node = nodes.get((offset + i) % n);
        if (node.isUp() && locality.tierOf(node) == tier) {
          if (latency == null || !latency.isPenalized(node)) {
            return node;
          }
          penalized = penalized == null ? node : penalized;
        }
      }
    }
    return penalized;
  }

  /** Builds a {@link DefaultLoadBalancingPolicy}; not thread-safe. */
  public static final class Builder {
    private String preferredDatacenter;
    private String preferredRack;
    private boolean permitDcFailover;
    private boolean tokenAware = true;
    private boolean shuffleReplicas = true;
    private LatencyAwareness latencyAwareness;

    private Builder() {}

    /**
     * Sends requests to the nodes of this datacenter. Default: none, every node is local.
     *
     * @param datacenter the datacenter name as reported by the nodes, or {@code null} for none
     * @return this builder
     */
    public Builder preferDatacenter(String datacenter) {
      this.preferredDatacenter = datacenter;
      this.preferredRack = null;
      return this;
    }

    /**
     * Sends requests to the nodes of this rack first, then to the rest of its datacenter. Default:
     * none.
     *
     * @param datacenter the datacenter name as reported by the nodes
     * @param rack the rack name as reported by the nodes
     * @return this builder
     */
    public Builder preferDatacenterAndRack(String datacenter, String rack) {
      if (datacenter == null || rack == null) {
        throw new IllegalArgumentException("both a datacenter and a rack are needed");
      }
      this.preferredDatacenter = datacenter;
      this.preferredRack = rack;
      return this;
    }

    /**
     * Lets plans continue with other datacenters' nodes after the preferred datacenter's. Default:
     * false. Without a preferred datacenter every node is local anyway.
     *
     * @param permit whether remote nodes may be used
     * @return this builder
     */
    public Builder permitDcFailover(boolean permit) {
      this.permitDcFailover = permit;
      return this;
    }

    /**
     * Sends requests whose partition key the driver knows to the key's replicas. Default: true.
     *
     * @param tokenAware whether to route by token
     * @return this builder
     */
    public Builder tokenAware(boolean tokenAware) {
      this.tokenAware = tokenAware;
      return this;
    }

    /**
     * Picks a random replica, which spreads a hot partition's load; with false, the first live
     * replica in ring order (the primary first). Lightweight transactions always use ring order.
     * Default: true.
     *
     * @param shuffle whether to shuffle the replicas
     * @return this builder
     */
    public Builder enableShufflingReplicas(boolean shuffle) {
      this.shuffleReplicas = shuffle;
      return this;
    }

    /**
     * Tries nodes much slower than the fastest after the others. Default: off.
     *
     * @param settings the thresholds, or null for off
     * @return this builder
     */
    public Builder latencyAwareness(LatencyAwareness settings) {
      this.latencyAwareness = settings;
      return this;
    }

    /** Builds the policy. */
    public DefaultLoadBalancingPolicy build() {
      return new DefaultLoadBalancingPolicy(this);
    }
  }
}
