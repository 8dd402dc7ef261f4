package org.cql4j.cli.shell;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.cql4j.cli.Errors;
import org.cql4j.session.Session;
import org.cql4j.session.TracingInfo;

/**
 * Prints a statement's server-side trace as cqlsh does: the session id, then one row per event with
 * its activity, the node that recorded it and the microseconds elapsed on that node, and a last
 * {@code Request complete} row with the whole request's duration. Not thread-safe; confined to the
 * shell's thread.
 */
final class TracePrinter {

  private final Session session;
  private final PrintWriter out;

  /**
   * Creates a printer.
   *
   * @param session the session to read the trace with
   * @param out where the trace goes
   */
  TracePrinter(Session session, PrintWriter out) {
    this.session = session;
    this.out = out;
  }

  /**
   * Reads a trace (waiting until the server has written it) and prints it; a trace that cannot be
   * read prints a warning, as the statement itself succeeded.
   *
   * @param tracingId the trace's id
   */
  void print(UUID tracingId) {
    out.println();
    out.println("Tracing session: " + tracingId);
    TracingInfo trace;
    try {
      trace = session.getTracingInfo(tracingId);
    } catch (RuntimeException e) {
      out.println("Warning: the trace could not be read: " + Errors.describe(e));
      return;
    }
    out.println();
    TableFormatter.format(List.of("activity", "source", "source_elapsed"), rows(trace))
        .forEach(out::println);
    out.println();
  }

  /**
   * The rows of the trace table.
   *
   * @param trace the trace
   * @return one row per event, then {@code Request complete}
   */
  static List<List<String>> rows(TracingInfo trace) {
    List<List<String>> rows = new ArrayList<>();
    for (TracingInfo.Event event : trace.events()) {
      rows.add(
          List.of(
              event.activity() == null ? "" : event.activity(),
              address(event.source()),
              micros(event.sourceElapsed())));
    }
    rows.add(List.of("Request complete", address(trace.coordinator()), micros(trace.duration())));
    return rows;
  }

  private static String address(InetAddress address) {
    return address == null ? "" : address.getHostAddress();
  }

  private static String micros(Duration duration) {
    return duration == null ? "" : Long.toString(duration.toNanos() / 1_000);
  }
}
