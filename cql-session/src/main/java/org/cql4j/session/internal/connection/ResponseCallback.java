package org.cql4j.session.internal.connection;

import org.cql4j.protocol.frame.ResponseEnvelope;

/**
 * Receives the outcome of one request sent with {@link Connection#send(org.cql4j.protocol.message
 * .Request, boolean, java.util.Map, java.time.Duration, ResponseCallback)}: exactly one of its
 * methods is called, once, on the connection's event loop (or on the caller's thread when the
 * request fails before reaching the event loop).
 *
 * <p>This is the allocation-free alternative to the future-returning {@code send}: the request path
 * passes an object it already has instead of chaining a future and a lambda per request.
 */
public interface ResponseCallback {
  /**
   * The response arrived (not an ERROR: those come to {@link #onFailure} as a {@code DbException}).
   *
   * @param response the response; the callback owns its message and releases it
   */
  void onResponse(ResponseEnvelope response);

  /**
   * The request failed: an ERROR response, a timeout, a closed connection, an encoding error.
   *
   * @param error why
   */
  void onFailure(Throwable error);

  /**
   * Whether the caller gave up before the request was written; such a request is not sent.
   *
   * @return {@code true} to drop the request
   */
  default boolean isCancelled() {
    return false;
  }
}
