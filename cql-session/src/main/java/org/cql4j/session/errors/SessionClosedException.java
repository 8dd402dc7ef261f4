package org.cql4j.session.errors;

import org.cql4j.protocol.CqlException;

/**
 * The session was closed before the call. Immutable and thread-safe.
 *
 * <p>Every call on a closed session throws this exception at once, the {@code ...Async} methods
 * included. Requests already in flight when {@code close()} is called are not affected: they
 * complete (or fail with their own error) before the connections close.
 */
public class SessionClosedException extends CqlException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with the standard message. */
  public SessionClosedException() {
    this("the session is closed: create a new Session to run more requests");
  }

  /**
   * Creates an exception with a message that says which call found the session closed.
   *
   * @param message what failed, e.g. {@code "cannot prepare 'SELECT ...': the session is closed"}
   */
  public SessionClosedException(String message) {
    super(message);
  }
}
