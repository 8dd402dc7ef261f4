package org.cql4j.it.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cql4j.mapper.CqlCodec;
import org.cql4j.mapper.CqlName;
import org.cql4j.mapper.Row;
import org.cql4j.mapper.Transparent;
import org.cql4j.mapper.UserType;
import org.cql4j.protocol.deserialize.DeserializationException;
import org.cql4j.protocol.deserialize.DeserializeValue;
import org.cql4j.protocol.serialize.SerializeValue;
import org.cql4j.protocol.value.Codecs;
import org.cql4j.protocol.value.ValueCodec;
import org.cql4j.protocol.value.Values;
import org.cql4j.session.Session;
import org.cql4j.session.statement.PreparedStatement;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Enums, {@code @Transparent} records (nested in collections, map keys and a user type, and one
 * over a collection) and a {@code @CqlCodec} codec, written to and read from a real node: as a
 * whole row, as bound values on their own, and read back as single columns.
 */
@CassandraTest
class ValueMappingIT {
  private static final String INSERT =
      "INSERT INTO accounts (id, email, status, previous_status, aliases, status_by_email, seen,"
          + " profile, balance) VALUES (:id, :email, :status, :previous_status, :aliases,"
          + " :status_by_email, :seen, :profile, :balance)";
  private static final String SELECT =
      "SELECT id, email, status, previous_status, aliases, status_by_email, seen, profile,"
          + " balance FROM accounts WHERE id = ?";
  private static Session session;

  enum Status {
    ACTIVE,
    @CqlName("on-hold")
    ON_HOLD,
    CLOSED
  }

  @Transparent
  record AccountId(long value) {}

  @Transparent
  record Email(String value) {}

  /** A newtype over a collection. */
  @Transparent
  record Tags(Set<String> values) {}

  @UserType
  record Profile(Email email, Status status, Tags tags) {}

  /** A type the mapper does not know. */
  record Money(BigDecimal amount, String currency) {
    static Money parse(String text) {
      String[] parts = text.split(" ");
      return new Money(new BigDecimal(parts[0]), parts[1]);
    }

    String text() {
      return amount.toPlainString() + " " + currency;
    }
  }

  /** Codes {@link Money} as text. */
  public static final class MoneyCodec implements ValueCodec<Money> {
    @Override
    public DeserializeValue<Money> deserializer() {
      return Codecs.mappedDeserializer("Money", Codecs.deserializer(String.class), Money::parse);
    }

    @Override
    public SerializeValue<Money> serializer() {
      return Codecs.mappedSerializer("Money", Codecs.serializer(String.class), Money::text);
    }
  }

  @Row
  record Account(
      AccountId id,
      Email email,
      Status status,
      @CqlName("previous_status") Optional<Status> previousStatus,
      List<Email> aliases,
      @CqlName("status_by_email") Map<Email, Status> statusByEmail,
      Set<Status> seen,
      Profile profile,
      @CqlCodec(MoneyCodec.class) Money balance) {}

