package org.cql4j.benchmarks;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.cql4j.session.Node;
import org.cql4j.session.internal.metadata.DefaultNode;
import org.cql4j.session.internal.metadata.TokenMap;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Token-aware routing's metadata: building the {@link TokenMap} of a topology (off the request
 * path, after each topology change) and looking up the replicas of a token (on it). The topology
 * has two datacenters of three racks, {@code nodes} nodes in all with 256 random tokens each; the
 * schema has five keyspaces of distinct replications (SimpleStrategy 3, NetworkTopologyStrategy
 * 3+3, 3 in one datacenter, 2+2, and EverywhereStrategy). Single-threaded; the lookup should
 * allocate nothing ({@code -prof gc}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class TokenMapBenchmark {
  private static final String LOCATOR = "org.apache.cassandra.locator.";
  private static final Map<String, Map<String, String>> KEYSPACES =
      Map.of(
          "simple3",
          Map.of("class", LOCATOR + "SimpleStrategy", "replication_factor", "3"),
          "nts33",
          Map.of("class", LOCATOR + "NetworkTopologyStrategy", "dc1", "3", "dc2", "3"),
          "nts3",
          Map.of("class", LOCATOR + "NetworkTopologyStrategy", "dc1", "3"),
          "nts22",
          Map.of("class", LOCATOR + "NetworkTopologyStrategy", "dc1", "2", "dc2", "2"),
          "everywhere",
          Map.of("class", LOCATOR + "EverywhereStrategy"));

  /** The number of nodes, half in each datacenter. */
  @Param({"100"})
  public int nodes;

  private List<Node> topology;
  private TokenMap map;
  private final long[] tokens = new long[1024];
  private int next;

  /** Draws the topology and builds one map for the lookups. */
  @Setup
  public void setUp() throws UnknownHostException {
    Random random = new Random(42);
    topology = new ArrayList<>();
    for (int n = 0; n < nodes; n++) {
      List<Long> nodeTokens = new ArrayList<>();
      for (int v = 0; v < 256; v++) {
        nodeTokens.add(random.nextLong());
      }
      InetAddress address = InetAddress.getByAddress(new byte[] {10, 0, (byte) (n >> 8), (byte) n});
      topology.add(
          new DefaultNode(
              new InetSocketAddress(address, 9042),
              null,
              n % 2 == 0 ? "dc1" : "dc2",
              "rack" + (n / 2 % 3),
              nodeTokens));
    }
    map = TokenMap.build(topology, KEYSPACES);
    for (int i = 0; i < tokens.length; i++) {
      tokens[i] = random.nextLong();
    }
  }

  /** Builds the ring and the replicas of every range of the five replications. */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public TokenMap build() {
    return TokenMap.build(topology, KEYSPACES);
  }

  /** Looks up the replicas of a token in a NetworkTopologyStrategy keyspace. */
  @Benchmark
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public List<Node> lookup() {
    next = (next + 1) & (tokens.length - 1);
    return map.replicas("nts33", tokens[next]);
  }
}
