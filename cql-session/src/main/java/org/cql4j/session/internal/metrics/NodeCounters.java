package org.cql4j.session.internal.metrics;

import java.util.concurrent.atomic.LongAdder;
import org.cql4j.session.observability.NodeMetrics;

/**
 * One node's figures: the attempts sent to it and its pool's connections. The request path reaches
 * it through the connection it sends on, so counting costs no lookup. Thread-safe.
 */
public final class NodeCounters extends Counters implements NodeMetrics {
  /** For connections that are not counted (the control connection, tests). */
  public static final NodeCounters NONE = new NodeCounters("none");

  private final String address;
  private final LongAdder attempts = new LongAdder();
  private final LongAdder opened = new LongAdder();
  private final LongAdder closed = new LongAdder();
  private final LongAdder connectTimeouts = new LongAdder();
  private final LongAdder sent = new LongAdder();
  private final LongAdder received = new LongAdder();

  NodeCounters(String address) {
    this.address = address;
  }

  /**
   * An attempt is sent to the node.
   *
   * @param speculative whether it belongs to a speculative execution
   */
  public void attemptStarted(boolean speculative) {
    attempts.increment();
    if (speculative) {
      speculated();
    }
  }

  /**
   * The node answered an attempt.
   *
   * @param nanos the attempt's latency
   */
  public void attemptAnswered(long nanos) {
    succeeded(nanos);
  }

  /**
   * An attempt failed.
   *
   * @param error what it failed with
   * @param retried whether the retry policy retries the request after it
   */
  public void attemptFailed(Throwable error, boolean retried) {
    failed(error);
    if (retried) {
      retried();
    }
  }

  /** An attempt ended after its request completed elsewhere (a lost speculative race). */
  public void attemptEnded() {
    ended();
  }

  /** A pool connection to the node is ready. */
  public void connectionOpened() {
    opened.increment();
  }

  /** A pool connection that was ready closed. */
  public void connectionClosed() {
    closed.increment();
  }

  /** Opening a pool connection ran out of the connect timeout. */
  public void connectTimedOut() {
    connectTimeouts.increment();
  }

  /**
   * Bytes written.
   *
   * @param bytes how many
   */
  public void sent(long bytes) {
    sent.add(bytes);
  }

  /**
   * Bytes read.
   *
   * @param bytes how many
   */
  public void received(long bytes) {
    received.add(bytes);
  }

  @Override
  long started() {
    return attempts.sum();
  }

  @Override
  public long queriesCount() {
    return attempts.sum();
  }

  @Override
  public String address() {
    return address;
  }

  @Override
  public long connectionsOpen() {
    return opened.sum() - closed.sum();
  }

  @Override
  public long connectionsOpened() {
    return opened.sum();
  }

  @Override
  public long connectionsClosed() {
    return closed.sum();
  }

  @Override
  public long connectionTimeoutsCount() {
    return connectTimeouts.sum();
  }

  @Override
  public long bytesSent() {
    return sent.sum();
  }

  @Override
  public long bytesReceived() {
    return received.sum();
  }
}
