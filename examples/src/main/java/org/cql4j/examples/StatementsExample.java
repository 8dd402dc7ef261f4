package org.cql4j.examples;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.ProtocolVersion;
import org.cql4j.protocol.types.ColumnSpec;
import org.cql4j.protocol.value.Values;
import org.cql4j.session.CachingSession;
import org.cql4j.session.QueryResult;
import org.cql4j.session.Session;
import org.cql4j.session.statement.PreparedStatement;
import org.cql4j.session.statement.Statement;

/**
 * Unprepared and prepared statements, their settings, asynchronous execution, USE, and the
 * per-request keyspace and time of protocol v5.
 */
public final class StatementsExample {
  private StatementsExample() {}

  /**
   * What the example saw.
   *
   * @param releaseVersion the server version, read with an unprepared statement
   * @param markers the bind markers of the prepared insert, {@code name type}
   * @param tokenAware whether the insert binds the whole partition key
   * @param events the number of events written asynchronously and counted after USE
   * @param cached what the caching session read for each of ten executions of one text
   * @param clusterName the cluster name, read in a per-request keyspace; null on protocol v4
   * @param expiredAnHourLater whether a row with a 60 s TTL was gone when read as if an hour later;
   *     false on protocol v4
   */
  public record Outcome(
      String releaseVersion,
      List<String> markers,
      boolean tokenAware,
      long events,
      List<String> cached,
      String clusterName,
      boolean expiredAnHourLater) {}

  /**
   * Runs the example against {@code CQL_CONTACT_POINTS} or a node started for it.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    Examples.withSession(session -> System.out.println(run(session)));
  }

  /**
   * Runs statements in every way.
   *
   * @param session the session; it is switched to the examples keyspace
   * @return what was seen
   */
  public static Outcome run(Session session) {
    Examples.createKeyspace(session);
    session.queryUnpaged(
        "CREATE TABLE IF NOT EXISTS examples.events"
            + " (day date, seq int, what text, PRIMARY KEY (day, seq))");
    session.queryUnpaged("TRUNCATE examples.events");

    // tag::unprepared[]
    Statement version =
        new Statement("SELECT release_version FROM system.local")
            .setConsistency(Consistency.ONE) // default: the execution profile's (LOCAL_QUORUM)
            .setRequestTimeout(Duration.ofSeconds(2)); // default: the profile's (30 s)
    String releaseVersion =
        session.queryUnpaged(version, Values.EMPTY).intoRowsResult().singleRow(String.class);
    // end::unprepared[]
    System.out.println("Cassandra " + releaseVersion);

    // tag::prepared[]
    PreparedStatement insert =
        session.prepare("INSERT INTO examples.events (day, seq, what) VALUES (?, ?, ?)");
    insert.setIdempotent(true); // the same INSERT twice has the same effect: safe to retry

    List<String> markers = new ArrayList<>();
    for (ColumnSpec marker : insert.variables()) {
      markers.add(marker.name() + " " + marker.type()); // day date, seq int, what text
    }
    boolean tokenAware = insert.isTokenAware(); // true: the partition key is bound
    // end::prepared[]
    System.out.println(markers + ", token aware: " + tokenAware);

    // tag::prepare-statement[]
    PreparedStatement byDay =
        session.prepare(
            new Statement("SELECT seq, what FROM examples.events WHERE day = ?")
                .setPageSize(1_000)
                .setIdempotent(true)); // the settings are copied to the prepared statement
    // end::prepare-statement[]

    // tag::async[]
    LocalDate day = LocalDate.of(2026, 11, 21);
    List<CompletableFuture<QueryResult>> writes = new ArrayList<>();
    for (int seq = 0; seq < 100; seq++) {
      writes.add(session.executeUnpagedAsync(insert, Values.of(day, seq, "event " + seq)));
    }
    CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
    // end::async[]
    System.out.println(
        "Wrote "
            + session.executeUnpaged(byDay, Values.of(day)).intoRowsResult().rowsNumber()
            + " events");

    // tag::use[]
    session.useKeyspace("examples", false); // every connection runs USE examples
    long events =
        session
            .queryUnpaged("SELECT count(*) FROM events WHERE day = ?", Values.of(day))
            .intoRowsResult()
            .singleRow(Long.class);
    // end::use[]

    // tag::caching[]
    CachingSession cache = CachingSession.of(session, 1_000); // up to 1,000 texts, LRU
    List<String> cached = new ArrayList<>();
    for (int seq = 0; seq < 10; seq++) {
      // prepared on the first execution, reused by the nine others
      cached.add(
          cache
              .executeUnpaged(
                  "SELECT what FROM examples.events WHERE day = ? AND seq = ?", Values.of(day, seq))
              .intoRowsResult()
              .singleRow(String.class));
    }
    // end::caching[]

    String clusterName = null;
    boolean expiredAnHourLater = false;
    LocalDate nextDay = day.plusDays(1);
    // tag::per-request[]
    if (session.getProtocolVersion() == ProtocolVersion.V5) { // Cassandra 4.0+, not ScyllaDB
      // this statement alone runs in the system keyspace, whatever the session's keyspace
      clusterName =
          session
              .queryUnpaged(new Statement("SELECT cluster_name FROM local").setKeyspace("system"))
              .intoRowsResult()
              .singleRow(String.class);

      // the server judges TTLs as if it were an hour later: the 60 s row has expired
      session.queryUnpaged(
          "INSERT INTO events (day, seq, what) VALUES (?, 0, 'short-lived') USING TTL 60",
          Values.of(nextDay));
      int inAnHour = (int) Instant.now().plus(Duration.ofHours(1)).getEpochSecond();
      Statement later =
          new Statement("SELECT what FROM events WHERE day = ?").setNowInSeconds(inAnHour);
      expiredAnHourLater =
          session.queryUnpaged(later, Values.of(nextDay)).intoRowsResult().rowsNumber() == 0;
    }
    // end::per-request[]
    return new Outcome(
        releaseVersion, markers, tokenAware, events, cached, clusterName, expiredAnHourLater);
  }
}
