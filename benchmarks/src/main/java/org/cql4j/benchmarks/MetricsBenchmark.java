package org.cql4j.benchmarks;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.cql4j.session.internal.metrics.NodeCounters;
import org.cql4j.session.internal.metrics.SessionMetrics;
import org.cql4j.session.observability.QueryKind;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the always-on metrics cost a request: the counting a one-attempt request does on the
 * session's and its node's metrics (a request of a kind started, an attempt sent, bytes written and
 * read, the attempt's and the request's latencies recorded), on one thread and on two threads
 * sharing the metrics, as a session's event loops do. Should allocate nothing ({@code -prof gc}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MetricsBenchmark {
  private final SessionMetrics metrics = new SessionMetrics();
  private final NodeCounters node = metrics.forNode(new InetSocketAddress("127.0.0.1", 9042));

  /** One request's counting, alone. */
  @Benchmark
  public void oneThread() {
    request();
  }

  /**
   * One request's counting without the bytes, which are counted per socket read and per flush: with
   * many requests in flight, each read and flush carries several requests.
   */
  @Benchmark
  public void oneThreadBytesShared() {
    metrics.requestStarted(QueryKind.UNPAGED);
    node.attemptStarted(false);
    node.attemptAnswered(120_000);
    metrics.requestSucceeded(130_000);
  }

  /** One request's counting, while another thread counts its own requests. */
  @Benchmark
  @Threads(2)
  public void twoThreads() {
    request();
  }

  private void request() {
    metrics.requestStarted(QueryKind.UNPAGED);
    node.attemptStarted(false);
    node.sent(64);
    node.received(48);
    node.attemptAnswered(120_000);
    metrics.requestSucceeded(130_000);
  }
}
