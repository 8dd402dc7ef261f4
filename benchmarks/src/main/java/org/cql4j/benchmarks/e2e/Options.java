package org.cql4j.benchmarks.e2e;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The coordinator's command-line options, immutable and thread-safe; see {@link EndToEnd} for their
 * meaning.
 *
 * @param target {@code null}, {@code cassandra}, {@code ring}, {@code scylla}, or {@code host:port}
 *     of a running node
 * @param workloads the workloads, in order
 * @param concurrencies the requests in flight, in order
 * @param runs how many times each (workload, concurrency, driver) is measured
 * @param warmupSeconds the warm-up before each measured interval
 * @param measureSeconds the measured interval
 * @param drivers the drivers' registry names
 * @param jvmFlags the flags of every child JVM
 * @param serverThreads the event loop threads of the null server, or of the proxy of {@code scylla}
 * @param partitions the partitions reads spread over (and a real node is loaded with)
 * @param requestTimeoutSeconds every driver's request timeout
 * @param localDc the data center of an external {@code host:port} target
 * @param cassandraAddress the loopback address of the Cassandra node started for {@code cassandra}
 * @param ringAddresses the loopback addresses of the three nodes started for {@code ring} and
 *     {@code scylla}
 * @param clientCpus the CPUs every measured child JVM runs on ({@code taskset} list), or null
 * @param serverCpus the CPUs the coordinator, and the servers it starts, run on, or null
 */
record Options(
    String target,
    List<Workload> workloads,
    List<Integer> concurrencies,
    int runs,
    int warmupSeconds,
    int measureSeconds,
    List<String> drivers,
    List<String> jvmFlags,
    int serverThreads,
    int partitions,
    int requestTimeoutSeconds,
    String localDc,
    String cassandraAddress,
    List<String> ringAddresses,
    String clientCpus,
    String serverCpus) {

  /** The child JVMs' default flags: a fixed 1 GiB heap, Parallel GC, Netty's leak detector off. */
  static final String DEFAULT_JVM_FLAGS =
      "-Xms1g -Xmx1g -XX:+UseParallelGC -XX:+AlwaysPreTouch -Dio.netty.leakDetection.level=disabled";

  private static final Set<String> KNOWN =
      Set.of(
          "target",
          "workloads",
          "concurrency",
          "runs",
          "warmup-seconds",
          "measure-seconds",
          "drivers",
          "jvm-flags",
          "server-threads",
          "partitions",
          "request-timeout-seconds",
          "local-dc",
          "cassandra-address",
          "ring-addresses",
          "client-cpus",
          "server-cpus");

  /** Parses the coordinator's arguments; unknown options are errors. */
  static Options parse(String[] args) {
    Map<String, String> a = pairs(args);
    for (String name : a.keySet()) {
      if (!KNOWN.contains(name)) {
        throw new IllegalArgumentException("Unknown option --" + name + "; see EndToEnd's Javadoc");
      }
    }
    List<Workload> workloads = new ArrayList<>();
    for (String w : list(a.getOrDefault("workloads", "insert,select-one,select-partition"))) {
      workloads.add(Workload.named(w));
    }
    List<Integer> concurrencies = new ArrayList<>();
    for (String c : list(a.getOrDefault("concurrency", "1,64,1024"))) {
      int value = Integer.parseInt(c);
      if (value < 1) {
        throw new IllegalArgumentException("concurrency must be >= 1, was " + value);
      }
      concurrencies.add(value);
    }
    List<String> ringAddresses =
        list(a.getOrDefault("ring-addresses", "127.0.90.1,127.0.90.2,127.0.90.3"));
    if (ringAddresses.size() != 3) {
      throw new IllegalArgumentException(
          "--ring-addresses takes three addresses (the ring's replication factor is 3), got "
              + ringAddresses);
    }
    if (a.containsKey("client-cpus") != a.containsKey("server-cpus")) {
      throw new IllegalArgumentException(
          "--client-cpus and --server-cpus go together (e.g. --client-cpus 0 --server-cpus 1)");
    }
    List<String> drivers = list(a.getOrDefault("drivers", String.join(",", Drivers.names())));
    drivers.forEach(Drivers::require);
    return new Options(
        a.getOrDefault("target", "null"),
        workloads,
        concurrencies,
        positive(a, "runs", 5),
        positive(a, "warmup-seconds", 10),
        positive(a, "measure-seconds", 20),
        drivers,
        List.of(a.getOrDefault("jvm-flags", DEFAULT_JVM_FLAGS).trim().split("\\s+")),
        positive(a, "server-threads", 1),
        positive(a, "partitions", 100),
        positive(a, "request-timeout-seconds", 12),
        a.getOrDefault("local-dc", "datacenter1"),
        a.getOrDefault("cassandra-address", "127.0.44.1"),
        ringAddresses,
        a.get("client-cpus"),
        a.get("server-cpus"));
  }

  /** Whether the client and the server run on CPUs of their own. */
  boolean pinned() {
    return clientCpus != null;
  }

  /** How the processes are placed, for the report's header. */
  String placement() {
    return pinned()
        ? "pinned: measured JVMs on CPU(s) " + clientCpus + ", the server on CPU(s) " + serverCpus
        : "not pinned: every process may run on any core";
  }

  /** {@code --name value} pairs. */
  static Map<String, String> pairs(String[] args) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (!name.startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException(
            "Expected --name value pairs, got " + Arrays.toString(args));
      }
      out.put(name.substring(2), args[++i]);
    }
    return out;
  }

  /** Parses {@code host:port}. */
  static InetSocketAddress endpoint(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("Expected host:port, got " + hostPort);
    }
    return new InetSocketAddress(
        hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
  }

  /** Parses {@code host:port,host:port,...}. */
  static List<InetSocketAddress> endpoints(String csv) {
    List<InetSocketAddress> out = new ArrayList<>();
    for (String hostPort : list(csv)) {
      out.add(endpoint(hostPort));
    }
    return out;
  }

  /** Formats endpoints as {@link #endpoints} parses them. */
  static String endpointList(List<InetSocketAddress> endpoints) {
    List<String> out = new ArrayList<>();
    for (InetSocketAddress e : endpoints) {
      out.add(e.getAddress().getHostAddress() + ":" + e.getPort());
    }
    return String.join(",", out);
  }

  private static List<String> list(String csv) {
    List<String> out = new ArrayList<>();
    for (String s : csv.split(",")) {
      if (!s.isBlank()) {
        out.add(s.trim());
      }
    }
    return out;
  }

  private static int positive(Map<String, String> a, String name, int defaultValue) {
    int value = Integer.parseInt(a.getOrDefault(name, Integer.toString(defaultValue)));
    if (value < 1) {
      throw new IllegalArgumentException("--" + name + " must be >= 1, was " + value);
    }
    return value;
  }
}
