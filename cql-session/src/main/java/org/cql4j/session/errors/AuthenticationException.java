package org.cql4j.session.errors;

/**
 * The node requires authentication and the credentials were missing or rejected. Immutable and
 * thread-safe.
 *
 * <p>It is a {@link ConnectionException} because the connection cannot be used without
 * authenticating; the message names the node and the authenticator the server asked for, and
 * suggests configuring {@code SessionBuilder.user(name, password)} when no credentials were given.
 */
public class AuthenticationException extends ConnectionException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message that names the node and why authentication failed.
   *
   * @param message what failed, e.g. {@code "/10.0.0.1:9042 rejected user 'bob': bad credentials"}
   */
  public AuthenticationException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and the underlying cause (often the server's error).
   *
   * @param message what failed, naming the node
   * @param cause the underlying failure, e.g. a {@code DbException} carrying {@code
   *     AuthenticationError}
   */
  public AuthenticationException(String message, Throwable cause) {
    super(message, cause);
  }
}
