package org.cql4j.benchmarks.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The end-to-end driver comparison, run on the coordinator's main thread (not thread-safe): each
 * driver, in a JVM of its own, keeps a fixed number of prepared requests in flight through its
 * asynchronous API against one node or a ring, and reports throughput, CPU and allocation per
 * request, and latency percentiles.
 *
 * <h2>Running it</h2>
 *
 * <pre>
 * ./mvnw -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar org.cql4j.benchmarks.e2e.EndToEnd \
 *     --target null --drivers java,cql4j --workloads insert,select-one,select-partition \
 *     --concurrency 1,64,1024 --runs 5 --warmup-seconds 10 --measure-seconds 20
 * </pre>
 *
 * Run it from the repository root: with {@code --target cassandra}, {@code ring} or {@code scylla}
 * the nodes' classpath is read from {@code cassandra-server/target/cassandra.classpath} unless
 * {@code -Dcql4j.cassandra.classpath} names another file.
 *
 * <h2>Options</h2>
 *
 * <ul>
 *   <li>{@code --target null|cassandra|ring|scylla|host:port} (default {@code null}): the {@link
 *       org.cql4j.testkit.NullCqlServer}, started inside this coordinator JVM (never inside a
 *       measured JVM), which answers with canned frames so that the client's costs dominate; or a
 *       Cassandra 5.0.9 node started through the test kit ({@code --cassandra-address}, default
 *       127.0.44.1, port 9042, 1 GiB heap); or a ring of three such nodes ({@code
 *       --ring-addresses}, default 127.0.90.1,127.0.90.2,127.0.90.3), keyspace {@code bench} with
 *       replication factor 3 (why: {@link RingTargets}), all three nodes given to the drivers as
 *       contact points; or that ring behind the test kit's {@link org.cql4j.testkit.CqlProxy} in
 *       this coordinator JVM with its ScyllaDB emulation (4 shards per node, shard-aware port
 *       19042), the proxy's addresses as contact points, where cql4j keeps one connection per
 *       shard; or a running node ({@code --local-dc}, default datacenter1). A real node or ring
 *       gets {@code bench.items} and {@code --partitions} (default 100) partitions of 100 rows
 *       before the first run. On a ring both drivers route by token, which each child checks before
 *       it measures; behind the proxy, where requests landed (node and shard) is printed on
 *       standard error after each child.
 *   <li>{@code --workloads} (default all): {@code insert} (prepared INSERT of one row), {@code
 *       select-one} (prepared SELECT of one row by its primary key) and {@code select-partition}
 *       (prepared SELECT of a 100-row partition); the table, statements and values are in {@link
 *       BenchData}. Reads consume every cell (uuid, timestamp, text, int, bigint).
 *   <li>{@code --concurrency} (default {@code 1,64,1024}): requests kept in flight; each completion
 *       issues the next request ({@link LoadLoop}).
 *   <li>{@code --drivers} (default: every registered driver, see {@link Drivers}): {@code java} is
 *       the Apache Cassandra Java driver 4.19.3; {@code cql4j} once its adapter is registered.
 *   <li>{@code --runs} (default 5), {@code --warmup-seconds} (default 10), {@code
 *       --measure-seconds} (default 20), {@code --request-timeout-seconds} (default 12), {@code
 *       --server-threads} (the event loops of the null server or of the {@code scylla} proxy,
 *       default 1).
 *   <li>{@code --client-cpus} and {@code --server-cpus} (default: none, every process on any core):
 *       {@code taskset} CPU lists, e.g. {@code 0} and {@code 1}; the measured JVMs run on the
 *       first, this coordinator (with the null server or the proxy) and the nodes it starts on the
 *       second (pinned mode; Linux only).
 *   <li>{@code --jvm-flags} (default {@value Options#DEFAULT_JVM_FLAGS}): the flags of every
 *       measured JVM. A fixed heap and the Parallel collector keep GC work (which counts as the
 *       driver's CPU) comparable and free of concurrent-collector threads; Netty's leak detector is
 *       off in both drivers' JVMs. The classpath is this JVM's.
 * </ul>
 *
 * <h2>Method</h2>
 *
 * For every run, workload and concurrency, each driver gets a fresh child JVM ({@link DriverRun})
 * with identical flags; the drivers alternate, and which one goes first alternates from run to run
 * (A B, B A, ...). In the child: connect, prepare, warm up for {@code --warmup-seconds} under the
 * full load, then measure for {@code --measure-seconds}, the load still running; the figures cover
 * exactly that interval. The load loop and the checksum of the cells read run in the measured JVM
 * and are the same code for every driver.
 *
 * <h2>Output</h2>
 *
 * One CSV line per run (stdout), then the medians over the runs as a Markdown table: workload,
 * concurrency, metric, one column per driver, and cql4j / Java driver when both ran (below 1 is
 * better for costs and latencies, above 1 for throughput). The metrics:
 *
 * <ul>
 *   <li>throughput (ops/s): requests completed in the interval divided by its length;
 *   <li>CPU per op (µs): the child JVM's process CPU time in the interval (all threads: driver I/O,
 *       the load loop, GC, JIT; {@code OperatingSystemMXBean.getProcessCpuTime}) divided by the
 *       requests; on a shared machine, the most stable figure;
 *   <li>allocated per op (bytes): the bytes allocated in the interval by every thread ({@code
 *       ThreadMXBean.getThreadAllocatedBytes}, per thread id) divided by the requests; a thread
 *       that dies in the interval takes its allocation with it, which the {@code threads_died}
 *       column of the run lines reports (0 for both drivers so far);
 *   <li>latency p50, p99, p99.9 (µs): per request, from the driver call to the completion of its
 *       future with the rows consumed, recorded in nanoseconds in an HdrHistogram (3 significant
 *       digits).
 * </ul>
 *
 * Failed requests count as operations and are reported in the {@code errors} column.
 */
public final class EndToEnd {
  private EndToEnd() {}

  /**
   * Runs the comparison.
   *
   * @param args the options above
   * @throws Exception if the target cannot be started or a child JVM fails
   */
  public static void main(String[] args) throws Exception {
    Options o = Options.parse(args);
    int cores = Runtime.getRuntime().availableProcessors(); // before pinning narrows it
    List<RunResult> results = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    try (Target target = Target.start(o)) {
      System.out.println("# End-to-end driver comparison");
      System.out.println("# target: " + target.description());
      System.out.printf(
          Locale.ROOT,
          "# %d run(s), warm-up %d s, measured %d s, request timeout %d s, %d partitions%n",
          o.runs(),
          o.warmupSeconds(),
          o.measureSeconds(),
          o.requestTimeoutSeconds(),
          o.partitions());
      System.out.println("# child JVM flags: " + String.join(" ", o.jvmFlags()));
      System.out.println("# " + o.placement());
      System.out.println(
          "# machine: " + cores + " cores, Java " + System.getProperty("java.version"));
      System.out.println(Report.runHeader());
      for (int run = 1; run <= o.runs(); run++) {
        for (Workload w : o.workloads()) {
          for (int c : o.concurrencies()) {
            for (String driver : order(o.drivers(), run)) {
              try {
                RunResult r = runChild(o, target, driver, w, c);
                results.add(r);
                System.out.println(Report.runLine(run, r));
              } catch (IOException | IllegalStateException e) {
                String failure =
                    "run " + run + " " + driver + " " + w.cliName() + " c=" + c + ": " + e;
                failures.add(failure);
                System.err.println("FAILED " + failure);
              }
            }
          }
        }
      }
    }
    System.out.println();
    System.out.println("Medians over " + o.runs() + " run(s):");
    System.out.println();
    System.out.print(Report.medians(o, results));
    if (!failures.isEmpty()) {
      System.out.println();
      System.out.println("Failed runs (left out of the medians):");
      failures.forEach(f -> System.out.println("- " + f));
    }
  }

  /** The drivers in the order of one run: alternated from run to run. */
  static List<String> order(List<String> drivers, int run) {
    List<String> order = new ArrayList<>(drivers);
    int shift = (run - 1) % order.size();
    List<String> rotated = new ArrayList<>(order.subList(shift, order.size()));
    rotated.addAll(order.subList(0, shift));
    return rotated;
  }

  static RunResult runChild(Options o, Target target, String driver, Workload w, int c)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(CpuPinning.prefix(o.clientCpus()));
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(o.jvmFlags());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(DriverRun.class.getName());
    command.addAll(
        List.of(
            "--driver", driver,
            "--contact-points", Options.endpointList(target.contactPoints()),
            "--local-dc", target.localDc(),
            "--topology", target.topology().cliName(),
            "--workload", w.cliName(),
            "--concurrency", Integer.toString(c),
            "--warmup-seconds", Integer.toString(o.warmupSeconds()),
            "--measure-seconds", Integer.toString(o.measureSeconds()),
            "--partitions", Integer.toString(o.partitions()),
            "--request-timeout-seconds", Integer.toString(o.requestTimeoutSeconds())));
    System.err.printf(Locale.ROOT, "== %s %s concurrency %d%n", driver, w.cliName(), c);
    target.beforeRun();
    Process child = new ProcessBuilder(command).redirectError(Redirect.INHERIT).start();
    AtomicReference<RunResult> result = new AtomicReference<>();
    // read on another thread, so that a hung child cannot block the coordinator past the limit
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                  if (line.startsWith(RunResult.PREFIX)) {
                    result.set(RunResult.parse(line));
                  } else {
                    System.err.println("  | " + line);
                  }
                }
              } catch (IOException e) {
                System.err.println("  | (output lost: " + e + ")");
              }
            },
            "child-output");
    reader.start();
    long limit = o.warmupSeconds() + o.measureSeconds() + o.requestTimeoutSeconds() + 120L;
    if (!child.waitFor(limit, TimeUnit.SECONDS)) {
      child.destroyForcibly().waitFor();
      reader.join();
      throw new IllegalStateException("the child JVM did not finish within " + limit + " s");
    }
    reader.join();
    target.afterRun().ifPresent(line -> System.err.println("  " + line));
    if (child.exitValue() != 0 || result.get() == null) {
      throw new IllegalStateException(
          "the child JVM exited with "
              + child.exitValue()
              + " and no result (see its output above)");
    }
    return result.get();
  }
}
