package org.cql4j.examples;

import java.time.Duration;
import java.util.List;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.value.Values;
import org.cql4j.session.QueryResult;
import org.cql4j.session.Session;
import org.cql4j.session.policy.DefaultLoadBalancingPolicy;
import org.cql4j.session.policy.DefaultRetryPolicy;
import org.cql4j.session.policy.FallthroughRetryPolicy;
import org.cql4j.session.profile.ExecutionProfile;
import org.cql4j.session.profile.ExecutionProfileHandle;
import org.cql4j.session.statement.PreparedStatement;
import org.cql4j.session.statement.Statement;

/**
 * Two workloads with their own execution profiles; a statement override; a handle remapped while
 * the session runs. Each request is traced, and the consistency the server saw is read back from
 * the trace.
 */
public final class ExecutionProfilesExample {
  private ExecutionProfilesExample() {}

  /**
   * The consistency the server saw for each request, in the order the example ran them.
   *
   * @param sessionDefault a statement without a handle: the session's default profile
   * @param withHandle a statement with the analytics handle
   * @param overridden the same statement with its own consistency
   * @param afterRemap the statement without a handle after the session's handle was remapped
   */
  public record Outcome(
      String sessionDefault, String withHandle, String overridden, String afterRemap) {}

  /**
   * Runs the example against {@code CQL_CONTACT_POINTS} or a node started for it.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    Examples.withContactPoints(
        contactPoints -> {
          System.out.println(run(contactPoints));
          System.out.println("After remapping: " + remapping(contactPoints));
        });
  }

  /**
   * Runs statements under each profile.
   *
   * @param contactPoints the contact points
   * @return the consistency of each request
   */
  public static Outcome run(List<String> contactPoints) {
    // tag::profiles[]
    ExecutionProfile oltp =
        ExecutionProfile.builder()
            .consistency(Consistency.LOCAL_QUORUM)
            .requestTimeout(Duration.ofSeconds(2))
            .retryPolicy(DefaultRetryPolicy.INSTANCE)
            .build();
    ExecutionProfile analytics =
        ExecutionProfile.builder()
            .consistency(Consistency.ONE)
            .requestTimeout(Duration.ofMinutes(1))
            .retryPolicy(FallthroughRetryPolicy.INSTANCE) // never retry
            .loadBalancingPolicy(
                DefaultLoadBalancingPolicy.builder().preferDatacenter("datacenter1").build())
            .build();

    ExecutionProfileHandle oltpHandle = oltp.intoHandle();
    ExecutionProfileHandle analyticsHandle = analytics.intoHandle();
    // end::profiles[]

    // tag::session[]
    Session session =
        Session.builder()
            .knownNodes(contactPoints)
            .defaultExecutionProfileHandle(oltpHandle) // statements without a handle use it
            .build();
    // end::session[]
    try (session) {
      Examples.createKeyspace(session);
      session.queryUnpaged(
          "CREATE TABLE IF NOT EXISTS examples.visits (site text, day int, count int,"
              + " PRIMARY KEY (site, day))");

      PreparedStatement record =
          session.prepare("UPDATE examples.visits SET count = ? WHERE site = ? AND day = ?");
      String sessionDefault = consistencySeen(session, record, Values.of(10, "a", 1));

      // tag::statement[]
      PreparedStatement report = session.prepare("SELECT * FROM examples.visits WHERE site = ?");
      report.setExecutionProfileHandle(analyticsHandle); // runs at ONE, retries nothing
      // end::statement[]
      String withHandle = consistencySeen(session, report, Values.of("a"));

      // tag::override[]
      report.setConsistency(Consistency.ALL); // beats the handle's ONE, for this statement only
      // end::override[]
      String overridden = consistencySeen(session, report, Values.of("a"));

      // tag::remap[]
      // every session and statement holding oltpHandle switches, from the next request on
      oltpHandle.mapToAnotherProfile(oltp.toBuilder().consistency(Consistency.ONE).build());
      // end::remap[]
      String afterRemap = consistencySeen(session, record, Values.of(11, "a", 1));
      return new Outcome(sessionDefault, withHandle, overridden, afterRemap);
    }
  }

  /**
   * Follows the remapping walk-through of the Rust driver's documentation.
   *
   * @param contactPoints the contact points
   * @return the consistency each holder ends up with: the session, query1 and query2
   */
  public static List<Consistency> remapping(List<String> contactPoints) {
    // tag::remapping[]
    ExecutionProfile profile1 = ExecutionProfile.builder().consistency(Consistency.ONE).build();
    ExecutionProfile profile2 = ExecutionProfile.builder().consistency(Consistency.TWO).build();

    ExecutionProfileHandle handle1 = profile1.intoHandle();
    ExecutionProfileHandle handle2 = profile2.intoHandle();

    try (Session session =
        Session.builder()
            .knownNodes(contactPoints)
            .defaultExecutionProfileHandle(handle1)
            .build()) {
      Statement query1 = new Statement("SELECT * FROM examples.visits");
      Statement query2 = new Statement("SELECT site FROM examples.visits WHERE site = ?");

      query1.setExecutionProfileHandle(handle1);
      query2.setExecutionProfileHandle(handle2);
      // session -> handle1 -> profile1
      // query1  -> handle1 -> profile1
      // query2  -> handle2 -> profile2

      // we can now remap handle2 to profile1:
      handle2.mapToAnotherProfile(profile1);
      // ...so that the mapping for query2 becomes:
      // query2  -> handle2 -> profile1

      // we can also change query1's handle to handle2:
      query1.setExecutionProfileHandle(handle2);
      // ...and remap handle1 to profile2:
      handle1.mapToAnotherProfile(profile2);
      // ...yielding:
      // session -> handle1 -> profile2
      // query1  -> handle2 -> profile1
      // query2  -> handle2 -> profile1
      // end::remapping[]
      return List.of(
          session.getDefaultExecutionProfileHandle().profile().consistency(),
          query1.getExecutionProfileHandle().orElseThrow().profile().consistency(),
          query2.getExecutionProfileHandle().orElseThrow().profile().consistency());
    }
  }

  /** Runs a statement traced and returns the consistency level the coordinator recorded. */
  private static String consistencySeen(
      Session session, PreparedStatement statement, Object values) {
    statement.setTracing(true);
    try {
      QueryResult result = session.executeUnpaged(statement, values);
      return session
          .getTracingInfo(result.tracingId().orElseThrow())
          .parameters()
          .get("consistency_level");
    } finally {
      statement.setTracing(false);
    }
  }
}
