package org.cql4j.examples;

import java.time.Duration;
import java.util.List;
import org.cql4j.protocol.errors.DbException;
import org.cql4j.protocol.value.Values;
import org.cql4j.session.Session;
import org.cql4j.session.observability.RequestLogger;
import org.cql4j.session.statement.PreparedStatement;

/** Logs a session's slow and failed requests with the shipped {@link RequestLogger}. */
public final class LoggingExample {
  private LoggingExample() {}

  /**
   * Runs the example against {@code CQL_CONTACT_POINTS} or a node started for it; the lines go to
   * the console through the examples' logback configuration.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    Examples.withContactPoints(contactPoints -> run(contactPoints, Duration.ofMillis(200)));
  }

  /**
   * Opens a session with a request logger, runs a fast request (not logged) and a failing one
   * (logged at WARN).
   *
   * @param contactPoints the contact points
   * @param slowThreshold from which latency a successful request is logged as slow
   */
  public static void run(List<String> contactPoints, Duration slowThreshold) {
    // tag::request-logger[]
    RequestLogger requestLogger =
        RequestLogger.builder()
            .slowThreshold(slowThreshold) // slower successful requests: WARN (default 1 s)
            .logSuccessfulRequests(false) // every other success at INFO (default false)
            .logErrors(true) // failed requests: WARN (default true)
            .maxQueryLength(200) // CQL text cut after 200 characters, "..." (default 500)
            .logStackTraces(false) // the error's class and message only (default false)
            .build();
    Session session =
        Session.builder().knownNodes(contactPoints).requestListener(requestLogger).build();
    // end::request-logger[]
    try (session) {
      Examples.createKeyspace(session);
      session.queryUnpaged(
          "CREATE TABLE IF NOT EXISTS examples.owners (id int PRIMARY KEY, owner text)");

      // tag::requests[]
      PreparedStatement insert =
          session.prepare("INSERT INTO examples.owners (id, owner) VALUES (?, ?)");
      session.executeUnpaged(insert, Values.of(1, "Ada")); // fast: not logged
      try {
        session.queryUnpaged("SELECT nothing FROM examples.owners");
      } catch (DbException e) {
        // the caller gets the error, and the request logger logged it at WARN:
        // Request failed (2 ms): QUERY "SELECT nothing FROM examples.owners"
        //     [consistency=LOCAL_QUORUM]: DbException: Undefined column name nothing ...
      }
      // end::requests[]
    }
  }
}
