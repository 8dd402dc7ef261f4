package org.cql4j.protocol.value;

/**
 * The value of a {@code counter} column. Immutable and thread-safe.
 *
 * @param value the counter's value
 */
public record Counter(long value) {}
