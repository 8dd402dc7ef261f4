package org.cql4j.session.internal.policy;

import java.util.List;
import java.util.Objects;
import org.cql4j.session.ClusterState;
import org.cql4j.session.Node;

/**
 * Ranks nodes by how close they are to the client: the preferred rack, then the preferred
 * datacenter, then the others (only with datacenter failover). Immutable and thread-safe.
 *
 * <p>Tiers are small integers, lower is closer; {@link #EXCLUDED} marks a node the policy never
 * uses (another datacenter without failover).
 */
public final class Locality {
  /** The tier of a node that must not be used. */
  public static final int EXCLUDED = -1;

  private final String datacenter;
  private final String rack;
  private final boolean failover;

  /**
   * Creates the ranking.
   *
   * @param datacenter the preferred datacenter, or null for none (every node is in tier 0)
   * @param rack the preferred rack of that datacenter, or null for none
   * @param failover whether nodes of other datacenters may be used, last
   */
  public Locality(String datacenter, String rack, boolean failover) {
    if (rack != null) {
      Objects.requireNonNull(datacenter, "a preferred rack needs a preferred datacenter");
    }
    this.datacenter = datacenter;
    this.rack = rack;
    this.failover = failover;
  }

  /** How many tiers there are: 1 without a preference; with one, up to 3 (rack, DC, others). */
  public int tiers() {
    return datacenter == null ? 1 : 1 + (rack == null ? 0 : 1) + (failover ? 1 : 0);
  }

  /**
   * The tier of a node.
   *
   * @param node the node
   * @return 0 for the closest nodes, up to {@link #tiers()} - 1; or {@link #EXCLUDED}
   */
  public int tierOf(Node node) {
    if (datacenter == null) {
      return 0;
    }
    if (datacenter.equals(node.datacenter())) {
      return rack == null || rack.equals(node.rack()) ? 0 : 1;
    }
    return failover ? tiers() - 1 : EXCLUDED;
  }

  /**
   * The nodes among which those of a tier are: every node, or the preferred datacenter's, or the
   * preferred rack's; in the snapshot's order, so that a round-robin over them is even.
   *
   * @param cluster the snapshot
   * @param tier a tier, 0 to {@link #tiers()} - 1
   * @return the candidates; filter them with {@link #tierOf}
   */
  public List<Node> candidates(ClusterState cluster, int tier) {
    if (datacenter == null || tier == tiers() - 1 && failover) {
      return cluster.nodes();
    }
    List<Node> local = cluster.nodesInDatacenter(datacenter);
    return rack != null && tier == 0 ? cluster.nodesInRack(datacenter, rack) : local;
  }

  /** The preferred datacenter, or null. */
  public String datacenter() {
    return datacenter;
  }

  /** The preferred rack, or null. */
  public String rack() {
    return rack;
  }

  /** Whether other datacenters may be used. */
  public boolean failover() {
    return failover;
  }
}
