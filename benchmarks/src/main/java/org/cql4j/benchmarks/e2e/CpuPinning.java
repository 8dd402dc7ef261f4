package org.cql4j.benchmarks.e2e;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Pins the benchmark's processes to CPUs with Linux {@code taskset}, so that the client and the
 * server each have a core of their own (docs/performance.md, "Pinned mode"). Stateless,
 * thread-safe.
 *
 * <p>The coordinator pins itself (every thread, {@code taskset -a -p}); the processes it starts
 * afterwards, the Cassandra nodes and the proxy's threads among them, inherit its CPUs. Each
 * measured child JVM is started under {@code taskset -c} with the client's CPUs instead.
 */
final class CpuPinning {

  private CpuPinning() {}

  /**
   * Pins every thread of this process to {@code cpus}.
   *
   * @param cpus a {@code taskset} CPU list, e.g. {@code 1} or {@code 2-3}
   * @throws IllegalStateException if {@code taskset} fails (not Linux, or no such CPU)
   */
  static void pinThisProcess(String cpus) throws IOException, InterruptedException {
    Process taskset =
        new ProcessBuilder(
                "taskset", "-a", "-p", "-c", cpus, Long.toString(ProcessHandle.current().pid()))
            .redirectErrorStream(true)
            .start();
    String output = new String(taskset.getInputStream().readAllBytes()).strip();
    if (!taskset.waitFor(10, TimeUnit.SECONDS) || taskset.exitValue() != 0) {
      throw new IllegalStateException(
          "taskset could not pin this process to CPUs " + cpus + ": " + output);
    }
  }

  /**
   * The prefix of a child's command line that starts it on {@code cpus}.
   *
   * @param cpus a {@code taskset} CPU list, or {@code null} for no pinning
   * @return {@code taskset -c cpus}, or nothing
   */
  static List<String> prefix(String cpus) {
    return cpus == null ? List.of() : List.of("taskset", "-c", cpus);
  }
}
