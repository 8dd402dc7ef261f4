package org.cql4j.session.internal.metrics;

import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToLongFunction;
import org.cql4j.session.Node;
import org.cql4j.session.observability.Metrics;
import org.cql4j.session.observability.NodeMetrics;
import org.cql4j.session.observability.QueryKind;

/**
 * A session's metrics: its requests' figures, and each node's {@link NodeCounters}, created when
 * the session first opens a pool to the node. Connection and byte figures are the sums of the
 * nodes'. A tick every {@value Rates#TICK_SECONDS} seconds updates the rates and ends the latency
 * minutes. Thread-safe.
 */
public final class SessionMetrics extends Counters implements Metrics {
  private static final int TICKS_PER_MINUTE = (int) (60 / Rates.TICK_SECONDS);
  private static final QueryKind[] KINDS = QueryKind.values();

  private final LongAdder[] byKind = new LongAdder[KINDS.length];
  private final Map<String, NodeCounters> nodes = new ConcurrentHashMap<>();
  private ScheduledFuture<?> ticks; // guarded by this
  private int tickCount; // on the tick's thread only

  /** Creates the metrics of a session; {@link #start} starts their tick. */
  public SessionMetrics() {
    for (int i = 0; i < byKind.length; i++) {
      byKind[i] = new LongAdder();
    }
  }

  /**
   * Starts the tick.
   *
   * @param scheduler runs it
   */
  public synchronized void start(ScheduledExecutorService scheduler) {
    if (ticks == null) {
      ticks =
          scheduler.scheduleAtFixedRate(
              this::tick, Rates.TICK_SECONDS, Rates.TICK_SECONDS, TimeUnit.SECONDS);
    }
  }

  /** Stops the tick, when the session closes; the figures stay readable. */
  public synchronized void stop() {
    if (ticks != null) {
      ticks.cancel(false);
    }
  }

  private void tick() {
    boolean minuteEnded = ++tickCount % TICKS_PER_MINUTE == 0;
    tick(minuteEnded);
    for (NodeCounters node : nodes.values()) {
      node.tick(minuteEnded);
    }
  }

  /**
   * The figures of a node, created on first use.
   *
   * @param address the node's address
   * @return its counters
   */
  public NodeCounters forNode(InetSocketAddress address) {
    return nodes.computeIfAbsent(key(address), NodeCounters::new);
  }

  private static String key(InetSocketAddress address) {
    return address.getHostString() + ":" + address.getPort();
  }

  /**
   * A request starts running.
   *
   * @param kind the kind of call it serves
   */
  public void requestStarted(QueryKind kind) {
    byKind[kind.ordinal()].increment();
  }

  /**
   * A request succeeded.
   *
   * @param nanos its latency
   */
  public void requestSucceeded(long nanos) {
    succeeded(nanos);
  }

  /**
   * A request failed.
   *
   * @param error what it failed with
   */
  public void requestFailed(Throwable error) {
    failed(error);
  }

  /** The retry policy retries a request. */
  public void requestRetried() {
    retried();
  }

  /** A speculative execution starts. */
  public void speculativeExecutionStarted() {
    speculated();
  }

  @Override
  long started() {
    return queriesCount();
  }

  @Override
  public long queriesCount() {
    long sum = 0;
    for (LongAdder k : byKind) {
      sum += k.sum();
    }
    return sum;
  }

  @Override
  public long queriesCount(QueryKind kind) {
    return byKind[kind.ordinal()].sum();
  }

  @Override
  public NodeMetrics node(Node node) {
    NodeCounters counters = nodes.get(key(node.address()));
    return counters != null ? counters : new NodeCounters(key(node.address()));
  }

  @Override
  public Map<String, NodeMetrics> nodes() {
    return Collections.unmodifiableMap(new TreeMap<>(nodes));
  }

  private long sum(ToLongFunction<NodeCounters> figure) {
    long sum = 0;
    for (NodeCounters node : nodes.values()) {
      sum += figure.applyAsLong(node);
    }
    return sum;
  }

  @Override
  public long connectionsOpen() {
    return sum(NodeCounters::connectionsOpen);
  }

  @Override
  public long connectionsOpened() {
    return sum(NodeCounters::connectionsOpened);
  }

  @Override
  public long connectionsClosed() {
    return sum(NodeCounters::connectionsClosed);
  }

  @Override
  public long connectionTimeoutsCount() {
    return sum(NodeCounters::connectionTimeoutsCount);
  }

  @Override
  public long bytesSent() {
    return sum(NodeCounters::bytesSent);
  }

  @Override
  public long bytesReceived() {
    return sum(NodeCounters::bytesReceived);
  }
}
