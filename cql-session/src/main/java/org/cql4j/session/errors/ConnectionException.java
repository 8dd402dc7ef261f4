package org.cql4j.session.errors;

import org.cql4j.protocol.CqlException;

/**
 * A connection to a node could not be opened or broke while in use: refused, reset, TLS handshake
 * failed, the handshake timed out, or no node at all could be reached by {@code build()}. Immutable
 * and thread-safe.
 *
 * <p>The message names the node address and what failed; the cause (an {@code IOException}, an
 * {@code SSLException}, ...) is kept when there is one.
 */
public class ConnectionException extends CqlException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message that names the node and what failed.
   *
   * @param message what failed, e.g. {@code "connection to /10.0.0.1:9042 refused"}
   */
  public ConnectionException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and the underlying cause.
   *
   * @param message what failed, naming the node
   * @param cause the underlying failure, e.g. a {@code javax.net.ssl.SSLException}
   */
  public ConnectionException(String message, Throwable cause) {
    super(message, cause);
  }
}
