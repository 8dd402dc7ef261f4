package org.cql4j.session.internal.metadata;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.cql4j.protocol.scylla.ShardingInfo;
import org.cql4j.session.ClusterState;
import org.cql4j.session.KeyspaceMetadata;
import org.cql4j.session.Node;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the current {@link ClusterState} and builds the next one. Thread-safe: writers build a new
 * snapshot off the request path, under a lock, and publish it with one volatile write; requests
 * read one snapshot and keep it for their whole life. Only the nodes' up/down flags change under a
 * published snapshot.
 *
 * <p>Each change is handed to the {@link ClusterEvents} after the snapshot that shows it is
 * published, while the lock is held so that changes are delivered in order; the listeners run
 * later, on the events' own thread. The first schema published is the baseline and reports nothing.
 */
public final class MetadataManager {
  private static final Logger LOG = LoggerFactory.getLogger(MetadataManager.class);

  private final Object lock = new Object();
  private final Object upLock = new Object();
  private final ClusterEvents events;
  private final Tablets tablets = new Tablets();
  private volatile DefaultClusterState state =
      new DefaultClusterState(List.of(), TokenMap.EMPTY, tablets, Map.of());
  // guarded by lock
  private boolean closed;
  private Map<String, String> warnedUnsupported = Map.of();
  private boolean schemaKnown;

  /**
   * Creates the holder of a session's snapshots.
   *
   * @param events who is told about node and schema changes ({@link ClusterEvents#NONE} for none)
   */
  public MetadataManager(ClusterEvents events) {
    this.events = Objects.requireNonNull(events, "events");
  }

  /**
   * The nodes a new snapshot added and removed, for the pools.
   *
   * @param added nodes at addresses that were not in the previous snapshot
   * @param removed nodes of the previous snapshot at addresses that are gone
   */
  public record NodesChange(List<Node> added, List<Node> removed) {
    /** Copies the lists. */
    public NodesChange {
      added = List.copyOf(added);
      removed = List.copyOf(removed);
    }

    /** Whether nothing was added or removed. */
    public boolean isEmpty() {
      return added.isEmpty() && removed.isEmpty();
    }
  }

  /** The current snapshot: one volatile read. */
  public DefaultClusterState state() {
    return state;
  }

  /** The tablets learned from responses (ScyllaDB); shared by every snapshot. */
  public Tablets tablets() {
    return tablets;
  }

  /**
   * Publishes a snapshot of the nodes and keyspaces the system tables describe. A node whose
   * identity (host id, datacenter, rack, tokens) is unchanged keeps its instance; a changed or new
   * one gets a new instance, keeping the up/down state of the instance it replaces (a new node is
   * down until its pool connects). The replicas of every token range are placed here, off the
   * request path; when only keyspaces changed, a replication placed before is reused.
   *
   * @param topology the nodes, the control node first (a second row claiming an address is
   *     ignored), and the keyspaces' replication
   * @return the addresses added and removed; empty once closed
   */
  public NodesChange applyTopology(Topology topology) {
    List<NodeInfo> infos = topology.nodes();
    synchronized (lock) {
      if (closed) {
        return new NodesChange(List.of(), List.of());
      }
      DefaultClusterState previous = state;
      List<Node> nodes = new ArrayList<>(infos.size());
      List<Node> added = new ArrayList<>();
      Set<InetSocketAddress> addresses = new LinkedHashSet<>();
      for (NodeInfo info : infos) {
        if (!addresses.add(info.address())) {
          LOG.warn("two nodes claim address {}; keeping the first", info.address());
          continue;
        }
        DefaultNode old = (DefaultNode) previous.node(info.address()).orElse(null);
        DefaultNode node = sameIdentity(old, info) ? old : newNode(info, old);
        nodes.add(node);
        if (old == null) {
          added.add(node);
        }
      }
      List<Node> removed = new ArrayList<>();
      for (Node node : previous.nodes()) {
        if (!addresses.contains(node.address())) {
          removed.add(node);
        }
      }
      TokenMap tokenMap =
          nodes.equals(previous.nodes())
              ? previous.tokenMap().withKeyspaces(topology.replication())
              : TokenMap.build(nodes, topology.replication());
      warnUnsupported(tokenMap.unsupportedKeyspaces());
      state = new DefaultClusterState(nodes, tokenMap, tablets, previous.keyspaces());
      tablets.onTopology(state);
      NodesChange change = new NodesChange(added, removed);
      events.nodesChanged(change);
      if (!change.isEmpty()) {
        LOG.info(
            "topology: {} (added {}, removed {})",
            state,
            addresses(change.added()),
            addresses(change.removed()));
      }
      return change;
    }
  }

