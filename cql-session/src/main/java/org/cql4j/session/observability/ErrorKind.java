package org.cql4j.session.observability;

/** The kinds of error {@link RequestMetrics#errorsCount(ErrorKind)} counts apart. */
public enum ErrorKind {
  /** The server's read timeout (a {@code Read_timeout} error). */
  READ_TIMEOUT,
  /** The server's write timeout (a {@code Write_timeout} error). */
  WRITE_TIMEOUT,
  /** Too few replicas alive ({@code Unavailable}). */
  UNAVAILABLE,
  /** The node is overloaded or bootstrapping ({@code Overloaded}, {@code Is_bootstrapping}). */
  OVERLOADED,
  /** Any other error of the server: a syntax or invalid query, unauthorized, a server error. */
  OTHER_SERVER_ERROR,
  /** The driver's request timeout ran out. */
  CLIENT_TIMEOUT,
  /** The connection failed or closed, or no node could be reached. */
  CONNECTION,
  /** Anything else: a value that could not be serialized, a policy that threw. */
  OTHER
}
