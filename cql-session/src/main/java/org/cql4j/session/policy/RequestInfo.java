package org.cql4j.session.policy;

import java.util.Objects;
import org.cql4j.protocol.Consistency;

/**
 * What a retry policy is told about a failed attempt. Immutable and thread-safe.
 *
 * @param error what the attempt failed with: a {@code DbException} for a server error, a {@code
 *     ConnectionException} when the connection broke, or another exception
 * @param idempotent whether the statement was declared idempotent; {@code false} means "not known
 *     to be idempotent"
 * @param consistency the consistency the attempt was sent with
 */
public record RequestInfo(Throwable error, boolean idempotent, Consistency consistency) {
  /** Checks the arguments. */
  public RequestInfo {
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(consistency, "consistency");
  }
}
