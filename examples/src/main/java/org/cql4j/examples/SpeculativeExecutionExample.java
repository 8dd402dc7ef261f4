package org.cql4j.examples;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.value.Values;
import org.cql4j.session.Node;
import org.cql4j.session.QueryResult;
import org.cql4j.session.Session;
import org.cql4j.session.observability.HistoryCollector;
import org.cql4j.session.observability.StructuredHistory;
import org.cql4j.session.policy.PercentileSpeculativeExecutionPolicy;
import org.cql4j.session.policy.SimpleSpeculativeExecutionPolicy;
import org.cql4j.session.profile.ExecutionProfile;
import org.cql4j.session.statement.PreparedStatement;
import org.cql4j.session.statement.Statement;

/** Speculative executions: a slow read is sent to another node too, and the first answer wins. */
public final class SpeculativeExecutionExample {
  /** How many rows the example writes. */
  public static final int ITEMS = 30;

  private SpeculativeExecutionExample() {}

  /**
   * What the example saw.
   *
   * @param latencies how long each read took, in the order they ran
   * @param coordinators the nodes that answered the reads
   * @param speculative how many reads started at least one speculative execution
   * @param history the history of every read, with their speculative executions
   * @param adaptive what the read with the percentile policy returned
   */
  public record Outcome(
      List<Duration> latencies,
      Set<Node> coordinators,
      int speculative,
      StructuredHistory history,
      int adaptive) {}

  /**
   * Runs the example against {@code CQL_CONTACT_POINTS} or a node started for it.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    Examples.withSession(
        session -> {
          setUp(session);
          Outcome outcome = run(session, 100);
          System.out.println(
              outcome.latencies().size()
                  + " reads, slowest "
                  + outcome.latencies().stream().max(Duration::compareTo).orElseThrow()
                  + ", "
                  + outcome.speculative()
                  + " with a speculative execution");
        });
  }

  /**
   * Creates the table and its rows: item {@code i} costs {@code 100 + i} cents.
   *
   * @param session the session
   */
  public static void setUp(Session session) {
    Examples.createKeyspace(session);
    session.queryUnpaged(
        "CREATE TABLE IF NOT EXISTS examples.prices (item int PRIMARY KEY, cents int)");
    PreparedStatement insert =
        session.prepare("INSERT INTO examples.prices (item, cents) VALUES (?, ?)");
    for (int item = 0; item < ITEMS; item++) {
      session.executeUnpaged(insert, Values.of(item, 100 + item));
    }
  }

  /**
   * Prepares the price look-up with a speculative execution policy.
   *
   * @param session the session
   * @return the look-up, idempotent, in its execution profile
   */
  public static PreparedStatement prepareLookUp(Session session) {
    // tag::simple[]
    ExecutionProfile hedged =
        ExecutionProfile.builder()
            .consistency(Consistency.ONE) // one replica's answer is enough
            .requestTimeout(Duration.ofSeconds(2)) // for all executions of a request together
            .speculativeExecutionPolicy(
                // no answer after 50 ms: one more execution on the next node, at most 2 more
                new SimpleSpeculativeExecutionPolicy(2, Duration.ofMillis(50)))
            .build();
    PreparedStatement lookUp =
        session.prepare(
            new Statement("SELECT cents FROM examples.prices WHERE item = ?")
                .setIdempotent(true) // required: only idempotent statements run speculatively
                .setExecutionProfileHandle(hedged.intoHandle()));
    // end::simple[]
    return lookUp;
  }

  /**
   * Reads prices, then one more with the percentile policy.
   *
   * @param session the session, after {@link #setUp}
   * @param reads how many reads
   * @return what was seen
   */
  public static Outcome run(Session session, int reads) {
    PreparedStatement lookUp = prepareLookUp(session);

    // tag::observe[]
    HistoryCollector history = new HistoryCollector(); // keeps every request: for tests, debugging
    lookUp.setHistoryListener(history);
    // end::observe[]
    List<Duration> latencies = new ArrayList<>();
    Set<Node> coordinators = new HashSet<>();
    for (int i = 0; i < reads; i++) {
      long start = System.nanoTime();
      QueryResult price = session.executeUnpaged(lookUp, Values.of(i % ITEMS));
      latencies.add(Duration.ofNanos(System.nanoTime() - start));
      coordinators.add(price.coordinator()); // the node whose answer won
    }
    StructuredHistory seen = history.structuredHistory();
    int speculative =
        (int)
            seen.requests().stream()
                .filter(request -> !request.speculativeFibers().isEmpty())
                .count();

    // tag::percentile[]
    ExecutionProfile adaptive =
        ExecutionProfile.builder()
            .speculativeExecutionPolicy(
                // waits the session's recent p99 latency (100 ms until it knows it)
                new PercentileSpeculativeExecutionPolicy(1, 99.0))
            .build();
    PreparedStatement adaptiveLookUp =
        lookUp.copy().setExecutionProfileHandle(adaptive.intoHandle()); // still idempotent
    // end::percentile[]
    adaptiveLookUp.setHistoryListener(null);
    int cents =
        session
            .executeUnpaged(adaptiveLookUp, Values.of(1))
            .intoRowsResult()
            .singleRow(Integer.class);
    return new Outcome(latencies, coordinators, speculative, seen, cents);
  }
}
