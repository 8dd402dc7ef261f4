package org.cql4j.session.errors;

import java.time.Duration;
import java.util.Optional;
import org.cql4j.protocol.CqlException;

/**
 * The client-side request timeout elapsed before a response arrived. Immutable and thread-safe.
 *
 * <p>This is the driver's own timer ({@code setRequestTimeout} on the statement or the execution
 * profile), not a server-side {@code ReadTimeout}/{@code WriteTimeout}, which arrive as a {@code
 * DbException}. The request may or may not have been applied by the server.
 */
public class RequestTimeoutException extends CqlException {
  private static final long serialVersionUID = 1L;

  private final Duration timeout;

  /**
   * Creates an exception for a request that did not complete within {@code timeout}.
   *
   * @param message what timed out, naming the request and the node when known
   * @param timeout the timeout that elapsed
   */
  public RequestTimeoutException(String message, Duration timeout) {
    super(message);
    this.timeout = timeout;
  }

  /**
   * Creates an exception with a message only, when the timeout value is not known.
   *
   * @param message what timed out, naming the request and the node when known
   */
  public RequestTimeoutException(String message) {
    this(message, null);
  }

  /**
   * Creates a timeout for {@code request} with a standard message: {@code "<request> timed out
   * after <n> ms"}.
   *
   * @param request a short description of the request, e.g. {@code "QUERY 'SELECT ...' on
   *     /10.0.0.1:9042"}
   * @param timeout the timeout that elapsed
   * @return the exception
   */
  public static RequestTimeoutException after(String request, Duration timeout) {
    return new RequestTimeoutException(
        request + " timed out after " + timeout.toMillis() + " ms", timeout);
  }

  /** The timeout that elapsed, when known. */
  public Optional<Duration> timeout() {
    return Optional.ofNullable(timeout);
  }
}
