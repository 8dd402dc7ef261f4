package org.cql4j.cli.stress;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.cql4j.cli.Errors;
import org.cql4j.session.QueryResult;

/**
 * What the operations of a run measured: each operation's latencies in an HdrHistogram recorder per
 * recording thread ({@link LatencyRecorder}), errors by kind, rows read. Thread-safe: any thread
 * records, one reader takes intervals.
 */
final class OperationMeters {
  /** Latencies above this are recorded as this (the histograms' range). */
  static final long MAX_LATENCY_NANOS = TimeUnit.MINUTES.toNanos(5);

  private final LatencyRecorder[] latencies;
  private final LongAdder[] errors;
  private final LongAdder rows = new LongAdder();
  private final Map<String, ErrorKind> errorKinds = new ConcurrentHashMap<>();

  /** The count of one kind of error and the first message seen. */
  record ErrorKind(LongAdder count, String example) {}

  OperationMeters(int operations) {
    latencies = new LatencyRecorder[operations];
    errors = new LongAdder[operations];
    for (int i = 0; i < operations; i++) {
      latencies[i] = new LatencyRecorder(MAX_LATENCY_NANOS);
      errors[i] = new LongAdder();
    }
  }

  /** Records a completed operation. */
  void success(int op, long latencyNanos, QueryResult result) {
    latencies[op].record(latencyNanos);
    if (result != null && result.isRows()) {
      rows.add(result.intoRowsResult().rowsNumber());
    }
  }

  /** Records a failed operation, by the kind of its failure. */
  void failure(int op, Throwable error) {
    errors[op].increment();
    String line = Errors.describe(error);
    int colon = line.indexOf(':');
    String kind = colon < 0 ? line : line.substring(0, colon);
    errorKinds.computeIfAbsent(kind, k -> new ErrorKind(new LongAdder(), line)).count().increment();
  }

  /**
   * The latencies of operation {@code op} since the previous call; the histogram is valid until the
   * next call for this operation. One reader only.
   */
  Histogram takeInterval(int op) {
    return latencies[op].takeInterval();
  }

  /** Errors of operation {@code op} so far. */
  long errors(int op) {
    return errors[op].sum();
  }

  /** Rows read so far. */
  long rows() {
    return rows.sum();
  }

  /** Errors so far by kind (sorted by name), each with its count and first message. */
  Map<String, ErrorKind> errorKinds() {
    return new TreeMap<>(errorKinds);
  }
}
