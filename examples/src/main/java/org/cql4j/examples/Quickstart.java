package org.cql4j.examples;

import java.util.ArrayList;
import java.util.List;
import org.cql4j.mapper.Row;
import org.cql4j.protocol.value.Values;
import org.cql4j.session.Session;
import org.cql4j.session.statement.PreparedStatement;
import org.cql4j.testkit.CassandraNode;

/**
 * The quickstart: connects to the nodes named in {@code CQL_CONTACT_POINTS} (e.g. {@code
 * 10.0.0.1:9042,10.0.0.2}), or, when it is unset, starts a real Cassandra node for the occasion and
 * stops it at the end. Then it creates a table, writes a few rows with a prepared statement and
 * reads them back as records, page by page.
 *
 * <p>Run it with {@code ./mvnw -q -pl examples -am package -DskipTests -Pquickstart}.
 */
public final class Quickstart {
  private Quickstart() {}

  /**
   * Runs the quickstart.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    String contactPoints = System.getenv("CQL_CONTACT_POINTS");
    if (contactPoints != null && !contactPoints.isBlank()) {
      run(List.of(contactPoints.split(",")));
      return;
    }
    System.out.println(
        "CQL_CONTACT_POINTS is not set: starting an embedded Cassandra node"
            + " (the first start on a machine takes up to a minute)...");
    try (CassandraNode node = CassandraNode.builder().build()) {
      node.start();
      System.out.println(
          "Node " + node.contactPoint() + " is up (pid " + node.pid().orElseThrow() + ")");
      run(List.of(node.contactPoint()));
    }
    System.out.println("The embedded node is stopped and its files are deleted.");
  }

  /**
   * Connects, writes and reads; what the quickstart does once it has a cluster.
   *
   * @param contactPoints the nodes to connect to, as {@code host[:port]}
   * @return the people read back, in the order the pager returned them
   */
  public static List<Person> run(List<String> contactPoints) {
    // tag::quickstart[]
    try (Session session = Session.builder().knownNodes(contactPoints).build()) {
      System.out.println("Connected to " + session.getClusterState().nodes());

      session.queryUnpaged(
          "CREATE KEYSPACE IF NOT EXISTS quickstart"
              + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
      session.queryUnpaged(
          "CREATE TABLE IF NOT EXISTS quickstart.people (id int PRIMARY KEY, name text, city text)");

      PreparedStatement insert =
          session.prepare("INSERT INTO quickstart.people (id, name, city) VALUES (?, ?, ?)");
      session.executeUnpaged(insert, new Person(1, "Ada", "London"));
      session.executeUnpaged(insert, new Person(2, "Grace", "New York"));
      session.executeUnpaged(insert, new Person(3, "Edsger", "Eindhoven"));
      System.out.println("Inserted 3 people");

      PreparedStatement select = session.prepare("SELECT id, name, city FROM quickstart.people");
      select.setPageSize(2); // tiny pages, to show paging: the pager fetches the next one ahead
      List<Person> people = new ArrayList<>();
      for (Person person : session.executeIter(select, Values.EMPTY).rows(Person.class)) {
        System.out.println("  " + person);
        people.add(person);
      }
      return people;
    } // close() releases every connection and thread
    // end::quickstart[]
  }

  /** A row of {@code quickstart.people}; the mapper generates its codec at compile time. */
  // tag::record[]
  @Row
  public record Person(int id, String name, String city) {}
  // end::record[]
}
