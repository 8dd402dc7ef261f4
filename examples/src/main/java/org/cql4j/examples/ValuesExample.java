package org.cql4j.examples;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cql4j.mapper.Row;
import org.cql4j.mapper.UserType;
import org.cql4j.protocol.serialize.SerializationException;
import org.cql4j.protocol.value.CqlRow;
import org.cql4j.protocol.value.Unset;
import org.cql4j.protocol.value.Values;
import org.cql4j.session.Session;
import org.cql4j.session.statement.PreparedStatement;

/** Every way to pass a row of bound values, null and unset, and a value of the wrong type. */
public final class ValuesExample {
  private ValuesExample() {}

  /** A row of {@code examples.contacts}. */
  @Row
  public record Contact(int id, String name, String email, Set<String> tags) {}

  /** The user type {@code examples.address}. */
  @UserType
  public record Address(String street, String city) {}

  /**
   * What was written.
   *
   * @param contacts the rows read back, by id
   * @param wrongType the message of the error for a value of the wrong type
   * @param home the user type value read back
   * @param previous the list of user type values read back
   */
  public record Outcome(
      List<Contact> contacts, String wrongType, Address home, List<Address> previous) {}

  /**
   * Runs the example against {@code CQL_CONTACT_POINTS} or a node started for it.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    Examples.withSession(session -> System.out.println(run(session)));
  }

  /**
   * Writes rows with each kind of values and reads them back.
   *
   * @param session the session
   * @return the rows
   */
  public static Outcome run(Session session) {
    Examples.createKeyspace(session);
    session.queryUnpaged(
        "CREATE TABLE IF NOT EXISTS examples.contacts"
            + " (id int PRIMARY KEY, name text, email text, tags set<text>)");
    session.queryUnpaged("TRUNCATE examples.contacts");

    // tag::positional[]
    PreparedStatement insert =
        session.prepare(
            "INSERT INTO examples.contacts (id, name, email, tags) VALUES (?, ?, ?, ?)");

    session.executeUnpaged(insert, Values.of(1, "Ann", "ann@example.com", Set.of("vip")));
    session.executeUnpaged(insert, List.of(2, "Bob", "bob@example.com", Set.of()));
    session.executeUnpaged(insert, new Object[] {3, "Cy", "cy@example.com", Set.of("new")});
    // end::positional[]

    // tag::record[]
    session.executeUnpaged(insert, new Contact(4, "Dee", "dee@example.com", Set.of("new", "vip")));
    // end::record[]

    // tag::by-name[]
    PreparedStatement named =
        session.prepare(
            "INSERT INTO examples.contacts (id, name, email) VALUES (:id, :name, :address)");
    Map<String, Object> values = new HashMap<>();
    values.put("id", 5);
    values.put("name", "Eve");
    values.put("address", "eve@example.com");
    session.executeUnpaged(named, values);
    // end::by-name[]

    session.queryUnpaged("CREATE TYPE IF NOT EXISTS examples.address (street text, city text)");
    session.queryUnpaged(
        "CREATE TABLE IF NOT EXISTS examples.homes"
            + " (id int PRIMARY KEY, home frozen<address>, previous list<frozen<address>>)");
    // tag::user-type[]
    PreparedStatement insertHome =
        session.prepare("INSERT INTO examples.homes (id, home, previous) VALUES (?, ?, ?)");
    session.executeUnpaged(
        insertHome,
        Values.of(
            1,
            new Address("1 Main St", "Springfield"), // frozen<address>
            List.of(new Address("2 Old Rd", "Shelbyville")))); // list<frozen<address>>
    // end::user-type[]

    // tag::null-and-unset[]
    PreparedStatement update =
        session.prepare("UPDATE examples.contacts SET name = ?, email = ? WHERE id = ?");
    session.executeUnpaged(update, Values.of("Ann B.", Unset.VALUE, 1)); // email left as it is
    session.executeUnpaged(update, Values.of("Bob", null, 2)); // email deleted (a tombstone)
    // end::null-and-unset[]

    // tag::unprepared[]
    session.queryUnpaged(
        "UPDATE examples.contacts SET tags = tags + ? WHERE id = ?", Values.of(Set.of("vip"), 3));
    // end::unprepared[]

    String wrongType = null;
    // tag::wrong-type[]
    try {
      session.executeUnpaged(insert, Values.of("6", "Fay", "fay@example.com", Set.of()));
    } catch (SerializationException e) {
      // nothing was sent; the message names the marker, its CQL type and the Java type
      wrongType = e.getMessage();
    }
    // end::wrong-type[]
    System.out.println(wrongType);

    List<Contact> contacts = new ArrayList<>();
    session
        .queryUnpaged("SELECT id, name, email, tags FROM examples.contacts")
        .intoRowsResult()
        .rows(Contact.class)
        .forEach(contacts::add);
    contacts.sort(Comparator.comparingInt(Contact::id));
    contacts.forEach(System.out::println);
    CqlRow homes =
        session
            .queryUnpaged("SELECT home, previous FROM examples.homes WHERE id = 1")
            .intoRowsResult()
            .singleRow(CqlRow.class);
    Address home = homes.get("home", Address.class);
    List<Address> previous = homes.getList("previous", Address.class);
    System.out.println(home + " " + previous);
    return new Outcome(contacts, wrongType, home, previous);
  }
}
