package org.cql4j.protocol.value;

import java.time.Instant;

/**
 * The raw value of a CQL {@code timestamp}: milliseconds since 1970-01-01T00:00:00Z. Immutable and
 * thread-safe.
 *
 * @param millisSinceEpoch milliseconds since the epoch, negative before it (native_protocol_v4.spec
 *     §6.17)
 */
public record CqlTimestamp(long millisSinceEpoch) {
  /**
   * Returns the timestamp as an {@link Instant}. Thread-safe.
   *
   * @return the instant
   */
  public Instant toInstant() {
    return Instant.ofEpochMilli(millisSinceEpoch);
  }

  /**
   * Returns the raw value of an instant, truncated to milliseconds. Thread-safe.
   *
   * @param instant the instant
   * @return the raw value
   * @throws ArithmeticException if the instant does not fit in 64-bit milliseconds
   */
  public static CqlTimestamp of(Instant instant) {
    return new CqlTimestamp(instant.toEpochMilli());
  }
}
