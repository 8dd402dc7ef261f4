package org.cql4j.examples;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalInt;
import org.cql4j.protocol.value.Values;
import org.cql4j.session.ClusterState;
import org.cql4j.session.Node;
import org.cql4j.session.QueryResult;
import org.cql4j.session.Session;
import org.cql4j.session.Token;
import org.cql4j.session.policy.DefaultLoadBalancingPolicy;
import org.cql4j.session.policy.LatencyAwareness;
import org.cql4j.session.policy.LoadBalancingPolicy;
import org.cql4j.session.policy.RoutingInfo;
import org.cql4j.session.profile.ExecutionProfile;
import org.cql4j.session.statement.PreparedStatement;
import org.cql4j.session.statement.Statement;

/** Configuring the default load-balancing policy, and where a request went. */
public final class LoadBalancingExample {
  private LoadBalancingExample() {}

  /**
   * What the example saw.
   *
   * @param token the token of the key it wrote
   * @param replicas the replicas of that token
   * @param coordinator the node that coordinated the write
   * @param shard the shard of the coordinator that owns the token, on ScyllaDB
   * @param pinned the node the custom policy sent a request to
   */
  public record Outcome(
      Token token, List<Node> replicas, Node coordinator, OptionalInt shard, Node pinned) {}

  /**
   * Runs the example against {@code CQL_CONTACT_POINTS} or a node started for it.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    Examples.withSession(session -> System.out.println(run(session)));
  }

  /**
   * A policy that always sends requests to one node: the smallest custom policy.
   *
   * <p>Thread-safe: immutable.
   */
  // tag::custom-policy[]
  static final class PinnedPolicy implements LoadBalancingPolicy {
    private final Node target;

    PinnedPolicy(Node target) {
      this.target = target;
    }

    @Override
    public Node pick(RoutingInfo request, ClusterState cluster) {
      return target.isUp() ? target : null; // no allocation on the common path
    }

    @Override
    public Iterator<Node> fallback(RoutingInfo request, ClusterState cluster) {
      return cluster.nodes().stream().filter(Node::isUp).iterator(); // only when pick failed
    }
  }

  // end::custom-policy[]

  /**
   * Shows the policy's options, a write's token, replicas and coordinator, and a custom policy.
   *
   * @param session the session
   * @return what it saw
   */
  public static Outcome run(Session session) {
    Examples.createKeyspace(session);
    session.queryUnpaged(
        "CREATE TABLE IF NOT EXISTS examples.sensors (id int PRIMARY KEY, reading double)");

    // tag::policy[]
    ExecutionProfile local =
        ExecutionProfile.builder()
            .loadBalancingPolicy(
                DefaultLoadBalancingPolicy.builder()
                    .preferDatacenterAndRack("datacenter1", "rack1") // rack first, then the DC
                    .permitDcFailover(false) // never another datacenter (the default)
                    .tokenAware(true) // replicas of the key first (the default)
                    .enableShufflingReplicas(true) // a random replica (the default)
                    .latencyAwareness(
                        LatencyAwareness.builder()
                            .exclusionThreshold(3.0) // 3x slower than the fastest: tried last
                            .retryPeriod(Duration.ofSeconds(10))
                            .build())
                    .build())
            .build();
    PreparedStatement insert =
        session.prepare(
            new Statement("INSERT INTO examples.sensors (id, reading) VALUES (?, ?)")
                .setExecutionProfileHandle(local.intoHandle()));
    // end::policy[]

    // tag::where[]
    Values values = Values.of(42, 21.5);
    Token token = insert.computeToken(values).orElseThrow(); // Murmur3, as the server hashes
    List<Node> replicas =
        session.getClusterState().replicas("examples", "sensors", token); // primary first
    QueryResult written = session.executeUnpaged(insert, values);
    Node coordinator = written.coordinator(); // one of the replicas
    OptionalInt shard = coordinator.shardOf(token); // on ScyllaDB: the shard that served it
    // end::where[]

    // tag::use-custom-policy[]
    Node first = session.getClusterState().nodes().get(0);
    ExecutionProfile pinned =
        ExecutionProfile.builder().loadBalancingPolicy(new PinnedPolicy(first)).build();
    Node served =
        session
            .queryUnpaged(
                new Statement("SELECT release_version FROM system.local")
                    .setExecutionProfileHandle(pinned.intoHandle()),
                Values.EMPTY)
            .coordinator(); // == first
    // end::use-custom-policy[]
    return new Outcome(token, replicas, coordinator, shard, served);
  }
}
