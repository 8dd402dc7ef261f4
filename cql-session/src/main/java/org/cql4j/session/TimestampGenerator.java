package org.cql4j.session;

/**
 * Supplies the client-side write timestamp sent with every request (native_protocol_v4.spec §4.1.4,
 * flag 0x20), so that two writes from one client are ordered as the client issued them, whatever
 * the coordinators' clocks say. Implementations must be thread-safe.
 *
 * <p>A statement's own {@code setTimestamp(...)} wins over the generator. Plug one in with {@code
 * Session.builder().timestampGenerator(...)}; the default is {@link MonotonicTimestampGenerator}.
 * {@link #SERVER_SIDE} sends none and lets the coordinator stamp the write.
 */
@FunctionalInterface
public interface TimestampGenerator {

  /** Sends no timestamp: the coordinator assigns one. */
  TimestampGenerator SERVER_SIDE = () -> Long.MIN_VALUE;

  /**
   * Returns the timestamp of the next request, in microseconds since the epoch, or {@code
   * Long.MIN_VALUE} to send none. Called once per request, from any thread.
   *
   * @return microseconds since 1970-01-01T00:00:00Z, or {@code Long.MIN_VALUE}
   */
  long next();
}
