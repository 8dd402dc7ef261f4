package org.cql4j.cli.stress.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The results of one stress run: what ran, against what, and what it measured, as written to JSON
 * and HTML and read back by {@code stress compare}. Immutable, thread-safe.
 *
 * @param workload the workload's name
 * @param started when the measurement began (ISO-8601)
 * @param settings how the load was driven, e.g. {@code closed loop, 64 in flight}, and the seed
 * @param target what was measured, e.g. the contact points, the server and the protocol
 * @param seconds the measured time
 * @param cpuMicrosPerOp this process's CPU time per operation (all threads), in microseconds
 * @param rows rows read
 * @param all every operation together
 * @param operations each operation
 * @param series one sample a second
 * @param errors error counts by kind, with an example message each
 * @param requestsByNode the share of requests each node coordinated
 */
public record StressReport(
    String workload,
    String started,
    String settings,
    String target,
    double seconds,
    double cpuMicrosPerOp,
    long rows,
    OperationResult all,
    List<OperationResult> operations,
    List<Sample> series,
    Map<String, ErrorCount> errors,
    Map<String, Double> requestsByNode) {

  /** Copies the collections; thread-safe. */
  public StressReport {
    operations = List.copyOf(operations);
    series = List.copyOf(series);
    errors = Map.copyOf(errors);
    requestsByNode = Map.copyOf(requestsByNode);
  }

  /** What was measured, in one line: time, operations, errors, rows and CPU per operation. */
  public String measured() {
    return String.format(
        Locale.ROOT,
        "%.1f s from %s: %,d operations, %,d errors, %,d rows, %.2f µs CPU per op",
        seconds,
        started,
        all.ops(),
        all.errors(),
        rows,
        cpuMicrosPerOp);
  }

  /** Each node's share of the requests, by address, e.g. {@code 10.0.0.1:9042 50.0 %; ...}. */
  public String requests() {
    return requestsByNode.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> String.format(Locale.ROOT, "%s %.1f %%", e.getKey(), e.getValue()))
        .collect(Collectors.joining("; "));
  }

  /**
   * What one operation (or all together) measured.
   *
   * @param name the operation's name ({@code all} for the total)
   * @param ops operations completed without error
   * @param errors operations failed
   * @param throughput completed operations per second
   * @param latency the latencies of the completed operations
   */
  public record OperationResult(
      String name, long ops, long errors, double throughput, Latency latency) {}

  /**
   * One second of the run.
   *
   * @param second seconds since the measurement began, at the sample's end
   * @param throughput operations completed per second
   * @param errors operations failed in the second
   * @param p50 the median latency in the second, in microseconds
   * @param p99 the 99th percentile, in microseconds
   * @param max the slowest, in microseconds
   */
  public record Sample(
      double second, double throughput, long errors, double p50, double p99, double max) {}

  /**
   * Errors of one kind.
   *
   * @param count how many
   * @param example the first message seen
   */
  public record ErrorCount(long count, String example) {}
}
