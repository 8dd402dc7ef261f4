package org.cql4j.protocol;

/**
 * The root of every exception cql4j throws: catch this to handle any driver failure. Immutable and
 * thread-safe.
 *
 * <p>It is unchecked, and each layer has its own sub-hierarchy: {@link ProtocolException} for
 * malformed bytes, serialization and deserialization errors for values, server errors ({@code
 * DbException}), and the session's client-side errors.
 */
public class CqlException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message that says what failed.
   *
   * @param message what failed, naming the value, type, column or node involved
   */
  public CqlException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and the underlying cause.
   *
   * @param message what failed, naming the value, type, column or node involved
   * @param cause the underlying failure
   */
  public CqlException(String message, Throwable cause) {
    super(message, cause);
  }
}
