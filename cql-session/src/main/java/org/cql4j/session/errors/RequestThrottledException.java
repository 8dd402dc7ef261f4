package org.cql4j.session.errors;

import org.cql4j.protocol.CqlException;

/**
 * The session refused a request without sending it: as many requests as {@code
 * SessionBuilder.maxConcurrentRequests} allows were in flight and as many waited in its queue. The
 * application sends faster than the cluster answers; slow down, or raise the limits. Nothing was
 * sent, so the request can be retried as it is. Immutable and thread-safe.
 */
public class RequestThrottledException extends CqlException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the limits that were reached
   */
  public RequestThrottledException(String message) {
    super(message);
  }
}
