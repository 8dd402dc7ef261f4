package org.cql4j.session.policy;

import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.errors.DbError;
import org.cql4j.protocol.errors.DbException;
import org.cql4j.protocol.errors.WriteType;

/**
 * A retry policy that, when too few replicas answered, retries at the consistency the answers
 * suggest can still work (the Rust driver's {@code DowngradingConsistencyRetryPolicy}): {@code
 * THREE}, {@code TWO} or {@code ONE} for as many replicas as were alive or answered. Immutable and
 * thread-safe; each request gets its own {@link RetrySession}.
 *
 * <p>Use it only where a weaker read or write is better than none: a downgraded write is durable on
 * fewer replicas than asked, and a downgraded read may miss the latest write. At most one retry per
 * request:
 *
 * <ol>
 *   <li>SERIAL and LOCAL_SERIAL requests are never retried.
 *   <li>A broken connection, {@code Overloaded}, {@code ServerError}, {@code TruncateError}: the
 *       next node, for idempotent statements only.
 *   <li>{@code Unavailable}: the same node at the strongest consistency the alive replicas can meet
 *       ({@code ONE} at least for {@code EACH_QUORUM}, which reports no global count).
 *   <li>{@code ReadTimeout}: too few answers, the same node at the consistency they meet; enough
 *       answers but no data, the same node at the same consistency.
 *   <li>{@code WriteTimeout}, idempotent statements only: a {@code SIMPLE} or {@code BATCH} write
 *       that reached a replica is treated as applied (the error is ignored); an {@code
 *       UNLOGGED_BATCH} is retried at the consistency the acknowledgements meet; a {@code
 *       BATCH_LOG} write is retried as it was.
 *   <li>{@code IsBootstrapping}: the next node. Anything else: no retry.
 * </ol>
 */
public final class DowngradingConsistencyRetryPolicy implements RetryPolicy {
  /** The shared instance. */
  public static final DowngradingConsistencyRetryPolicy INSTANCE =
      new DowngradingConsistencyRetryPolicy();

  private DowngradingConsistencyRetryPolicy() {}

  @Override
  public RetrySession newSession() {
    return new Session();
  }

  /** Remembers whether the one retry was used; confined to one request. */
  private static final class Session implements RetrySession {
    private boolean retried;

    @Override
    public RetryDecision decide(RequestInfo info) {
      Consistency cl = info.consistency();
      if (cl.isSerial()) {
        return RetryDecision.DONT_RETRY;
      }
      Throwable error = info.error();
      if (DefaultRetryPolicy.isBrokenConnection(error)) {
        return info.idempotent() ? RetryDecision.RETRY_NEXT_TARGET : RetryDecision.DONT_RETRY;
      }
      if (!(error instanceof DbException db)) {
        return RetryDecision.DONT_RETRY;
      }
      DbError e = db.error();
      if (DefaultRetryPolicy.isNodeProblem(e)) {
        return info.idempotent() ? RetryDecision.RETRY_NEXT_TARGET : RetryDecision.DONT_RETRY;
      }
      if (e instanceof DbError.IsBootstrapping) {
        return RetryDecision.RETRY_NEXT_TARGET;
      }
      if (retried) {
        return RetryDecision.DONT_RETRY;
      }
      if (e instanceof DbError.Unavailable u) {
        retried = true;
        return maxLikelyToWork(u.alive(), cl);
      }
      if (e instanceof DbError.ReadTimeout t) {
        if (t.received() < t.blockFor()) {
          retried = true;
          return maxLikelyToWork(t.received(), cl);
        }
        if (!t.dataPresent()) {
          retried = true;
          return RetryDecision.RETRY_SAME_TARGET;
        }
        return RetryDecision.DONT_RETRY;
      }
      if (e instanceof DbError.WriteTimeout t && info.idempotent()) {
        retried = true;
        WriteType type = t.writeType();
        if ((WriteType.SIMPLE.equals(type) || WriteType.BATCH.equals(type)) && t.received() > 0) {
          return new RetryDecision.IgnoreWriteError();
        }
        if (WriteType.UNLOGGED_BATCH.equals(type)) {
          return maxLikelyToWork(t.received(), cl);
        }
        if (WriteType.BATCH_LOG.equals(type)) {
          return RetryDecision.RETRY_SAME_TARGET;
        }
      }
      return RetryDecision.DONT_RETRY;
    }

    private static RetryDecision maxLikelyToWork(int knownOk, Consistency previous) {
      if (knownOk >= 3) {
        return new RetryDecision.RetrySameTarget(Consistency.THREE);
      }
      if (knownOk == 2) {
        return new RetryDecision.RetrySameTarget(Consistency.TWO);
      }
      // EACH_QUORUM reports no global count of alive replicas: one may be up elsewhere
      if (knownOk == 1 || previous == Consistency.EACH_QUORUM) {
        return new RetryDecision.RetrySameTarget(Consistency.ONE);
      }
      return RetryDecision.DONT_RETRY;
    }
  }
}
