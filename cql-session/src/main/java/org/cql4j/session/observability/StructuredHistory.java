package org.cql4j.session.observability;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.cql4j.session.policy.RetryDecision;

/**
 * The history a {@link HistoryCollector} recorded, as a tree (the Rust driver's {@code
 * StructuredHistory}): requests, their fibers (the first execution and the speculative ones), and
 * each fiber's attempts. Immutable and thread-safe; {@link #toString()} prints it for humans.
 *
 * @param requests the requests, in the order they started
 */
public record StructuredHistory(List<RequestHistory> requests) {
  /** Copies the list. */
  public StructuredHistory {
    requests = List.copyOf(requests);
  }

  /**
   * One request.
   *
   * @param start when it started
   * @param firstFiber its first execution
   * @param speculativeFibers its speculative executions, in start order
   * @param result how it ended, empty while it runs
   */
  public record RequestHistory(
      Instant start,
      FiberHistory firstFiber,
      List<FiberHistory> speculativeFibers,
      Optional<Outcome> result) {
    /** Copies the list. */
    public RequestHistory {
      speculativeFibers = List.copyOf(speculativeFibers);
    }
  }

  /**
   * One execution of a request: its attempts, one after the other.
   *
   * @param start when it started
   * @param attempts its attempts, in order
   */
  public record FiberHistory(Instant start, List<AttemptHistory> attempts) {
    /** Copies the list. */
    public FiberHistory {
      attempts = List.copyOf(attempts);
    }
  }

  /**
   * One attempt.
   *
   * @param sent when it was sent
   * @param node where
   * @param result how it ended, empty while it waits
   */
  public record AttemptHistory(Instant sent, InetSocketAddress node, Optional<Outcome> result) {}

  /**
   * How a request or an attempt ended.
   *
   * @param time when
   * @param error the error, or null on success
   * @param retryDecision for a failed attempt, what the retry policy decided, or null
   */
  public record Outcome(Instant time, Throwable error, RetryDecision retryDecision) {
    /** Whether it succeeded. */
    public boolean isSuccess() {
      return error == null;
    }
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    for (int r = 0; r < requests.size(); r++) {
      RequestHistory request = requests.get(r);
      out.append("Request #").append(r).append(" (").append(request.start()).append(")\n");
      fiber(out, "non-speculative fiber", request.firstFiber());
      for (int f = 0; f < request.speculativeFibers().size(); f++) {
        fiber(out, "speculative fiber #" + f, request.speculativeFibers().get(f));
      }
      out.append("| request ").append(outcome(request.result())).append('\n');
    }
    return out.toString();
  }

  private static void fiber(StringBuilder out, String name, FiberHistory fiber) {
    out.append("| ").append(name).append(" (").append(fiber.start()).append(")\n");
    for (AttemptHistory a : fiber.attempts()) {
      out.append("| | attempt to ")
          .append(a.node())
          .append(": ")
          .append(outcome(a.result()))
          .append('\n');
    }
  }

  private static String outcome(Optional<Outcome> result) {
    if (result.isEmpty()) {
      return "no result yet";
    }
    Outcome o = result.get();
    return o.isSuccess()
        ? "succeeded"
        : "failed: " + o.error() + (o.retryDecision() == null ? "" : ", then " + o.retryDecision());
  }
}
