package org.cql4j.examples;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.cql4j.session.Node;
import org.cql4j.session.PoolSize;
import org.cql4j.session.Session;
import org.cql4j.session.errors.ConnectionException;
import org.cql4j.session.errors.NoHostAvailableException;
import org.cql4j.session.policy.ConstantReconnectionPolicy;
import org.cql4j.session.policy.HostFilter;

/** Opens a session with every connection setting spelled out, looks at the cluster, closes it. */
public final class ConnectingExample {
  private ConnectingExample() {}

  /**
   * What the example saw.
   *
   * @param nodes one line per node of the cluster: address, datacenter, rack, state
   * @param keyspace the session's keyspace after {@code useKeyspace}
   * @param unreachable the message of the error for a cluster that cannot be reached
   */
  public record Outcome(List<String> nodes, String keyspace, String unreachable) {}

  /**
   * What a session whose host filter refuses every node saw.
   *
   * @param nodes the nodes it knows
   * @param error what a request failed with, or null if it did not fail
   */
  public record Filtered(List<Node> nodes, NoHostAvailableException error) {}

  /**
   * Runs the example against {@code CQL_CONTACT_POINTS} or a node started for it.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    Examples.withContactPoints(contactPoints -> System.out.println(run(contactPoints)));
  }

  /**
   * Connects in several ways.
   *
   * @param contactPoints the contact points, {@code host[:port]}
   * @return what was seen
   */
  public static Outcome run(List<String> contactPoints) {
    try (Session setUp = Session.builder().knownNodes(contactPoints).build()) {
      Examples.createKeyspace(setUp);
    }

    // tag::connect[]
    Session session =
        Session.builder()
            .knownNodes(contactPoints) // "host", "host:port", "[::1]:9042"; port 9042 by default
            .useKeyspace("examples", false) // every connection starts in it, as after USE
            .poolSize(PoolSize.perHost(2)) // default: one connection per node (per shard on Scylla)
            .ioThreads(2) // Netty event loops; default: the number of cores
            .connectTimeout(Duration.ofSeconds(5)) // TCP + TLS + CQL handshake, per attempt
            .build(); // blocks until the pools are open
    // end::connect[]

    // tag::cluster-state[]
    List<String> nodes = new ArrayList<>();
    for (Node node : session.getClusterState().nodes()) {
      nodes.add(
          node.address()
              + " dc="
              + node.datacenter()
              + " rack="
              + node.rack()
              + (node.isUp() ? " up" : " down"));
    }
    // end::cluster-state[]
    nodes.forEach(System.out::println);

    String keyspace = session.getKeyspace().orElseThrow();

    // tag::close[]
    session.close(); // releases connections and threads; later calls: SessionClosedException
    // end::close[]

    // tag::async[]
    CompletableFuture<Session> opening =
        Session.builder().knownNodes(contactPoints).buildAsync(); // never blocks
    opening.thenCompose(Session::closeAsync).join();
    // end::async[]

    String unreachable = null;
    // tag::unreachable[]
    try (Session nowhere =
        Session.builder()
            .knownNode("127.0.0.1:1") // nothing listens there
            .connectTimeout(Duration.ofSeconds(1))
            .build()) {
      nowhere.queryUnpaged("SELECT now() FROM system.local");
    } catch (ConnectionException e) {
      unreachable = e.getMessage(); // names each contact point and why it failed
    }
    // end::unreachable[]
    System.out.println(unreachable);
    return new Outcome(nodes, keyspace, unreachable);
  }

  /**
   * Opens a session that finds a node that stopped answering within seconds, reconnects to it every
   * second, and connects only to the nodes of {@code datacenter1}.
   *
   * @param contactPoints the contact points, {@code host[:port]}
   * @return the session
   */
  public static Session connectWatchful(List<String> contactPoints) {
    // tag::keepalive[]
    Map<InetSocketAddress, InetSocketAddress> nat = Map.of(); // advertised -> reachable, behind NAT
    Session session =
        Session.builder()
            .knownNodes(contactPoints)
            .keepaliveInterval(Duration.ofSeconds(5)) // heartbeat after 5 s without a read (30 s)
            .keepaliveTimeout(Duration.ofSeconds(2)) // no answer in 2 s: connection closed (30 s)
            .reconnectionPolicy(new ConstantReconnectionPolicy(Duration.ofSeconds(1)))
            .hostFilter(HostFilter.datacenters("datacenter1")) // no connection to other DCs
            .addressTranslator(advertised -> nat.getOrDefault(advertised, advertised))
            .build();
    // end::keepalive[]
    return session;
  }

  /**
   * Opens a session that keeps at most 1,024 requests in flight and 10,000 waiting.
   *
   * @param contactPoints the contact points, {@code host[:port]}
   * @return the session
   */
  public static Session connectBounded(List<String> contactPoints) {
    // tag::throttling[]
    Session session =
        Session.builder()
            .knownNodes(contactPoints)
            .maxConcurrentRequests(1_024, 10_000) // then RequestThrottledException, nothing sent
            .build();
    // end::throttling[]
    return session;
  }

  /**
   * Opens a session whose host filter refuses every node, and sends it a request.
   *
   * @param contactPoints the contact points, {@code host[:port]}
   * @return what it saw
   */
  public static Filtered refuseEveryNode(List<String> contactPoints) {
    // tag::filtered[]
    try (Session elsewhere =
        Session.builder()
            .knownNodes(contactPoints)
            .hostFilter(HostFilter.datacenters("dc-far-away")) // no node of this cluster
            .build()) {
      List<Node> nodes = elsewhere.getClusterState().nodes(); // every node, each down
      NoHostAvailableException error = null;
      try {
        elsewhere.queryUnpaged("SELECT now() FROM system.local");
      } catch (NoHostAvailableException e) {
        error = e; // no node to send it to: e.errors() is empty
      }
      return new Filtered(nodes, error);
    }
    // end::filtered[]
  }
}
