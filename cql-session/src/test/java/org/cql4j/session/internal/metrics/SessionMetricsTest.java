package org.cql4j.session.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.errors.DbError;
import org.cql4j.protocol.errors.DbException;
import org.cql4j.protocol.errors.WriteType;
import org.cql4j.session.errors.ConnectionException;
import org.cql4j.session.errors.RequestTimeoutException;
import org.cql4j.session.observability.ErrorKind;
import org.cql4j.session.observability.LatencySnapshot;
import org.cql4j.session.observability.LatencyWindow;
import org.cql4j.session.observability.QueryKind;
import org.junit.jupiter.api.Test;

class SessionMetricsTest {
  private final SessionMetrics metrics = new SessionMetrics();

  @Test
  void countsRequestsByKindAndOutcome() {
    metrics.requestStarted(QueryKind.UNPAGED);
    metrics.requestStarted(QueryKind.UNPAGED);
    metrics.requestStarted(QueryKind.ITERATED);
    metrics.requestStarted(QueryKind.PREPARE);
    metrics.requestSucceeded(TimeUnit.MILLISECONDS.toNanos(3));
    metrics.requestFailed(
        RequestTimeoutException.after("QUERY x", java.time.Duration.ofSeconds(1)));
    metrics.requestFailed(new ConnectionException("closed"));
    metrics.requestRetried();
    metrics.speculativeExecutionStarted();

    assertThat(metrics.queriesCount()).isEqualTo(4);
    assertThat(metrics.queriesCount(QueryKind.UNPAGED)).isEqualTo(2);
    assertThat(metrics.queriesCount(QueryKind.SINGLE_PAGE)).isZero();
    assertThat(metrics.requestsInFlight()).isEqualTo(1);
    assertThat(metrics.errorsCount()).isEqualTo(2);
    assertThat(metrics.errorsCount(ErrorKind.CLIENT_TIMEOUT)).isEqualTo(1);
    assertThat(metrics.errorsCount(ErrorKind.CONNECTION)).isEqualTo(1);
    assertThat(metrics.requestTimeoutsCount()).isEqualTo(1);
    assertThat(metrics.retriesCount()).isEqualTo(1);
    assertThat(metrics.speculativeExecutionsCount()).isEqualTo(1);
    assertThat(metrics.latency(LatencyWindow.LIFETIME).count()).isEqualTo(1);
  }

  @Test
  void serverErrorsAreToldApartByKind() {
    assertThat(Counters.kindOf(db(new DbError.ReadTimeout(Consistency.ONE, 0, 1, false))))
        .isEqualTo(ErrorKind.READ_TIMEOUT);
    assertThat(
            Counters.kindOf(db(new DbError.WriteTimeout(Consistency.ONE, 0, 1, WriteType.SIMPLE))))
        .isEqualTo(ErrorKind.WRITE_TIMEOUT);
    assertThat(Counters.kindOf(db(new DbError.Unavailable(Consistency.ONE, 1, 0))))
        .isEqualTo(ErrorKind.UNAVAILABLE);
    assertThat(Counters.kindOf(db(new DbError.Overloaded()))).isEqualTo(ErrorKind.OVERLOADED);
    assertThat(Counters.kindOf(db(new DbError.IsBootstrapping()))).isEqualTo(ErrorKind.OVERLOADED);
    assertThat(Counters.kindOf(db(new DbError.Invalid()))).isEqualTo(ErrorKind.OTHER_SERVER_ERROR);
    assertThat(Counters.kindOf(new IllegalStateException())).isEqualTo(ErrorKind.OTHER);
  }

  private static DbException db(DbError error) {
    return new DbException(error, "forged");
  }

