package org.cql4j.session.policy;

import java.io.IOException;
import org.cql4j.protocol.errors.DbError;
import org.cql4j.protocol.errors.DbException;
import org.cql4j.protocol.errors.WriteType;
import org.cql4j.session.errors.AuthenticationException;
import org.cql4j.session.errors.ConnectionException;

/**
 * The shipped retry policy: retries only when a retry has a good chance to help, with the rules of
 * the ScyllaDB Rust driver's {@code DefaultRetryPolicy} (themselves those of the DataStax Java
 * driver 4). Immutable and thread-safe; each request gets its own {@link RetrySession}.
 *
 * <ol>
 *   <li>A request at SERIAL or LOCAL_SERIAL consistency is never retried.
 *   <li>The connection broke ({@link ConnectionException} other than {@link
 *       AuthenticationException}, or an {@link IOException}), {@code Overloaded}, {@code
 *       ServerError}, {@code TruncateError}: the node has a problem, so retry on the <em>next</em>
 *       node, but only if the statement is idempotent (it may have been applied).
 *   <li>{@code Unavailable}: the coordinator thinks too few replicas are alive, perhaps because of
 *       its own network problem: retry once on the <em>next</em> node, idempotent or not (nothing
 *       was applied).
 *   <li>{@code ReadTimeout}: retry once on the <em>same</em> node, only if enough replicas answered
 *       ({@code received >= blockFor}) but the data replica did not ({@code !dataPresent}); the
 *       coordinator will have noticed the dead replica by then. Idempotence does not matter: reads
 *       change nothing.
 *   <li>{@code WriteTimeout}: retry once on the <em>same</em> node, only if the statement is
 *       idempotent and the timeout was writing the batch log ({@code BATCH_LOG}).
 *   <li>{@code IsBootstrapping}: the node cannot serve requests yet: retry on the <em>next</em>
 *       node, always (nothing was applied).
 *   <li>Everything else (syntax, invalid, unauthorized, read/write failures, unprepared, protocol
 *       errors, client-side timeouts...): do not retry.
 * </ol>
 */
public final class DefaultRetryPolicy implements RetryPolicy {
  /** The shared instance. */
  public static final DefaultRetryPolicy INSTANCE = new DefaultRetryPolicy();

  private DefaultRetryPolicy() {}

  @Override
  public RetrySession newSession() {
    return new Session();
  }

  /**
   * Whether the node itself has a problem ({@code Overloaded}, {@code ServerError}, {@code
   * TruncateError}): another node may serve the request.
   */
  static boolean isNodeProblem(DbError error) {
    return error instanceof DbError.Overloaded
        || error instanceof DbError.ServerError
        || error instanceof DbError.TruncateError;
  }

  /** Whether an attempt failed because its connection broke (the request may have run). */
  static boolean isBrokenConnection(Throwable error) {
    return (error instanceof ConnectionException && !(error instanceof AuthenticationException))
        || error instanceof IOException;
  }

  /** Remembers which once-only retries were used; confined to one request. */
  private static final class Session implements RetrySession {
    private boolean unavailableRetried;
    private boolean readTimeoutRetried;
    private boolean writeTimeoutRetried;

    @Override
    public RetryDecision decide(RequestInfo info) {
      if (info.consistency().isSerial()) {
        return RetryDecision.DONT_RETRY;
      }
      Throwable error = info.error();
      if (DefaultRetryPolicy.isBrokenConnection(error)) {
        return nextIfIdempotent(info);
      }
      if (!(error instanceof DbException db)) {
        return RetryDecision.DONT_RETRY;
      }
      DbError e = db.error();
      if (isNodeProblem(e)) {
        return nextIfIdempotent(info);
      }
      if (e instanceof DbError.Unavailable) {
        if (unavailableRetried) {
          return RetryDecision.DONT_RETRY;
        }
        unavailableRetried = true;
        return RetryDecision.RETRY_NEXT_TARGET;
      }
      if (e instanceof DbError.ReadTimeout t) {
        if (readTimeoutRetried || t.received() < t.blockFor() || t.dataPresent()) {
          return RetryDecision.DONT_RETRY;
        }
        readTimeoutRetried = true;
        return RetryDecision.RETRY_SAME_TARGET;
      }
      if (e instanceof DbError.WriteTimeout t) {
        if (writeTimeoutRetried
            || !info.idempotent()
            || !WriteType.BATCH_LOG.equals(t.writeType())) {
          return RetryDecision.DONT_RETRY;
        }
        writeTimeoutRetried = true;
        return RetryDecision.RETRY_SAME_TARGET;
      }
      if (e instanceof DbError.IsBootstrapping) {
        return RetryDecision.RETRY_NEXT_TARGET;
      }
      return RetryDecision.DONT_RETRY;
    }

    private static RetryDecision nextIfIdempotent(RequestInfo info) {
      return info.idempotent() ? RetryDecision.RETRY_NEXT_TARGET : RetryDecision.DONT_RETRY;
    }
  }
}
