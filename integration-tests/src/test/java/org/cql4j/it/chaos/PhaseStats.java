package org.cql4j.it.chaos;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.cql4j.protocol.CqlException;
import org.cql4j.protocol.errors.DbException;

/**
 * What the load saw during one fault's phase: requests, successes over time, failures by type, the
 * worst lateness against the request timeout, wrong answers. Thread-safe: every worker records into
 * it.
 */
final class PhaseStats {
  private static final long BUCKET_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  private static final int BUCKETS = 20 * 60 * 10; // 20 minutes of 100 ms buckets

  private final String fault;
  private final long startNanos = System.nanoTime();
  private final LongAdder requests = new LongAdder();
  private final LongAdder writesAcknowledged = new LongAdder();
  private final AtomicLongArray successes = new AtomicLongArray(BUCKETS);
  private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
  private final Map<String, Throwable> firstFailures = new ConcurrentHashMap<>();
  private final List<Throwable> untyped = new CopyOnWriteArrayList<>();
  private final List<String> wrongAnswers = new CopyOnWriteArrayList<>();
  private final AtomicLong worstLatenessNanos = new AtomicLong(Long.MIN_VALUE);
  private volatile long injectedNanos;
  private volatile long healedNanos;

  PhaseStats(String fault) {
    this.fault = fault;
  }

  String fault() {
    return fault;
  }

  void succeeded(long endNanos, boolean write) {
    requests.increment();
    if (write) {
      writesAcknowledged.increment();
    }
    int bucket = (int) ((endNanos - startNanos) / BUCKET_NANOS);
    if (bucket < BUCKETS) {
      successes.incrementAndGet(bucket);
    }
  }

  void failed(Throwable error) {
    requests.increment();
    if (error instanceof CqlException) {
      String type =
          error instanceof DbException db
              ? "DbException(" + db.error().getClass().getSimpleName() + ")"
              : error.getClass().getSimpleName();
      failures.computeIfAbsent(type, k -> new LongAdder()).increment();
      firstFailures.putIfAbsent(type, error);
    } else {
      failures.computeIfAbsent("untyped", k -> new LongAdder()).increment();
      if (untyped.size() < 10) {
        untyped.add(error);
      }
    }
  }

  void wrongAnswer(String description) {
    if (wrongAnswers.size() < 10) {
      wrongAnswers.add(description);
    }
  }

  /** Records how long a request took beyond ({@code > 0}) or within its timeout. */
  void lateness(long elapsedNanos, Duration timeout) {
    worstLatenessNanos.accumulateAndGet(elapsedNanos - timeout.toNanos(), Math::max);
  }

  void injected() {
    injectedNanos = System.nanoTime();
  }

  void healed() {
    healedNanos = System.nanoTime();
  }

  /** Whether a fault was injected in this phase. */
  boolean faulted() {
    return injectedNanos != 0;
  }

  long requests() {
    return requests.sum();
  }

  long writesAcknowledged() {
    return writesAcknowledged.sum();
  }

  /** Failures by exception type, sorted by name. */
  Map<String, Long> failures() {
    Map<String, Long> sorted = new TreeMap<>();
    failures.forEach((type, count) -> sorted.put(type, count.sum()));
    return sorted;
  }

  /** The first failure of each type, for the log. */
  Map<String, Throwable> firstFailures() {
    return new TreeMap<>(firstFailures);
  }

  List<Throwable> untyped() {
    return List.copyOf(untyped);
  }

  List<String> wrongAnswers() {
    return List.copyOf(wrongAnswers);
  }

  /** How far the slowest request went past its timeout; negative when none reached it. */
  Duration worstLateness() {
    long worst = worstLatenessNanos.get();
    return worst == Long.MIN_VALUE ? Duration.ZERO : Duration.ofNanos(worst);
  }

  /** Successes per second in {@code [fromNanos, toNanos)}, from the 100 ms buckets. */
  double successRate(long fromNanos, long toNanos) {
    int from = (int) Math.max(0, (fromNanos - startNanos) / BUCKET_NANOS);
    int to = (int) Math.min(BUCKETS, (toNanos - startNanos) / BUCKET_NANOS);
    if (to <= from) {
      return 0;
    }
    long sum = 0;
    for (int i = from; i < to; i++) {
      sum += successes.get(i);
    }
    return sum * 1e9 / ((to - from) * BUCKET_NANOS);
  }

  /** Successes per second before the fault was injected (from the phase's start). */
  double baselineRate() {
    return successRate(startNanos, injectedNanos);
  }

  /**
   * The time from the fault's end until the first second in which the load succeeded at least at
   * {@code fraction} of its baseline rate (that second's end), or empty if it has not yet.
   *
   * @param now the latest instant to look at
   */
  Optional<Duration> recoveryTime(double fraction, long now) {
    double target = baselineRate() * fraction;
    long window = TimeUnit.SECONDS.toNanos(1);
    for (long from = healedNanos; from + window <= now; from += BUCKET_NANOS) {
      if (successRate(from, from + window) >= target) {
        return Optional.of(Duration.ofNanos(from + window - healedNanos));
      }
    }
    return Optional.empty();
  }
}
