package org.cql4j.it.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.cql4j.it.mapping.MappedTypes.Address;
import org.cql4j.it.mapping.MappedTypes.Contact;
import org.cql4j.it.mapping.MappedTypes.Tagged;
import org.cql4j.mapper.Row;
import org.cql4j.protocol.serialize.SerializationException;
import org.cql4j.protocol.value.Values;
import org.cql4j.session.Session;
import org.cql4j.session.statement.PreparedStatement;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code @UserType} and {@code @CqlTuple} records are bound values like any other: alone, in a
 * {@code Values}, a {@code List} or an {@code Object[]}, and inside bound lists and maps, through
 * prepared and unprepared statements.
 */
@CassandraTest
class StructValuesIT {
  private static final String INSERT =
      "INSERT INTO structs (id, contact, tagged, addresses, by_name) VALUES (?, ?, ?, ?, ?)";
  private static final String SELECT =
      "SELECT id, contact, tagged, addresses, by_name FROM structs WHERE id = ?";
  private static Session session;

  /** The table's row, read back through the generated codecs. */
  @Row
  record Structs(
      int id,
      Contact contact,
      Tagged tagged,
      List<Address> addresses,
      @org.cql4j.mapper.CqlName("by_name") Map<String, Address> byName) {}

  @BeforeAll
  static void schema(TestCluster cassandra) {
    session = MappedTypes.sessionWithContactTypes(cassandra, "structs_it", "structs");
    session.queryUnpaged(
        "CREATE TABLE structs (id int PRIMARY KEY, contact frozen<contact>,"
            + " tagged frozen<tuple<int, frozen<list<int>>>>, addresses list<frozen<address>>,"
            + " by_name map<text, frozen<address>>)");
  }

  @AfterAll
  static void close() {
    session.close();
  }

  private static Structs full(int id) {
    return new Structs(
        id,
        new Contact("ann@example.com", List.of("+1 555"), Map.of("x", 1), new Address("Main", 1)),
        new Tagged(3, List.of(4, 5)),
        List.of(new Address("Old Rd", 2), new Address("Older Rd", 3)),
        Map.of("home", new Address("Home St", 4)));
  }

  private static Structs read(int id) {
    return session.queryUnpaged(SELECT, Values.of(id)).intoRowsResult().singleRow(Structs.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"prepared", "unprepared"})
  void bindsRecordsByPositionInValues(String how) {
    Structs row = full(how.equals("prepared") ? 1 : 2);
    Values values = Values.of(row.id(), row.contact(), row.tagged(), row.addresses(), row.byName());
    if (how.equals("prepared")) {
      session.executeUnpaged(session.prepare(INSERT), values);
    } else {
      session.queryUnpaged(INSERT, values);
    }
    assertThat(read(row.id())).isEqualTo(row);
  }

  @Test
  void bindsRecordsInAListAndAnArray() {
    Structs row = full(3);
    PreparedStatement insert = session.prepare(INSERT);
    session.executeUnpaged(
        insert, List.of(row.id(), row.contact(), row.tagged(), row.addresses(), row.byName()));
    assertThat(read(3)).isEqualTo(row);
    Structs other = full(4);
    session.executeUnpaged(
        insert,
        new Object[] {
          other.id(), other.contact(), other.tagged(), other.addresses(), other.byName()
        });
    assertThat(read(4)).isEqualTo(other);
  }

  @Test
  void bindsRecordsWithNullFields() {
    Structs nulls =
        new Structs(
            5,
            new Contact(null, null, null, new Address(null, 0)),
            new Tagged(0, null),
            List.of(new Address(null, 9)),
            Map.of("k", new Address(null, 0)));
    session.queryUnpaged(
        INSERT,
        Arrays.asList(
            nulls.id(), nulls.contact(), nulls.tagged(), nulls.addresses(), nulls.byName()));
    assertThat(read(5)).isEqualTo(nulls);
  }

  @Test
  void aRecordWithoutGeneratedCodecIsRefusedWithAHint() {
    record NotMapped(String street) {}
    assertThatThrownBy(
            () ->
                session.queryUnpaged(
                    "INSERT INTO structs (id, contact) VALUES (?, ?)",
                    Values.of(6, new NotMapped("x"))))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("@UserType");
  }
}
