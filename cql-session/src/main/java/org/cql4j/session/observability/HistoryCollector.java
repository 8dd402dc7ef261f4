package org.cql4j.session.observability;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cql4j.session.policy.RetryDecision;

/**
 * A {@link HistoryListener} that keeps everything it is told, for {@link #structuredHistory()} (the
 * Rust driver's {@code HistoryCollector}). Thread-safe: every method synchronizes on the collector.
 * Meant for debugging and tests: it grows with every request of the statements it is set on, until
 * {@link #clear()}.
 *
 * <pre>{@code
 * HistoryCollector history = new HistoryCollector();
 * statement.setHistoryListener(history);
 * session.executeUnpaged(statement, values);
 * System.out.println(history.structuredHistory()); // requests, fibers, attempts
 * }</pre>
 */
public final class HistoryCollector implements HistoryListener {
  private final List<Request> requests = new ArrayList<>();
  private final List<Attempt> attempts = new ArrayList<>();
  private final List<Fiber> fibers = new ArrayList<>();

  /** Creates an empty collector. */
  public HistoryCollector() {}

  private static final class Request {
    final Instant start = Instant.now();
    final Fiber first = new Fiber();
    final List<Fiber> speculative = new ArrayList<>();
    StructuredHistory.Outcome result;
  }

  private static final class Fiber {
    final Instant start = Instant.now();
    final List<Attempt> attempts = new ArrayList<>();
  }

  private static final class Attempt {
    final Instant sent = Instant.now();
    final InetSocketAddress node;
    StructuredHistory.Outcome result;

    Attempt(InetSocketAddress node) {
      this.node = node;
    }
  }

  @Override
  public synchronized long onRequestStart() {
    requests.add(new Request());
    return requests.size() - 1;
  }

  @Override
  public synchronized void onRequestSuccess(long requestId) {
    requests.get((int) requestId).result = new StructuredHistory.Outcome(Instant.now(), null, null);
  }

  @Override
  public synchronized void onRequestError(long requestId, Throwable error) {
    requests.get((int) requestId).result =
        new StructuredHistory.Outcome(Instant.now(), error, null);
  }

  @Override
  public synchronized long onSpeculativeFiberStart(long requestId) {
    Fiber fiber = new Fiber();
    requests.get((int) requestId).speculative.add(fiber);
    fibers.add(fiber);
    return fibers.size() - 1;
  }

  @Override
  public synchronized long onAttemptStart(long requestId, long fiberId, InetSocketAddress node) {
    Fiber fiber = fiberId < 0 ? requests.get((int) requestId).first : fibers.get((int) fiberId);
    Attempt attempt = new Attempt(node);
    fiber.attempts.add(attempt);
    attempts.add(attempt);
    return attempts.size() - 1;
  }

  @Override
  public synchronized void onAttemptSuccess(long attemptId) {
    attempts.get((int) attemptId).result = new StructuredHistory.Outcome(Instant.now(), null, null);
  }

  @Override
  public synchronized void onAttemptError(long attemptId, Throwable error, RetryDecision decision) {
    attempts.get((int) attemptId).result =
        new StructuredHistory.Outcome(Instant.now(), error, decision);
  }

  /** Everything recorded so far, as a tree. */
  public synchronized StructuredHistory structuredHistory() {
    List<StructuredHistory.RequestHistory> out = new ArrayList<>();
    for (Request r : requests) {
      out.add(
          new StructuredHistory.RequestHistory(
              r.start,
              fiber(r.first),
              r.speculative.stream().map(HistoryCollector::fiber).toList(),
              Optional.ofNullable(r.result)));
    }
    return new StructuredHistory(out);
  }

  private static StructuredHistory.FiberHistory fiber(Fiber f) {
    return new StructuredHistory.FiberHistory(
        f.start,
        f.attempts.stream()
            .map(
                a ->
                    new StructuredHistory.AttemptHistory(
                        a.sent, a.node, Optional.ofNullable(a.result)))
            .toList());
  }

  /** Forgets everything recorded. */
  public synchronized void clear() {
    requests.clear();
    attempts.clear();
    fibers.clear();
  }
}
