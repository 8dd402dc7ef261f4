package org.cql4j.benchmarks.e2e;

import java.time.Duration;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The child JVM of the end-to-end benchmark, a single-threaded main (the load runs on the driver's
 * threads): connects one driver, runs one workload at one concurrency through a warm-up and a
 * measured interval, and prints one {@link RunResult} line on standard output. Started by {@link
 * EndToEnd}; not meant to be run by hand, though it can be:
 *
 * <pre>
 * java -cp benchmarks.jar org.cql4j.benchmarks.e2e.DriverRun --driver java \
 *     --contact-points 127.0.0.1:9042 --local-dc datacenter1 --workload select-one \
 *     --concurrency 64 --warmup-seconds 10 --measure-seconds 20 --partitions 100 \
 *     --request-timeout-seconds 12
 * </pre>
 *
 * {@code --contact-points} takes one {@code host:port} or several separated by commas; {@code
 * --topology} ({@code node}, the default, {@code ring} or {@code scylla}, see {@link Topology})
 * tells the adapters what they connect to.
 */
public final class DriverRun {
  private DriverRun() {}

  /**
   * Runs one measurement.
   *
   * @param args {@code --name value} pairs, see the class comment
   * @throws Exception if the driver fails to connect or prepare, or the load cannot drain
   */
  public static void main(String[] args) throws Exception {
    Map<String, String> a = Options.pairs(args);
    String driverName = a.get("driver");
    Workload workload = Workload.named(a.get("workload"));
    int concurrency = Integer.parseInt(a.get("concurrency"));
    long warmupMillis = Long.parseLong(a.get("warmup-seconds")) * 1000;
    long measureMillis = Long.parseLong(a.get("measure-seconds")) * 1000;
    Duration timeout = Duration.ofSeconds(Long.parseLong(a.get("request-timeout-seconds")));
    BenchData data = new BenchData(Integer.parseInt(a.get("partitions")));
    ConnectSettings settings =
        new ConnectSettings(
            Options.endpoints(a.get("contact-points")),
            a.get("local-dc"),
            timeout,
            Topology.named(a.getOrDefault("topology", Topology.NODE.cliName())));

    ProcessMeters meters = new ProcessMeters();
    RunResult result;
    try (DriverUnderTest driver = Drivers.create(driverName)) {
      driver.connect(settings);
      driver.prepareAll();
      LoadLoop loop = new LoadLoop(driver, workload, data, concurrency);
      loop.start();
      Thread.sleep(warmupMillis);

      long opsBefore = loop.completed();
      long errorsBefore = loop.errors();
      loop.takeLatencies(); // drops the warm-up's latencies
      ProcessMeters.Snapshot before = meters.snapshot();
      Thread.sleep(measureMillis);
      ProcessMeters.Snapshot after = meters.snapshot();
      long ops = loop.completed() - opsBefore;
      long errors = loop.errors() - errorsBefore;
      Histogram latencies = loop.takeLatencies();

      if (!loop.stopAndDrain(timeout.toMillis() + 5_000)) {
        throw new IllegalStateException("Requests still in flight after the request timeout");
      }
      if (loop.firstError() != null) {
        System.err.println(
            "[" + driverName + "] " + loop.errors() + " requests failed; first failure:");
        loop.firstError().printStackTrace();
      }
      ProcessMeters.Delta delta = ProcessMeters.between(before, after);
      result =
          new RunResult(
              driverName,
              workload,
              concurrency,
              ops,
              errors,
              delta.elapsedNanos(),
              delta.cpuNanos(),
              delta.allocatedBytes(),
              delta.threadsDied(),
              latencies.getValueAtPercentile(50),
              latencies.getValueAtPercentile(99),
              latencies.getValueAtPercentile(99.9));
      System.err.println(
          "[" + driver.description() + "] checksum " + Long.toHexString(loop.checksum()));
    }
    System.out.println(result.toLine());
    System.out.flush();
    // drivers may leave non-daemon threads behind after close
    System.exit(0);
  }
}
