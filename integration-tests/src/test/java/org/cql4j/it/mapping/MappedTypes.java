package org.cql4j.it.mapping;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.cql4j.mapper.AllowMissing;
import org.cql4j.mapper.CqlName;
import org.cql4j.mapper.CqlTuple;
import org.cql4j.mapper.DefaultWhenNull;
import org.cql4j.mapper.Flatten;
import org.cql4j.mapper.Flavor;
import org.cql4j.mapper.Row;
import org.cql4j.mapper.Skip;
import org.cql4j.mapper.UserType;
import org.cql4j.session.Session;
import org.cql4j.testkit.TestCluster;

/** The records the mapping ITs round-trip; the processor generates their codecs. */
final class MappedTypes {
  private MappedTypes() {}

  /** The user type as first created: street and zip code. */
  @UserType
  record Address(String street, @CqlName("zip_code") int zip) {}

  /** The same user type after {@code ALTER TYPE ... ADD country}. */
  @UserType
  record AddressWithCountry(
      String street, @CqlName("zip_code") int zip, @AllowMissing String country) {}

  /** Refuses user type fields it does not map. */
  @UserType(forbidExcessUdtFields = true)
  record StrictAddress(String street, @CqlName("zip_code") int zip) {}

  /** A tuple mapped by position. */
  @CqlTuple
  record Point(double x, double y) {}

  /** Audit columns shared by several tables, inlined with {@code @Flatten}. */
  @Row
  record Audit(@CqlName("created_at") Instant createdAt, @CqlName("created_by") String createdBy) {}

  /** A user with most kinds of columns. */
  @Row
  record User(
      UUID id,
      String name,
      Set<String> tags,
      Address home,
      List<Address> previous,
      @CqlName("by_label") Map<String, List<Address>> byLabel,
      Point location,
      Optional<String> nickname,
      @DefaultWhenNull int visits,
      Integer score,
      LocalDate birthday,
      ByteBuffer avatar,
      @Flatten Audit audit,
      @Skip String displayName) {}

  /** The key and home address only, read from the same table. */
  @Row
  record UserHome(UUID id, Address home) {}

  /** The key and home address, read with the newer user type. */
  @Row
  record UserHomeWithCountry(UUID id, AddressWithCountry home) {}

  /** The key and home address, read strictly. */
  @Row
  record StrictUserHome(UUID id, StrictAddress home) {}

  /** A primitive component without {@code @DefaultWhenNull}: a null cell is an error. */
  @Row
  record Visits(UUID id, int visits) {}

  /** Columns matched by position. */
  @Row(flavor = Flavor.ENFORCE_ORDER)
  record Pair(int k, String v) {}

  /** A user type with frozen collections and a nested user type among its fields. */
  @UserType
  record Contact(String email, List<String> phones, Map<String, Integer> scores, Address address) {}

  /** A tuple with a frozen collection component. */
  @CqlTuple
  record Tagged(int n, List<Integer> values) {}

  /** Every frozen collection shape, and one non-frozen list for contrast. */
  @Row
  record FrozenHolder(
      int id,
      List<Integer> fl,
      Set<String> fs,
      Map<String, Integer> fm,
      List<Integer> nl,
      Map<String, List<Integer>> fnested,
      Contact contact,
      Tagged tagged) {}

  /**
   * Opens a session in a fresh keyspace holding the user types {@code address} and {@code contact}
   * of {@link Address} and {@link Contact}, with {@code table} dropped.
   */
  static Session sessionWithContactTypes(TestCluster cassandra, String keyspace, String table) {
    Session session = Session.builder().knownNodes(cassandra.contactPoints()).build();
    session.queryUnpaged(
        "CREATE KEYSPACE IF NOT EXISTS "
            + keyspace
            + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
    session.useKeyspace(keyspace, false);
    session.queryUnpaged("DROP TABLE IF EXISTS " + table);
    session.queryUnpaged("DROP TYPE IF EXISTS contact");
    session.queryUnpaged("DROP TYPE IF EXISTS address");
    session.queryUnpaged("CREATE TYPE address (street text, zip_code int)");
    session.queryUnpaged(
        "CREATE TYPE contact (email text, phones frozen<list<text>>,"
            + " scores frozen<map<text, int>>, address frozen<address>)");
    return session;
  }
}
