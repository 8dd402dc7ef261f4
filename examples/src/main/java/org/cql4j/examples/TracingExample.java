package org.cql4j.examples;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import org.cql4j.protocol.errors.DbException;
import org.cql4j.protocol.value.Values;
import org.cql4j.session.Node;
import org.cql4j.session.PagingState;
import org.cql4j.session.QueryPage;
import org.cql4j.session.QueryResult;
import org.cql4j.session.Session;
import org.cql4j.session.TracingInfo;
import org.cql4j.session.observability.HistoryCollector;
import org.cql4j.session.observability.RequestDescription;
import org.cql4j.session.observability.RequestListener;
import org.cql4j.session.observability.StructuredHistory;
import org.cql4j.session.statement.Batch;
import org.cql4j.session.statement.BatchType;
import org.cql4j.session.statement.PreparedStatement;
import org.cql4j.session.statement.Statement;

/** Asks the server to trace requests and reads the traces back. */
public final class TracingExample {
  private TracingExample() {}

  /**
   * The traces read.
   *
   * @param select the trace of a traced prepared SELECT
   * @param lines the lines printed for it
   * @param batch the trace of a traced batch
   * @param pages the tracing ids of two traced pages
   * @param untraced whether an untraced request had a tracing id
   */
  public record Outcome(
      TracingInfo select,
      List<String> lines,
      TracingInfo batch,
      List<UUID> pages,
      boolean untraced) {}

  /**
   * What the request listener and the history collector saw.
   *
   * @param succeeded how many requests the listener saw succeed
   * @param failed how many requests it saw fail
   * @param attempts how many attempts it saw start
   * @param slow the requests it found slow
   * @param history the history of one statement's request
   */
  public record Listened(
      long succeeded, long failed, long attempts, List<String> slow, StructuredHistory history) {}

  /**
   * Runs the example against {@code CQL_CONTACT_POINTS} or a node started for it.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    Examples.withContactPoints(
        contactPoints -> {
          try (Session session = Session.builder().knownNodes(contactPoints).build()) {
            run(session).lines().forEach(System.out::println);
          }
          System.out.println(listen(contactPoints, Duration.ofMillis(100)));
        });
  }

  /**
   * Counts a session's requests, remembers the slow ones, and keeps the history of one statement.
   *
   * <p>Thread-safe: counters and a concurrent queue; every method is quick and never blocks.
   */
  // tag::listener[]
  static final class RequestStats implements RequestListener {
    private final Duration slowerThan;
    final LongAdder succeeded = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder attempts = new LongAdder();
    final Queue<String> slow = new ConcurrentLinkedQueue<>();

    RequestStats(Duration slowerThan) {
      this.slowerThan = slowerThan;
    }

    @Override
    public void onAttemptStart(RequestDescription request, Node node, int execution) {
      attempts.increment(); // retries and speculative executions are attempts too
    }

    @Override
    public void onSuccess(RequestDescription request, Duration latency, Node coordinator) {
      succeeded.increment();
      if (latency.compareTo(slowerThan) >= 0) {
        slow.add(request.kind() + " " + request.cql() + " took " + latency.toMillis() + " ms");
      }
    }

    @Override
    public void onError(RequestDescription request, Duration latency, Throwable error) {
      failed.increment();
    }
  }

  // end::listener[]

  /**
   * Opens a session with a request listener, runs a few requests, and records one statement's
   * history.
   *
   * @param contactPoints the contact points
   * @param slowerThan from which latency a request counts as slow
   * @return what the listener and the collector saw
   */
  public static Listened listen(List<String> contactPoints, Duration slowerThan) {
    // tag::register[]
    RequestStats stats = new RequestStats(slowerThan);
    Session session = Session.builder().knownNodes(contactPoints).requestListener(stats).build();
    // end::register[]
    try (session) {
      Examples.createKeyspace(session);
      session.queryUnpaged(
          "CREATE TABLE IF NOT EXISTS examples.orders (customer int, id int, total int,"
              + " PRIMARY KEY (customer, id))");
      try {
        session.queryUnpaged("SELECT nothing FROM examples.orders");
      } catch (DbException e) {
        // an unknown column: the listener counts a failed request
      }

      // tag::history[]
      HistoryCollector history = new HistoryCollector(); // keeps everything: debugging, tests
      Statement lookUp =
          new Statement("SELECT id, total FROM examples.orders WHERE customer = 7")
              .setHistoryListener(history); // this statement's requests only
      session.queryUnpaged(lookUp);
      StructuredHistory structured = history.structuredHistory();
      System.out.print(structured); // each request, its executions ("fibers") and attempts
      // end::history[]

      return new Listened(
          stats.succeeded.sum(),
          stats.failed.sum(),
          stats.attempts.sum(),
          List.copyOf(stats.slow),
          structured);
    }
  }

  /**
   * Traces a SELECT, a batch and two pages.
   *
   * @param session the session
   * @return the traces
   */
  public static Outcome run(Session session) {
    Examples.createKeyspace(session);
    session.queryUnpaged(
        "CREATE TABLE IF NOT EXISTS examples.orders (customer int, id int, total int,"
            + " PRIMARY KEY (customer, id))");

    // tag::trace[]
    PreparedStatement select =
        session.prepare("SELECT id, total FROM examples.orders WHERE customer = ?");
    select.setTracing(true); // every execution of this statement is traced

    QueryResult result = session.executeUnpaged(select, Values.of(7));
    UUID tracingId = result.tracingId().orElseThrow(); // present when the server traced it
    TracingInfo trace = session.getTracingInfo(tracingId); // waits until the trace is complete

    List<String> lines = new ArrayList<>();
    lines.add(trace.request() + " on " + trace.coordinator() + " took " + trace.duration());
    for (TracingInfo.Event event : trace.events()) {
      lines.add("  " + event.sourceElapsed() + " " + event.source() + " " + event.activity());
    }
    // end::trace[]

    // tag::batch[]
    Batch batch =
        new Batch(BatchType.UNLOGGED)
            .appendStatement("INSERT INTO examples.orders (customer, id, total) VALUES (7, 1, 10)")
            .appendStatement("INSERT INTO examples.orders (customer, id, total) VALUES (7, 2, 25)")
            .setTracing(true); // the batch's own setting: its statements' settings are ignored
    UUID batchTrace = session.batch(batch, List.of(Values.EMPTY, Values.EMPTY)).tracingId().get();
    // end::batch[]

    // tag::pages[]
    Statement all =
        new Statement("SELECT id FROM examples.orders WHERE customer = 7")
            .setPageSize(1)
            .setTracing(true);
    QueryPage first = session.querySinglePage(all, Values.EMPTY, PagingState.start());
    QueryPage second = session.querySinglePage(all, Values.EMPTY, first.pagingState().next());
    // each page is a request of its own, with a trace of its own
    List<UUID> pages = List.of(first.result().tracingId().get(), second.result().tracingId().get());
    // end::pages[]

    boolean untraced =
        session
            .queryUnpaged("SELECT id FROM examples.orders WHERE customer = 7")
            .tracingId()
            .isPresent();
    lines.forEach(System.out::println);
    return new Outcome(trace, lines, session.getTracingInfo(batchTrace), pages, untraced);
  }
}