  @Test
  void nodeFiguresAddUpToTheSessionsAndUnknownNodesReadAsZero() {
    NodeCounters a = metrics.forNode(new InetSocketAddress("127.0.0.1", 9042));
    NodeCounters b = metrics.forNode(new InetSocketAddress("127.0.0.2", 9042));
    assertThat(metrics.forNode(new InetSocketAddress("127.0.0.1", 9042))).isSameAs(a);
    a.connectionOpened();
    a.connectionOpened();
    a.connectionClosed();
    b.connectionOpened();
    a.sent(100);
    b.sent(20);
    b.received(7);
    b.connectTimedOut();
    a.attemptStarted(false);
    a.attemptStarted(true);
    a.attemptFailed(db(new DbError.Overloaded()), true);
    a.attemptAnswered(TimeUnit.MILLISECONDS.toNanos(1));

    assertThat(metrics.connectionsOpen()).isEqualTo(2);
    assertThat(metrics.connectionsOpened()).isEqualTo(3);
    assertThat(metrics.connectionsClosed()).isEqualTo(1);
    assertThat(metrics.bytesSent()).isEqualTo(120);
    assertThat(metrics.bytesReceived()).isEqualTo(7);
    assertThat(metrics.connectionTimeoutsCount()).isEqualTo(1);
    assertThat(a.queriesCount()).isEqualTo(2);
    assertThat(a.speculativeExecutionsCount()).isEqualTo(1);
    assertThat(a.retriesCount()).isEqualTo(1);
    assertThat(a.errorsCount(ErrorKind.OVERLOADED)).isEqualTo(1);
    assertThat(a.requestsInFlight()).isZero();
    assertThat(metrics.nodes()).containsOnlyKeys("127.0.0.1:9042", "127.0.0.2:9042");
    assertThat(a.address()).isEqualTo("127.0.0.1:9042");
  }

  @Test
  void theRecentWindowKeepsTwoMinutesAndTheLifetimeEverything() {
    LatencyWindows windows = new LatencyWindows();
    for (int ms = 1; ms <= 100; ms++) {
      windows.record(TimeUnit.MILLISECONDS.toNanos(ms));
    }
    LatencySnapshot recent = windows.snapshot(LatencyWindow.RECENT);
    assertThat(recent.count()).isEqualTo(100);
    assertThat(recent.averageMs()).isCloseTo(50.5, within(1.0));
    assertThat(recent.percentileMs(50)).isCloseTo(50, within(1.0));
    assertThat(recent.percentileMs(99)).isCloseTo(99, within(1.0));
    assertThat(recent.maxMs()).isCloseTo(100, within(1.0));

    windows.rotate(); // the minute ends: still recent
    windows.record(TimeUnit.MILLISECONDS.toNanos(500));
    assertThat(windows.snapshot(LatencyWindow.RECENT).count()).isEqualTo(101);
    windows.rotate(); // the first minute is now two minutes old
    assertThat(windows.snapshot(LatencyWindow.RECENT).count()).isEqualTo(1);
    windows.rotate();
    assertThat(windows.snapshot(LatencyWindow.RECENT).count()).isZero();
    assertThat(windows.snapshot(LatencyWindow.RECENT).percentileMs(99)).isZero();
    LatencySnapshot lifetime = windows.snapshot(LatencyWindow.LIFETIME);
    assertThat(lifetime.count()).isEqualTo(101);
    assertThat(lifetime.maxMs()).isCloseTo(500, within(5.0));
    assertThatThrownBy(() -> lifetime.percentileMs(101))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void ratesStartAtTheFirstIntervalAndDecayTowardsTheCurrentOne() {
    Rates rates = new Rates();
    rates.tick(500); // 100 per second over the first 5 s
    assertThat(rates.oneMinute()).isEqualTo(100.0);
    assertThat(rates.fifteenMinutes()).isEqualTo(100.0);
    for (int i = 0; i < 12; i++) {
      rates.tick(500); // a minute without queries
    }
    // e^-1 of the rate is left after one minute
    assertThat(rates.oneMinute()).isCloseTo(100 * Math.exp(-1), within(0.5));
    assertThat(rates.fiveMinutes()).isCloseTo(100 * Math.exp(-0.2), within(0.5));
    assertThat(rates.fifteenMinutes()).isGreaterThan(rates.fiveMinutes());
  }

  @Test
  void latenciesRecordedOnManyThreadsAreAllRead() throws InterruptedException {
    LatencyWindows windows = new LatencyWindows();
    Thread[] threads = new Thread[4];
    for (int t = 0; t < threads.length; t++) {
      threads[t] =
          new Thread(
              () -> {
                for (int i = 0; i < 10_000; i++) {
                  windows.record(TimeUnit.MICROSECONDS.toNanos(100 + i % 100));
                }
              });
      threads[t].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    windows.record(TimeUnit.MICROSECONDS.toNanos(150)); // and this thread's
    assertThat(windows.count()).isEqualTo(40_001);
    assertThat(windows.snapshot(LatencyWindow.RECENT).percentileMs(50))
        .isCloseTo(0.15, within(0.01));
  }
}
