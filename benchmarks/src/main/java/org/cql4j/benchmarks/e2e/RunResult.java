package org.cql4j.benchmarks.e2e;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures of one measured interval of one driver, immutable and thread-safe, as a child JVM
 * reports them to the coordinator on one line of its standard output.
 *
 * @param driver the driver's registry name
 * @param workload the workload
 * @param concurrency the requests kept in flight
 * @param ops requests completed in the interval
 * @param errors requests failed in the interval (included in {@code ops})
 * @param elapsedNanos the interval's wall-clock length
 * @param cpuNanos the process CPU time spent in the interval
 * @param allocatedBytes the bytes allocated in the interval
 * @param threadsDied threads that died in the interval (their allocation is missing)
 * @param p50Nanos median latency
 * @param p99Nanos 99th percentile latency
 * @param p999Nanos 99.9th percentile latency
 */
record RunResult(
    String driver,
    Workload workload,
    int concurrency,
    long ops,
    long errors,
    long elapsedNanos,
    long cpuNanos,
    long allocatedBytes,
    int threadsDied,
    long p50Nanos,
    long p99Nanos,
    long p999Nanos) {

  /** The prefix of the result line. */
  static final String PREFIX = "E2E-RESULT ";

  /** Requests per second. */
  double throughput() {
    return ops * 1e9 / elapsedNanos;
  }

  /** CPU microseconds per request. */
  double cpuMicrosPerOp() {
    return ops == 0 ? Double.NaN : cpuNanos / 1e3 / ops;
  }

  /** Bytes allocated per request. */
  double bytesPerOp() {
    return ops == 0 ? Double.NaN : (double) allocatedBytes / ops;
  }

  /** The result line. */
  String toLine() {
    return PREFIX
        + "driver="
        + driver
        + " workload="
        + workload.cliName()
        + " concurrency="
        + concurrency
        + " ops="
        + ops
        + " errors="
        + errors
        + " elapsedNanos="
        + elapsedNanos
        + " cpuNanos="
        + cpuNanos
        + " allocatedBytes="
        + allocatedBytes
        + " threadsDied="
        + threadsDied
        + " p50Nanos="
        + p50Nanos
        + " p99Nanos="
        + p99Nanos
        + " p999Nanos="
        + p999Nanos;
  }

  /**
   * Parses a result line.
   *
   * @param line a line starting with {@link #PREFIX}
   * @return the result
   */
  static RunResult parse(String line) {
    Map<String, String> f = new LinkedHashMap<>();
    for (String pair : line.substring(PREFIX.length()).trim().split(" ")) {
      int eq = pair.indexOf('=');
      f.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    return new RunResult(
        f.get("driver"),
        Workload.named(f.get("workload")),
        Integer.parseInt(f.get("concurrency")),
        Long.parseLong(f.get("ops")),
        Long.parseLong(f.get("errors")),
        Long.parseLong(f.get("elapsedNanos")),
        Long.parseLong(f.get("cpuNanos")),
        Long.parseLong(f.get("allocatedBytes")),
        Integer.parseInt(f.get("threadsDied")),
        Long.parseLong(f.get("p50Nanos")),
        Long.parseLong(f.get("p99Nanos")),
        Long.parseLong(f.get("p999Nanos")));
  }
}
