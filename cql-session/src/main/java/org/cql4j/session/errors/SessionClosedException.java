package org.cql4j.session.errors;

import org.cql4j.protocol.CqlException;

/**
 * The session was closed before or while the call ran. Immutable and thread-safe.
 *
 * <p>Every call on a closed session fails with this exception; requests in flight when {@code
 * close()} is called fail with it too.
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
