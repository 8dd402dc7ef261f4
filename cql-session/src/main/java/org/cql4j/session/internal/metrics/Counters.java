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

  final LongAdder queries = new LongAdder();
  private final LongAdder inFlight = new LongAdder();
  private final LongAdder[] errors = new LongAdder[KINDS.length];
  private final LongAdder retries = new LongAdder();
  private final LongAdder speculative = new LongAdder();
  private final LongAdder timeouts = new LongAdder();
  private final LatencyWindows latencies = new LatencyWindows();
  private final Rates rates = new Rates();

  Counters() {
    for (int i = 0; i < errors.length; i++) {
      errors[i] = new LongAdder();
    }
  }

  /** Started: counted in flight until it ends. */
  final void started() {
    inFlight.increment();
  }

  /** Ended with a success, after {@code nanos}. */
  final void succeeded(long nanos) {
    inFlight.decrement();
    latencies.record(nanos);
  }

  /** Ended with an error. */
  final void failed(Throwable error) {
    inFlight.decrement();
    ErrorKind kind = kindOf(error);
    errors[kind.ordinal()].increment();
    if (kind == ErrorKind.CLIENT_TIMEOUT) {
      timeouts.increment();
    }
  }

  /** Ended without counting: its request completed elsewhere. */
  final void ended() {
    inFlight.decrement();
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
  public long queriesCount() {
    return queries.sum();
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
    return timeouts.sum();
  }

  @Override
  public long requestsInFlight() {
    return inFlight.sum();
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
