package org.cql4j.session.internal.metrics;

import java.util.concurrent.atomic.LongAdder;
import org.cql4j.protocol.errors.DbError;
import org.cql4j.protocol.errors.DbException;
import org.cql4j.session.errors.ConnectionException;
import org.cql4j.session.errors.NoHostAvailableException;
import org.cql4j.session.errors.RequestTimeoutException;
import org.cql4j.session.observability.ErrorKind;
import org.cql4j.session.observability.LatencySnapshot;
import org.cql4j.session.observability.LatencyWindow;
import org.cql4j.session.observability.RequestMetrics;

/**
 * The request figures of a session or a node: {@link LongAdder}s, which threads increment without
 * contending, and a latency recorder. Thread-safe.
 */
abstract class Counters implements RequestMetrics {
  private static final ErrorKind[] KINDS = ErrorKind.values();

  private final LongAdder[] errors = new LongAdder[KINDS.length];
  private final LongAdder ended = new LongAdder();
  private final LongAdder retries = new LongAdder();
  private final LongAdder speculative = new LongAdder();
  private final LatencyWindows latencies = new LatencyWindows();
  private final Rates rates = new Rates();

  Counters() {
    for (int i = 0; i < errors.length; i++) {
      errors[i] = new LongAdder();
    }
  }

  /** How many started: requests (session) or attempts (node), each in flight until it ends. */
  abstract long started();

  /** Ended with a success, after {@code nanos}: the latency's count is the success's. */
  final void succeeded(long nanos) {
    latencies.record(nanos);
  }

  /** Ended with an error. */
  final void failed(Throwable error) {
    errors[kindOf(error).ordinal()].increment();
  }

  /** Ended without counting: its request completed elsewhere. */
  final void ended() {
    ended.increment();
  }

  final void retried() {
    retries.increment();
  }

  final void speculated() {
    speculative.increment();
  }

  /** The metrics tick: the rates fold in the last interval, the latency minute may end. */
  final void tick(boolean minuteEnded) {
    rates.tick(queriesCount());
    if (minuteEnded) {
      latencies.rotate();
    }
  }

  static ErrorKind kindOf(Throwable error) {
    if (error instanceof RequestTimeoutException) {
      return ErrorKind.CLIENT_TIMEOUT;
    }
    if (error instanceof ConnectionException || error instanceof NoHostAvailableException) {
      return ErrorKind.CONNECTION;
    }
    if (error instanceof DbException db) {
      DbError e = db.error();
      if (e instanceof DbError.ReadTimeout) {
        return ErrorKind.READ_TIMEOUT;
      } else if (e instanceof DbError.WriteTimeout) {
        return ErrorKind.WRITE_TIMEOUT;
      } else if (e instanceof DbError.Unavailable) {
        return ErrorKind.UNAVAILABLE;
      } else if (e instanceof DbError.Overloaded || e instanceof DbError.IsBootstrapping) {
        return ErrorKind.OVERLOADED;
      }
      return ErrorKind.OTHER_SERVER_ERROR;
    }
    return ErrorKind.OTHER;
  }

  @Override
  public long errorsCount() {
    long sum = 0;
    for (LongAdder e : errors) {
      sum += e.sum();
    }
    return sum;
  }

  @Override
  public long errorsCount(ErrorKind kind) {
    return errors[kind.ordinal()].sum();
  }

  @Override
  public long retriesCount() {
    return retries.sum();
  }

  @Override
  public long speculativeExecutionsCount() {
    return speculative.sum();
  }

  @Override
  public long requestTimeoutsCount() {
    return errorsCount(ErrorKind.CLIENT_TIMEOUT);
  }

  // nothing to count per request: what started minus what ended, read in this order so that a
  // request ending meanwhile cannot make it negative
  @Override
  public long requestsInFlight() {
    long done = ended.sum() + errorsCount() + latencies.count();
    return Math.max(0, started() - done);
  }

  @Override
  public LatencySnapshot latency(LatencyWindow window) {
    return latencies.snapshot(window);
  }

  @Override
  public double meanRate() {
    return rates.mean(queriesCount());
  }

  @Override
  public double oneMinuteRate() {
    return rates.oneMinute();
  }

  @Override
  public double fiveMinuteRate() {
    return rates.fiveMinutes();
  }

  @Override
  public double fifteenMinuteRate() {
    return rates.fifteenMinutes();
  }
}
