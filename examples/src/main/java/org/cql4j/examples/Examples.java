package org.cql4j.examples;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.cql4j.session.Session;
import org.cql4j.testkit.CassandraNode;
import org.cql4j.testkit.CassandraNodeBuilder;

/**
 * What the examples' {@code main} methods share: where to connect, and the keyspace they write to.
 * Stateless and thread-safe.
 *
 * <p>Each example's {@code main} connects to the nodes named in {@code CQL_CONTACT_POINTS} (e.g.
 * {@code 10.0.0.1:9042,10.0.0.2}) or, when it is unset, starts a Cassandra node for the run. Run
 * one with {@code ./mvnw -q -pl examples -am package -DskipTests -Pquickstart
 * -Dexample.mainClass=org.cql4j.examples.PagingExample}.
 */
final class Examples {
  /** The keyspace the examples create their tables in. */
  static final String KEYSPACE = "examples";

  private Examples() {}

  /**
   * Creates the examples' keyspace if it does not exist (replication factor 1: a test node).
   *
   * @param session the session
   */
  static void createKeyspace(Session session) {
    session.queryUnpaged(
        "CREATE KEYSPACE IF NOT EXISTS "
            + KEYSPACE
            + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
  }

  /**
   * Runs an example with a session to {@code CQL_CONTACT_POINTS}, or to a node started for it.
   *
   * @param example what to do with the session
   */
  static void withSession(Consumer<Session> example) {
    withContactPoints(
        contactPoints -> {
          try (Session session = Session.builder().knownNodes(contactPoints).build()) {
            example.accept(session);
          }
        });
  }

  /**
   * Runs an example with the contact points of {@code CQL_CONTACT_POINTS}, or of a node started for
   * it and stopped afterwards.
   *
   * @param example what to do with the contact points
   */
  static void withContactPoints(Consumer<List<String>> example) {
    String contactPoints = System.getenv("CQL_CONTACT_POINTS");
    if (contactPoints != null && !contactPoints.isBlank()) {
      example.accept(List.of(contactPoints.split(",")));
    } else {
      withNode(node -> node, node -> example.accept(List.of(node.contactPoint())));
    }
  }

  /**
   * Runs an example against a node started for it (always: the node needs settings, such as TLS
   * certificates, that an external cluster would not have).
   *
   * @param configure adjusts the node's settings
   * @param example what to do with the running node
   */
  static void withNode(
      UnaryOperator<CassandraNodeBuilder> configure, Consumer<CassandraNode> example) {
    System.out.println("Starting an embedded Cassandra node...");
    try (CassandraNode node = configure.apply(CassandraNode.builder()).build()) {
      node.start();
      example.accept(node);
    }
  }
}
