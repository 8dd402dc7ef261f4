package org.cql4j.protocol.value;

import java.time.LocalDate;

/**
 * The raw value of a CQL {@code date}: a signed number of days since 1970-01-01. Immutable and
 * thread-safe.
 *
 * <p>native_protocol_v4.spec §6.5 encodes it as an unsigned int centred at 2^31; every such value
 * fits here and in a {@link LocalDate}. Use this type to carry the raw value unchanged.
 *
 * @param daysSinceEpoch days since 1970-01-01, negative before it
 */
public record CqlDate(int daysSinceEpoch) {
  /**
   * Returns the date as a {@link LocalDate}. Thread-safe.
   *
   * @return the date
   */
  public LocalDate toLocalDate() {
    return LocalDate.ofEpochDay(daysSinceEpoch);
  }

  /**
   * Returns the raw value of a date. Thread-safe.
   *
   * @param date a date within ±2^31 days of 1970-01-01
   * @return the raw value
   * @throws IllegalArgumentException if the date is out of CQL's range
   */
  public static CqlDate of(LocalDate date) {
    long days = date.toEpochDay();
    if (days != (int) days) {
      throw new IllegalArgumentException(date + " is outside the range of CQL date");
    }
    return new CqlDate((int) days);
  }
}
