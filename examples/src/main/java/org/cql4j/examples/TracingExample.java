package org.cql4j.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.cql4j.protocol.value.Values;
import org.cql4j.session.PagingState;
import org.cql4j.session.QueryPage;
import org.cql4j.session.QueryResult;
import org.cql4j.session.Session;
import org.cql4j.session.TracingInfo;
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
   * Runs the example against {@code CQL_CONTACT_POINTS} or a node started for it.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    Examples.withSession(session -> run(session).lines().forEach(System.out::println));
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
