package org.cql4j.examples;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.cql4j.testkit.CassandraNode;
import org.cql4j.testkit.NativeProtocolProbe;

/**
 * The quickstart: talks to the nodes named in {@code CQL_CONTACT_POINTS}, or, when it is unset,
 * starts a real Cassandra node for the occasion and stops it at the end.
 *
 * <p>Until the session lands (issue 4), it shows what each node reports about itself: the SUPPORTED
 * answer to a native protocol OPTIONS request.
 */
public final class Quickstart {
  private Quickstart() {}

  /**
   * Runs the quickstart.
   *
   * @param args unused
   * @throws Exception if a node cannot be reached
   */
  public static void main(String[] args) throws Exception {
    String contactPoints = System.getenv("CQL_CONTACT_POINTS");
    if (contactPoints == null || contactPoints.isBlank()) {
      System.out.println(
          "CQL_CONTACT_POINTS is not set: starting an embedded Cassandra node"
              + " (the first start on a machine takes up to a minute)...");
      try (CassandraNode node = CassandraNode.builder().build()) {
        node.start();
        print(
            node.contactPoint() + " (embedded, pid " + node.pid().orElseThrow() + ")",
            node.supportedOptions());
      }
      System.out.println("The embedded node is stopped and its files are deleted.");
    } else {
      for (InetSocketAddress address : ContactPoints.parse(contactPoints)) {
        InetSocketAddress resolved =
            new InetSocketAddress(address.getHostString(), address.getPort());
        print(
            address.getHostString() + ":" + address.getPort(),
            NativeProtocolProbe.supportedOptions(resolved, null, Duration.ofSeconds(5)));
      }
    }
  }

  private static void print(String node, Map<String, List<String>> supported) {
    System.out.println("Node " + node + " supports:");
    supported.forEach((option, values) -> System.out.println("  " + option + " = " + values));
  }
}
