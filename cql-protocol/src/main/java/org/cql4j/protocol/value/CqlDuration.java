package org.cql4j.protocol.value;

/**
 * A CQL {@code duration}: months, days and nanoseconds, kept apart because their lengths vary.
 * Immutable and thread-safe.
 *
 * <p>native_protocol_v5.spec §5.8: three signed vints. The server accepts a duration only if all
 * three components are non-negative or all are non-positive; serialization checks that.
 *
 * @param months the number of months
 * @param days the number of days
 * @param nanoseconds the number of nanoseconds
 */
public record CqlDuration(int months, int days, long nanoseconds) {}
