package org.cql4j.session.internal.metadata;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.function.Function;
import org.cql4j.protocol.scylla.ShardingInfo;
import org.cql4j.session.Node;
import org.cql4j.session.QueryResult;
import org.cql4j.session.Token;

/**
 * The driver's {@link Node}. Thread-safe: identity fields are final, the up/down state is a
 * volatile flag that the cluster layer flips with {@link #setUp(boolean)} from any thread.
 */
public final class DefaultNode implements Node {
  private final InetSocketAddress address;
  private final UUID hostId;
  private final String datacenter;
  private final String rack;
  private final List<Long> tokens;
  private volatile boolean up;
  private volatile QueryResult sharedResult;
  private volatile ShardingInfo sharding;

  /**
   * Creates a node, initially up.
   *
   * @param address the address to connect to
   * @param hostId the host id, or {@code null} if not known yet
   * @param datacenter the datacenter, or {@code null} if not known yet
   * @param rack the rack, or {@code null} if not known yet
   * @param tokens the node's tokens in any order; copied and sorted
   */
  public DefaultNode(
      InetSocketAddress address, UUID hostId, String datacenter, String rack, List<Long> tokens) {
    this.address = Objects.requireNonNull(address, "address");
    this.hostId = hostId;
    this.datacenter = datacenter;
    this.rack = rack;
    List<Long> sorted = new ArrayList<>(tokens);
    Collections.sort(sorted);
    this.tokens = Collections.unmodifiableList(sorted);
    this.up = true;
  }

  /**
   * Creates a node known only by its address (a contact point before discovery), initially up.
   *
   * @param address the address to connect to
   * @return the node
   */
  public static DefaultNode of(InetSocketAddress address) {
    return new DefaultNode(address, null, null, null, List.of());
  }

  @Override
  public InetSocketAddress address() {
    return address;
  }

  @Override
  public String datacenter() {
    return datacenter;
  }

  @Override
  public String rack() {
    return rack;
  }

  @Override
  public UUID hostId() {
    return hostId;
  }

  @Override
  public boolean isUp() {
    return up;
  }

  @Override
  public List<Long> tokens() {
    return tokens;
  }

  @Override
  public OptionalInt shardOf(Token token) {
    ShardingInfo s = sharding;
    return s == null ? OptionalInt.empty() : OptionalInt.of(s.shardOf(token.value()));
  }

  @Override
  public OptionalInt shardCount() {
    ShardingInfo s = sharding;
    return s == null ? OptionalInt.empty() : OptionalInt.of(s.nrShards());
  }

  /** The node's sharding, or null on Cassandra or while unknown. */
  public ShardingInfo sharding() {
    return sharding;
  }

  /**
   * Records the node's sharding, from a connection's SUPPORTED; visible to every thread at once.
   *
   * @param sharding the sharding, or null
   */
  public void setSharding(ShardingInfo sharding) {
    this.sharding = sharding;
  }

  /**
   * The one result this node's answers without content share (a Void result without warnings or
   * tracing), created on first use; a race creates it twice, harmlessly.
   *
   * @param create creates it for this node
   * @return the shared result
   */
  public QueryResult sharedResult(Function<Node, QueryResult> create) {
    QueryResult r = sharedResult;
    if (r == null) {
      sharedResult = r = create.apply(this);
    }
    return r;
  }

  /**
   * Marks the node up or down; visible to every thread at once.
   *
   * @param up the new state
   */
  public void setUp(boolean up) {
    this.up = up;
  }

  @Override
  public String toString() {
    return address
        + (datacenter == null ? "" : " (" + datacenter + (rack == null ? "" : "/" + rack) + ")");
  }
}
