package org.cql4j.testkit;

/**
 * A Cassandra node did not start: its process exited, or it did not answer CQL in time. Immutable
 * and thread-safe.
 *
 * <p>The message holds the reason and the last lines of the node's logs, which usually name the
 * cause (a port in use, a bad cassandra.yaml setting, too little memory).
 */
public final class CassandraStartException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the reason, followed by the tail of the node's logs
   * @param cause the last failure of the readiness probe, or null
   */
  public CassandraStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
