package org.cql4j.session.internal.metadata;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cql4j.session.Node;

/**
 * Confined to the thread that calls {@link #place()} (once), places the replicas of {@code
 * NetworkTopologyStrategy} on every range of a ring.
 *
 * <p>For each range, the ring is walked from the range's token, as Cassandra's {@code
 * NetworkTopologyStrategy.calculateNaturalReplicas} and the Java driver's {@code
 * NetworkTopologyReplicationStrategy} do. In each datacenter, a node of a rack that holds no
 * replica yet becomes a replica; a node of a rack that does is deferred. Once every rack of the
 * datacenter holds a replica, the deferred nodes become replicas in the order met, then the nodes
 * met after them, until the datacenter has its replication factor, or all its nodes when it has
 * fewer. The list is in the order the replicas were chosen, so the range's owner comes first when
 * its datacenter is replicated to.
 *
 * <p>Cassandra 4.0+ accepts a node of an already used rack as soon as it meets it, while there are
 * more replicas to place than racks; that chooses the same nodes, though not always in the same
 * order after the first of each rack. The order here is the Java driver's.
 *
 * <p>A node's datacenter and rack count as names: a node whose rack is not known (null) is on the
 * rack "null" of its datacenter; a node whose datacenter is not known is in no replicated one.
 */
final class RackAwarePlacement {
  private final TokenRing ring;
  private final ReplicaLists lists;

  // Per replicated datacenter d: replicas to place (the factor, or fewer if d has fewer nodes) and
  // its racks on the ring.
  private final int[] wanted;
  private final int[] rackCount;
  private final int replicatedDatacenters;

  // Per node id: its replicated datacenter, or -1; its rack, numbered across datacenters.
  private final int[] datacenterOf;
  private final int[] rackOf;

  // The walk of one range; per-node and per-rack marks hold the range they were set in, so that
  // nothing is cleared between ranges.
  private final int[] added;
  private final int[] racksUsed;
  private final int[] rackUsedIn;
  private final int[][] deferred;
  private final int[] deferredCount;
  private final int[] deferredIn;

  RackAwarePlacement(TokenRing ring, Map<String, Integer> replicationFactors) {
    this.ring = ring;
    this.lists = new ReplicaLists(ring);
    Map<String, Integer> index = new HashMap<>(); // HashMap: a null datacenter just misses
    List<Map<String, Integer>> racks = new ArrayList<>();
    int[] factors = new int[replicationFactors.size()];
    for (Map.Entry<String, Integer> factor : replicationFactors.entrySet()) {
      factors[index.size()] = factor.getValue();
      index.put(factor.getKey(), index.size());
      racks.add(new HashMap<>()); // null rack is a key of its own
    }
    int nodeCount = ring.nodes().size();
    int[] nodesIn = new int[factors.length];
    this.datacenterOf = new int[nodeCount];
    this.rackOf = new int[nodeCount];
    int rackIds = 0;
    for (int node = 0; node < nodeCount; node++) {
      Node n = ring.nodes().get(node);
      Integer d = index.get(n.datacenter());
      datacenterOf[node] = d == null ? -1 : d;
      if (d != null) {
        nodesIn[d]++;
        Integer rack = racks.get(d).putIfAbsent(n.rack(), rackIds);
        rackOf[node] = rack == null ? rackIds++ : rack;
      }
    }
    this.wanted = new int[factors.length];
    this.rackCount = new int[factors.length];
    this.deferred = new int[factors.length][];
    int replicated = 0;
    for (int d = 0; d < factors.length; d++) {
      wanted[d] = Math.min(factors[d], nodesIn[d]);
      rackCount[d] = racks.get(d).size();
      deferred[d] = new int[nodesIn[d]];
      replicated += wanted[d] > 0 ? 1 : 0;
    }
    this.replicatedDatacenters = replicated;
    this.added = new int[factors.length];
    this.racksUsed = new int[factors.length];
    this.deferredCount = new int[factors.length];
    this.rackUsedIn = new int[rackIds];
    Arrays.fill(rackUsedIn, -1);
    this.deferredIn = new int[nodeCount];
    Arrays.fill(deferredIn, -1);
  }

  /** Places the replicas of every range. */
  List<List<Node>> place() {
    int size = ring.size();
    for (int range = 0; range < size; range++) {
      lists.startRange();
      Arrays.fill(added, 0);
      Arrays.fill(racksUsed, 0);
      Arrays.fill(deferredCount, 0);
      int left = replicatedDatacenters;
      // One lap meets every node, which is always enough; the bound only guards the loop.
      for (int step = 0, at = range; step < size && left > 0; step++) {
        left -= visit(ring.ownerId(at), range);
        at = at + 1 == size ? 0 : at + 1;
      }
      lists.endRange();
    }
    return lists.build();
  }

  // the number of datacenters this node completes (0 or 1)
  private int visit(int node, int range) {
    int d = datacenterOf[node];
    if (d < 0 || added[d] == wanted[d] || lists.contains(node)) {
      return 0;
    }
    if (racksUsed[d] == rackCount[d]) {
      return add(node, d);
    }
    int rack = rackOf[node];
    if (rackUsedIn[rack] == range) {
      // A node met again on another of its tokens is deferred already: it keeps its first place.
      if (deferredIn[node] != range) {
        deferredIn[node] = range;
        deferred[d][deferredCount[d]++] = node;
      }
      return 0;
    }
    rackUsedIn[rack] = range;
    racksUsed[d]++;
    int done = add(node, d);
    if (racksUsed[d] == rackCount[d]) {
      for (int i = 0; i < deferredCount[d] && added[d] < wanted[d]; i++) {
        done += add(deferred[d][i], d);
      }
    }
    return done;
  }

  private int add(int node, int d) {
    lists.add(node);
    added[d]++;
    return added[d] == wanted[d] ? 1 : 0;
  }
}