  /**
   * Marks a node up or down, as its pool says; logs the change.
   *
   * @param address the node's address
   * @param up whether it has an open connection now
   * @param cause why it went down, or null
   */
  public void setUp(InetSocketAddress address, boolean up, Throwable cause) {
    DefaultNode node = (DefaultNode) state.node(address).orElse(null);
    synchronized (upLock) { // flip and enqueue together, so listeners see the flips in order
      if (node == null || node.isUp() == up) {
        return;
      }
      node.setUp(up);
      events.nodeStateChanged(node, up);
    }
    if (up) {
      LOG.info("node {} is up", node);
    } else {
      LOG.warn(
          "node {} is down: {}", node, cause == null ? "no open connection" : cause.getMessage());
    }
  }

  // under lock: one warning per keyspace and reason, not one per refresh
  private void warnUnsupported(Map<String, String> unsupported) {
    unsupported.forEach(
        (keyspace, reason) -> {
          if (!reason.equals(warnedUnsupported.get(keyspace))) {
            LOG.warn(
                "keyspace {}: {}; its requests are routed without token awareness",
                keyspace,
                reason);
          }
        });
    warnedUnsupported = unsupported;
  }

  /**
   * Publishes a whole schema.
   *
   * @param keyspaces every keyspace, by name
   */
  public void applySchema(Map<String, KeyspaceMetadata> keyspaces) {
    synchronized (lock) {
      if (!closed) {
        Map<String, KeyspaceMetadata> previous = state.keyspaces();
        state = state.withKeyspaces(keyspaces);
        schemaChanged(previous);
        schemaKnown = true;
      }
    }
  }

  /**
   * Publishes one keyspace's schema.
   *
   * @param name the keyspace's name
   * @param keyspace its metadata, or null when it was dropped
   */
  public void applyKeyspace(String name, KeyspaceMetadata keyspace) {
    synchronized (lock) {
      if (closed) {
        return;
      }
      Map<String, KeyspaceMetadata> schema = new TreeMap<>(state.keyspaces());
      if (keyspace == null) {
        schema.remove(name);
      } else {
        schema.put(name, keyspace);
      }
      Map<String, KeyspaceMetadata> previous = state.keyspaces();
      state = state.withKeyspaces(schema);
      schemaChanged(previous);
    }
  }

  // under lock, after publishing: nothing before the first whole schema, which is the baseline
  // (a keyspace read while the session starts is not a change)
  private void schemaChanged(Map<String, KeyspaceMetadata> previous) {
    if (schemaKnown) {
      events.schemaChanged(previous, state.keyspaces());
    }
  }

  /**
   * Records a node's sharding, as its pool learned it.
   *
   * @param address the node's address
   * @param sharding its shard count and algorithm
   */
  public void setSharding(InetSocketAddress address, ShardingInfo sharding) {
    state.node(address).ifPresent(node -> ((DefaultNode) node).setSharding(sharding));
  }

  /** Stops publishing snapshots. */
  public void close() {
    synchronized (lock) {
      closed = true;
    }
    events.close();
  }

  private static boolean sameIdentity(DefaultNode old, NodeInfo info) {
    return old != null
        && Objects.equals(old.hostId(), info.hostId())
        && Objects.equals(old.datacenter(), info.datacenter())
        && Objects.equals(old.rack(), info.rack())
        && old.tokens().equals(info.tokens().stream().sorted().toList());
  }

  private static DefaultNode newNode(NodeInfo info, DefaultNode old) {
    DefaultNode node =
        new DefaultNode(
            info.address(), info.hostId(), info.datacenter(), info.rack(), info.tokens());
    node.setUp(old != null && old.isUp());
    if (old != null) {
      node.setSharding(old.sharding());
    }
    return node;
  }

  private static List<InetSocketAddress> addresses(List<Node> nodes) {
    return nodes.stream().map(Node::address).toList();
  }
}
