package org.cql4j.it.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.cql4j.it.mapping.MappedTypes.Address;
import org.cql4j.it.mapping.MappedTypes.AddressWithCountry;
import org.cql4j.it.mapping.MappedTypes.Audit;
import org.cql4j.it.mapping.MappedTypes.Pair;
import org.cql4j.it.mapping.MappedTypes.Point;
import org.cql4j.it.mapping.MappedTypes.StrictUserHome;
import org.cql4j.it.mapping.MappedTypes.User;
import org.cql4j.it.mapping.MappedTypes.UserHome;
import org.cql4j.it.mapping.MappedTypes.UserHomeWithCountry;
import org.cql4j.it.mapping.MappedTypes.Visits;
import org.cql4j.protocol.deserialize.DeserializationException;
import org.cql4j.protocol.deserialize.TypeCheckException;
import org.cql4j.protocol.serialize.SerializationException;
import org.cql4j.protocol.value.Values;
import org.cql4j.session.Session;
import org.cql4j.session.statement.PreparedStatement;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Records with generated codecs, written and read through a session against a real node. */
@CassandraTest
class MappingIT {
  private static final String COLUMNS =
      "id, name, tags, home, previous, by_label, location, nickname, visits, score, birthday,"
          + " avatar, created_at, created_by";
  private static Session session;
  private static PreparedStatement insertUser;

  @BeforeAll
  static void schema(TestCluster cassandra) {
    session = Session.builder().knownNodes(cassandra.contactPoints()).build();
    session.queryUnpaged(
        "CREATE KEYSPACE IF NOT EXISTS mapping_it WITH replication ="
            + " {'class': 'SimpleStrategy', 'replication_factor': 1}");
    session.useKeyspace("mapping_it", false);
    session.queryUnpaged("DROP TABLE IF EXISTS users");
    session.queryUnpaged("DROP TYPE IF EXISTS address");
    session.queryUnpaged("CREATE TYPE address (street text, zip_code int)");
    session.queryUnpaged(
        "CREATE TABLE users (id uuid PRIMARY KEY, name text, tags set<text>,"
            + " home frozen<address>, previous list<frozen<address>>,"
            + " by_label map<text, frozen<list<frozen<address>>>>,"
            + " location frozen<tuple<double, double>>, nickname text, visits int, score int,"
            + " birthday date, avatar blob, created_at timestamp, created_by text)");
    session.queryUnpaged("CREATE TABLE IF NOT EXISTS pairs (k int PRIMARY KEY, v text)");
    insertUser =
        session.prepare(
            "INSERT INTO users ("
                + COLUMNS
                + ") VALUES (:id, :name, :tags, :home, :previous, :by_label, :location, :nickname,"
                + " :visits, :score, :birthday, :avatar, :created_at, :created_by)");
  }

  @AfterAll
  static void close() {
    session.close();
  }

  @Test
  void roundTripsEveryKindOfComponent() {
    Address home = new Address("1 Main St", 12345);
    User ann =
        new User(
            UUID.randomUUID(),
            "ann",
            Set.of("admin", "dev"),
            home,
            List.of(new Address("Old Rd", 1), new Address("Older Rd", 2)),
            Map.of("work", List.of(new Address("Office Pl", 3))),
            new Point(1.5, -2.25),
            Optional.of("annie"),
            7,
            42,
            LocalDate.of(1990, 5, 17),
            ByteBuffer.wrap(new byte[] {1, 2, 3}),
            new Audit(Instant.now().truncatedTo(ChronoUnit.MILLIS), "tests"),
            "ignored: @Skip");
    session.executeUnpaged(insertUser, ann);

    User read =
        session
            .queryUnpaged("SELECT " + COLUMNS + " FROM users WHERE id = ?", Values.of(ann.id()))
            .intoRowsResult()
            .singleRow(User.class);
    assertThat(read).usingRecursiveComparison().ignoringFields("displayName").isEqualTo(ann);
    assertThat(read.displayName()).isNull();
  }

  @Test
  void readsNullsAsEmptyDefaultsOrNull() {
    UUID id = UUID.randomUUID();
    session.queryUnpaged("INSERT INTO users (id, name) VALUES (?, ?)", Values.of(id, "bob"));
    User bob =
        session
            .queryUnpaged("SELECT " + COLUMNS + " FROM users WHERE id = ?", Values.of(id))
            .intoRowsResult()
            .singleRow(User.class);
    assertThat(bob.tags()).isEmpty(); // a null non-frozen collection reads as empty
    assertThat(bob.nickname()).isEmpty();
    assertThat(bob.visits()).isZero(); // @DefaultWhenNull
    assertThat(bob.score()).isNull();
    assertThat(bob.home()).isNull();
  }

