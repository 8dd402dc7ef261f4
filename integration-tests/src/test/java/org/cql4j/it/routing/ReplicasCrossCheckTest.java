package org.cql4j.it.routing;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.datastax.oss.driver.internal.core.metadata.token.JavaDriverReplicas;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.cql4j.session.Node;
import org.cql4j.session.internal.metadata.DefaultNode;
import org.cql4j.session.internal.metadata.TokenMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * cql4j's replicas against the Java driver 4.19.3's, on random topologies and replications: for
 * each topology (1 to 3 datacenters of 1 to 4 racks and 1 to 12 nodes, each node with 1 to 16
 * random tokens) and each replication (SimpleStrategy with a factor of 1 to 4;
 * NetworkTopologyStrategy with 0 to 4 per datacenter, sometimes more than the datacenter has,
 * sometimes leaving a datacenter out or naming one that does not exist; EverywhereStrategy), the
 * replicas of random tokens, of every ring token and of the extreme tokens.
 *
 * <p>Simple and NetworkTopology lists are compared in order: the driver's sets keep the order in
 * which its walk of the ring chose the replicas, which is the order cql4j promises (primary first).
 * EverywhereStrategy is compared as a set, because the driver gives every token the same set in the
 * order the nodes were listed; cql4j's list must start with the range's owner.
 *
 * <p>Racks are never null here: the driver places a node of an unknown rack at once, as if rack
 * awareness did not apply to it, while cql4j counts the unknown rack as one more rack (see {@code
 * RackAwarePlacement}). Transient factors ({@code 3/1}) are left out too: the driver places only
 * the full replicas, cql4j all of them.
 */
class ReplicasCrossCheckTest {
  private static final long SEED = 20_260_512L;
  private static final String LOCATOR = "org.apache.cassandra.locator.";

  @BeforeAll
  static void quietTheDriversWarnings() {
    // The driver warns for every datacenter with fewer nodes than its factor, which we do on
    // purpose.
    logger("com.datastax.oss.driver.internal.core.metadata.token").setLevel(Level.ERROR);
    logger("org.cql4j.session.internal.metadata").setLevel(Level.INFO);
  }

  @Test
  void replicasMatchTheJavaDriversForRandomTopologiesAndReplications() {
    Random random = new Random(SEED);
    int compared = 0;
    for (int round = 0; round < 400; round++) {
      Topology topology = Topology.random(random);
      for (int r = 0; r < 3; r++) {
        Map<String, String> replication = randomReplication(random, topology.datacenters);
        JavaDriverReplicas theirs = new JavaDriverReplicas(replication, topology.driverOwners);
        TokenMap ours = TokenMap.build(topology.nodes, Map.of("ks", replication));
        assertThat(ours.unsupportedKeyspaces()).isEmpty();
        for (long token : topology.tokensToTry(random)) {
          String where =
              "round " + round + ", " + topology + ", " + replication + ", token " + token;
          List<Object> expected = new ArrayList<>(theirs.replicas(token));
          List<Object> actual = topology.asDriverNodes(ours.replicas("ks", token));
          if (replication.get("class").endsWith("EverywhereStrategy")) {
            assertThat(actual).as(where).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(actual.get(0)).as(where).isSameAs(topology.ownerOf(token));
          } else {
            assertThat(actual).as(where).containsExactlyElementsOf(expected);
          }
          compared++;
        }
      }
    }
    assertThat(compared).isGreaterThan(5_000);
  }

  private static Map<String, String> randomReplication(Random random, List<String> datacenters) {
    Map<String, String> replication = new LinkedHashMap<>();
    int kind = random.nextInt(10);
    if (kind < 4) {
      replication.put("class", LOCATOR + "SimpleStrategy");
      replication.put("replication_factor", String.valueOf(1 + random.nextInt(4)));
    } else if (kind < 9) {
      replication.put("class", LOCATOR + "NetworkTopologyStrategy");
      for (String datacenter : datacenters) {
        if (random.nextInt(5) > 0) {
          replication.put(datacenter, String.valueOf(random.nextInt(5)));
        }
      }
      if (random.nextInt(5) == 0) {
        replication.put("absent", String.valueOf(1 + random.nextInt(3)));
      }
    } else {
      replication.put("class", LOCATOR + "EverywhereStrategy");
    }
    return replication;
  }

  private static ch.qos.logback.classic.Logger logger(String name) {
    return (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(name);
  }

  /** One random topology, as cql4j nodes and as the driver's, node for node. */
  private static final class Topology {
    final List<String> datacenters = new ArrayList<>();
    final List<Node> nodes = new ArrayList<>();
    final Map<Node, Object> driverNode = new IdentityHashMap<>();
    final Map<Long, com.datastax.oss.driver.api.core.metadata.Node> driverOwners =
        new LinkedHashMap<>();
    final List<Long> ringTokens = new ArrayList<>();
    private final StringBuilder shape = new StringBuilder();

    static Topology random(Random random) {
      Topology t = new Topology();
      Set<Long> used = new HashSet<>();
      int datacenters = 1 + random.nextInt(3);
      for (int d = 0; d < datacenters; d++) {
        String datacenter = "dc" + (d + 1);
        t.datacenters.add(datacenter);
        int racks = 1 + random.nextInt(4);
        int nodes = 1 + random.nextInt(12);
        t.shape.append(datacenter).append(" (racks ").append(racks);
        t.shape.append(", nodes ").append(nodes).append(") ");
        for (int n = 0; n < nodes; n++) {
          String rack = "rack" + (1 + random.nextInt(racks));
          List<Long> tokens = new ArrayList<>();
          for (int v = 1 + random.nextInt(16); v > 0; v--) {
            long token = random.nextLong();
            if (used.add(token)) {
              tokens.add(token);
            }
          }
          t.add(datacenter, rack, tokens);
        }
      }
      t.ringTokens.sort(null);
      return t;
    }

    private void add(String datacenter, String rack, List<Long> tokens) {
      int id = nodes.size() + 1;
      Node ours =
          new DefaultNode(new InetSocketAddress(address(id), 9042), null, datacenter, rack, tokens);
      var theirs = JavaDriverReplicas.node(ours.toString(), datacenter, rack);
      nodes.add(ours);
      driverNode.put(ours, theirs);
      for (Long token : tokens) {
        driverOwners.put(token, theirs);
        ringTokens.add(token);
      }
    }

    List<Long> tokensToTry(Random random) {
      List<Long> tokens = new ArrayList<>(List.of(Long.MIN_VALUE, Long.MAX_VALUE));
      for (int i = 0; i < 8; i++) {
        tokens.add(random.nextLong());
        long ringToken = ringTokens.get(random.nextInt(ringTokens.size()));
        tokens.add(ringToken);
        tokens.add(ringToken + 1);
      }
      return tokens;
    }

    List<Object> asDriverNodes(List<Node> replicas) {
      List<Object> result = new ArrayList<>();
      for (Node node : replicas) {
        result.add(driverNode.get(node));
      }
      return result;
    }

    Object ownerOf(long token) {
      for (long ringToken : ringTokens) {
        if (ringToken >= token) {
          return driverOwners.get(ringToken);
        }
      }
      return driverOwners.get(ringTokens.get(0));
    }

    private static InetAddress address(int id) {
      try {
        return InetAddress.getByAddress(new byte[] {10, 0, (byte) (id >> 8), (byte) id});
      } catch (UnknownHostException e) {
        throw new AssertionError(e);
      }
    }

    @Override
    public String toString() {
      return shape.toString().trim();
    }
  }
}
