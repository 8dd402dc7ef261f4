package org.cql4j.examples;

import java.time.Duration;
import java.util.List;
import org.cql4j.protocol.value.Values;
import org.cql4j.session.Session;
import org.cql4j.session.errors.RequestTimeoutException;
import org.cql4j.session.profile.ExecutionProfile;
import org.cql4j.session.statement.PreparedStatement;

/** Client-side request timeouts: for a whole session, for one statement, and what a timeout is. */
public final class TimeoutsExample {
  private TimeoutsExample() {}

  /**
   * Runs the example against {@code CQL_CONTACT_POINTS} or a node started for it.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    Examples.withContactPoints(
        contactPoints -> {
          try (Session session = connect(contactPoints)) {
            setUp(session);
            System.out.println("Found: " + lookUp(session, prepareLookUp(session), 1));
          }
        });
  }

  /**
   * Opens a session whose requests time out after 2 seconds unless a statement says otherwise.
   *
   * @param contactPoints the contact points
   * @return the session
   */
  public static Session connect(List<String> contactPoints) {
    // tag::profile[]
    ExecutionProfile profile =
        ExecutionProfile.builder()
            .requestTimeout(Duration.ofSeconds(2)) // default 30 s; null: no timeout
            .build();
    Session session =
        Session.builder()
            .knownNodes(contactPoints)
            .connectTimeout(Duration.ofSeconds(3)) // each connection attempt; default 5 s
            .defaultExecutionProfileHandle(profile.intoHandle())
            .build();
    // end::profile[]
    return session;
  }

  /**
   * Creates the table and a row to look up.
   *
   * @param session the session
   */
  public static void setUp(Session session) {
    Examples.createKeyspace(session);
    session.queryUnpaged(
        "CREATE TABLE IF NOT EXISTS examples.customers (id int PRIMARY KEY, name text)");
    session.queryUnpaged("INSERT INTO examples.customers (id, name) VALUES (1, 'Ann')");
  }

  /**
   * Prepares the look-up of a customer, which must answer within 500 ms.
   *
   * @param session the session
   * @return the prepared statement
   */
  public static PreparedStatement prepareLookUp(Session session) {
    // tag::statement[]
    PreparedStatement lookUp = session.prepare("SELECT name FROM examples.customers WHERE id = ?");
    lookUp.setRequestTimeout(Duration.ofMillis(500)); // beats the profile's, for this statement
    lookUp.setIdempotent(true); // a read: safe to retry
    // end::statement[]
    return lookUp;
  }

  /**
   * Looks a customer up.
   *
   * @param session the session
   * @param lookUp the statement of {@link #prepareLookUp}
   * @param id the customer id
   * @return the name, or a sentence saying the request timed out
   */
  public static String lookUp(Session session, PreparedStatement lookUp, int id) {
    // tag::catch[]
    try {
      return session.executeUnpaged(lookUp, Values.of(id)).intoRowsResult().singleRow(String.class);
    } catch (RequestTimeoutException e) {
      // the driver stopped waiting after e.timeout(); the server may still run (or have applied)
      // the request, and a late answer is dropped
      return "no answer: " + e.getMessage();
    }
    // end::catch[]
  }
}
