package org.cql4j.session;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The default {@link TimestampGenerator}: the wall clock in microseconds, made strictly increasing
 * across all threads of the JVM that share the instance. Thread-safe (one CAS per call).
 *
 * <p>When the clock does not advance between two calls (more than one request per microsecond, or
 * the clock stepped backwards), the next timestamp is the last one plus one, so writes issued in
 * sequence never share or reverse a timestamp. The same rule as the Java driver 4.x's {@code
 * AtomicTimestampGenerator} and the Rust driver's {@code MonotonicTimestampGenerator}.
 */
public final class MonotonicTimestampGenerator implements TimestampGenerator {
  private final Clock clock;
  private final AtomicLong last = new AtomicLong(Long.MIN_VALUE);

  /** A generator over the system clock. */
  public MonotonicTimestampGenerator() {
    this(Clock.systemUTC());
  }

  /**
   * A generator over the given clock (tests use a fixed clock).
   *
   * @param clock the clock to read
   */
  public MonotonicTimestampGenerator(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public long next() {
    Instant now = clock.instant();
    long micros =
        Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000L), now.getNano() / 1000);
    return last.updateAndGet(previous -> micros > previous ? micros : previous + 1);
  }
}
