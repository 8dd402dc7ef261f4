package org.cql4j.protocol.value;

import java.time.LocalTime;

/**
 * The raw value of a CQL {@code time}: nanoseconds since midnight. Immutable and thread-safe.
 *
 * <p>native_protocol_v4.spec §6.16: valid values are 0 to 86399999999999; this type carries any
 * 64-bit value, so a malformed one can still be read.
 *
 * @param nanosOfDay nanoseconds since midnight
 */
public record CqlTime(long nanosOfDay) {
  /**
   * Returns the time as a {@link LocalTime}. Thread-safe.
   *
   * @return the time
   * @throws java.time.DateTimeException if the value is outside 0 to 86399999999999
   */
  public LocalTime toLocalTime() {
    return LocalTime.ofNanoOfDay(nanosOfDay);
  }

  /**
   * Returns the raw value of a time. Thread-safe.
   *
   * @param time the time
   * @return the raw value
   */
  public static CqlTime of(LocalTime time) {
    return new CqlTime(time.toNanoOfDay());
  }
}
