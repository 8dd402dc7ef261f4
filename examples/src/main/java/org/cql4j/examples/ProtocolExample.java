package org.cql4j.examples;

import java.util.List;
import org.cql4j.protocol.ProtocolVersion;
import org.cql4j.session.Session;

/** Shows which native protocol version a session negotiated, and how to pin one. */
public final class ProtocolExample {
  private ProtocolExample() {}

  /**
   * Runs the example against {@code CQL_CONTACT_POINTS} or a node started for it.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    Examples.withContactPoints(
        contactPoints -> {
          System.out.println("negotiated: " + negotiated(contactPoints));
          System.out.println("pinned: " + pinned(contactPoints));
        });
  }

  /**
   * Opens a session that negotiates its version.
   *
   * @param contactPoints the contact points
   * @return the version the session speaks: V5 on Cassandra 4.0 and later, V4 on ScyllaDB
   */
  public static ProtocolVersion negotiated(List<String> contactPoints) {
    // tag::negotiated[]
    Session session = Session.builder().knownNodes(contactPoints).build();
    ProtocolVersion version = session.getProtocolVersion(); // V5, or V4 if the node refused v5
    // end::negotiated[]
    try (session) {
      return version;
    }
  }

  /**
   * Opens a session pinned to protocol v4.
   *
   * @param contactPoints the contact points
   * @return the version the session speaks: V4
   */
  public static ProtocolVersion pinned(List<String> contactPoints) {
    // tag::pinned[]
    Session session =
        Session.builder()
            .knownNodes(contactPoints)
            .protocolVersion(ProtocolVersion.V4) // never offers v5
            .build();
    // end::pinned[]
    try (session) {
      return session.getProtocolVersion();
    }
  }
}