  @Test
  void namesTheMissingColumnWhenTheSelectDoesNotFitTheRecord() {
    assertThatThrownBy(
            () ->
                session
                    .queryUnpaged("SELECT id, name FROM users LIMIT 1")
                    .intoRowsResult()
                    .rows(User.class))
        .isInstanceOf(TypeCheckException.class)
        .hasMessageContaining("tags");
  }

  @Test
  void refusesAPrimitiveComponentForANullColumn() {
    UUID id = UUID.randomUUID();
    session.queryUnpaged("INSERT INTO users (id, name) VALUES (?, 'no visits')", Values.of(id));
    assertThatThrownBy(
            () ->
                session
                    .queryUnpaged("SELECT id, visits FROM users WHERE id = ?", Values.of(id))
                    .intoRowsResult()
                    .singleRow(Visits.class))
        .isInstanceOf(DeserializationException.class)
        .hasMessageContaining("visits");
  }

  @Test
  void refusesColumnsInAnotherOrderWithEnforceOrder() {
    assertThatThrownBy(
            () ->
                session
                    .queryUnpaged("SELECT v, k FROM pairs LIMIT 1")
                    .intoRowsResult()
                    .rows(Pair.class))
        .isInstanceOf(TypeCheckException.class);
  }

  @Test
  void matchesColumnsByPositionWithEnforceOrder() {
    session.executeUnpaged(
        session.prepare("INSERT INTO pairs (k, v) VALUES (?, ?)"), new Pair(1, "one"));
    assertThat(
            session
                .queryUnpaged("SELECT k, v FROM pairs WHERE k = 1")
                .intoRowsResult()
                .singleRow(Pair.class))
        .isEqualTo(new Pair(1, "one"));
  }

  @Test
  void rejectsARecordThatDoesNotFitTheBindMarkers() {
    PreparedStatement insert = session.prepare("INSERT INTO pairs (k, v) VALUES (?, ?)");
    assertThatThrownBy(() -> session.executeUnpaged(insert, new Audit(Instant.now(), "x")))
        .isInstanceOf(SerializationException.class);
  }

  @Test
  void followsTheUserTypeWhenAFieldIsAdded() {
    session.queryUnpaged("CREATE TYPE IF NOT EXISTS place (street text, zip_code int)");
    session.queryUnpaged(
        "CREATE TABLE IF NOT EXISTS homes (id uuid PRIMARY KEY, home frozen<place>)");
    UUID before = UUID.randomUUID();
    PreparedStatement insertHome = session.prepare("INSERT INTO homes (id, home) VALUES (?, ?)");
    session.executeUnpaged(insertHome, new UserHome(before, new Address("Before St", 1)));

    session.queryUnpaged("ALTER TYPE place ADD country text");

    UUID after = UUID.randomUUID();
    PreparedStatement insertNew = session.prepare("INSERT INTO homes (id, home) VALUES (?, ?)");
    session.executeUnpaged(
        insertNew, new UserHomeWithCountry(after, new AddressWithCountry("After St", 2, "NZ")));

    // the old record still reads every row: the field it does not know is ignored
    List<UserHome> old = new ArrayList<>();
    session
        .queryUnpaged("SELECT id, home FROM homes")
        .intoRowsResult()
        .rows(UserHome.class)
        .forEach(old::add);
    assertThat(old).extracting(h -> h.home().street()).contains("Before St", "After St");

    // the new record reads rows written before the field existed: the missing field is null
    UserHomeWithCountry first =
        session
            .queryUnpaged("SELECT id, home FROM homes WHERE id = ?", Values.of(before))
            .intoRowsResult()
            .singleRow(UserHomeWithCountry.class);
    assertThat(first.home()).isEqualTo(new AddressWithCountry("Before St", 1, null));

    // the old record can still write: the new field is left null
    UUID oldWriter = UUID.randomUUID();
    session.executeUnpaged(insertNew, new UserHome(oldWriter, new Address("Old Writer St", 3)));
    assertThat(
            session
                .queryUnpaged("SELECT id, home FROM homes WHERE id = ?", Values.of(oldWriter))
                .intoRowsResult()
                .singleRow(UserHomeWithCountry.class)
                .home())
        .isEqualTo(new AddressWithCountry("Old Writer St", 3, null));

    // unless a record forbids fields it does not map
    assertThatThrownBy(
            () ->
                session
                    .queryUnpaged("SELECT id, home FROM homes")
                    .intoRowsResult()
                    .rows(StrictUserHome.class))
        .isInstanceOf(TypeCheckException.class)
        .hasMessageContaining("country");
  }
}