  @BeforeAll
  static void schema(TestCluster cassandra) {
    session = Session.builder().knownNodes(cassandra.contactPoints()).build();
    session.queryUnpaged(
        "CREATE KEYSPACE IF NOT EXISTS value_mapping_it"
            + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
    session.useKeyspace("value_mapping_it", false);
    session.queryUnpaged("DROP TABLE IF EXISTS accounts");
    session.queryUnpaged("DROP TYPE IF EXISTS profile");
    session.queryUnpaged("CREATE TYPE profile (email text, status ascii, tags frozen<set<text>>)");
    session.queryUnpaged(
        "CREATE TABLE accounts (id bigint PRIMARY KEY, email text, status text,"
            + " previous_status ascii, aliases list<text>, status_by_email map<text, text>,"
            + " seen set<text>, profile frozen<profile>, balance text)");
  }

  @AfterAll
  static void close() {
    session.close();
  }

  private static Account account(long id, Status status, Optional<Status> previous) {
    return new Account(
        new AccountId(id),
        new Email("ann@example.com"),
        status,
        previous,
        List.of(new Email("a@example.com"), new Email("b@example.com")),
        Map.of(
            new Email("a@example.com"), Status.ON_HOLD, new Email("b@example.com"), Status.ACTIVE),
        Set.of(Status.ACTIVE, Status.CLOSED),
        new Profile(new Email("p@example.com"), Status.ON_HOLD, new Tags(Set.of("x", "y"))),
        new Money(new BigDecimal("12.50"), "EUR"));
  }

  private static Account read(long id) {
    return session
        .queryUnpaged(SELECT, Values.of(new AccountId(id)))
        .intoRowsResult()
        .singleRow(Account.class);
  }

  @Test
  void aRowRoundTripsThroughAPreparedStatementByMarkerName() {
    PreparedStatement insert = session.prepare(INSERT);
    Account active = account(1, Status.ON_HOLD, Optional.of(Status.ACTIVE));
    Account closed = account(2, Status.CLOSED, Optional.empty());
    session.executeUnpaged(insert, active);
    session.executeUnpaged(insert, closed);
    assertThat(read(1)).isEqualTo(active);
    assertThat(read(2)).isEqualTo(closed);

    // what the node stores: the renamed constant, the newtypes' values, the codec's text
    var stored =
        session
            .queryUnpaged(
                "SELECT status, previous_status, aliases, balance FROM accounts WHERE id = 1")
            .intoRowsResult()
            .singleRow(StoredAsText.class);
    assertThat(stored)
        .isEqualTo(
            new StoredAsText(
                "on-hold", "ACTIVE", List.of("a@example.com", "b@example.com"), "12.50 EUR"));
  }

  @Row
  record StoredAsText(
      String status,
      @CqlName("previous_status") String previousStatus,
      List<String> aliases,
      String balance) {}

  @Test
  void enumsAndNewtypesAreBoundValuesAndSingleColumnResults() {
    session.executeUnpaged(session.prepare(INSERT), account(3, Status.ACTIVE, Optional.empty()));
    session.queryUnpaged(
        "UPDATE accounts SET status = ?, aliases = ? WHERE id = ?",
        Values.of(Status.ON_HOLD, List.of(new Email("c@example.com")), new AccountId(3)));
    assertThat(
            session
                .queryUnpaged(
                    "SELECT status FROM accounts WHERE id = ?", Values.of(new AccountId(3)))
                .intoRowsResult()
                .singleRow(Status.class))
        .isEqualTo(Status.ON_HOLD);
    assertThat(
            session
                .executeUnpaged(
                    session.prepare("SELECT aliases FROM accounts WHERE id = ?"),
                    Values.of(new AccountId(3)))
                .intoRowsResult()
                .singleRow(List.class))
        .isEqualTo(List.of("c@example.com"));
    assertThat(
            session
                .queryUnpaged(
                    "SELECT email FROM accounts WHERE id = ?", Values.of(new AccountId(3)))
                .intoRowsResult()
                .singleRow(Email.class))
        .isEqualTo(new Email("ann@example.com"));
  }

  @Test
  void anUnknownStoredNameFailsNamingTheValueTheEnumAndTheColumn() {
    session.executeUnpaged(session.prepare(INSERT), account(4, Status.ACTIVE, Optional.empty()));
    session.queryUnpaged("UPDATE accounts SET status = 'PAUSED' WHERE id = 4");
    assertThatThrownBy(() -> read(4))
        .isInstanceOfSatisfying(
            DeserializationException.class, e -> assertThat(e.column()).isEqualTo("status"))
        .hasMessageContaining("'PAUSED' is none of the enum's names [ACTIVE, on-hold, CLOSED]")
        .hasMessageContaining(Status.class.getName());
  }
}
