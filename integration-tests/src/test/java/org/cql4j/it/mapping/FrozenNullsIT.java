package org.cql4j.it.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cql4j.it.mapping.MappedTypes.Contact;
import org.cql4j.it.mapping.MappedTypes.FrozenHolder;
import org.cql4j.it.mapping.MappedTypes.Tagged;
import org.cql4j.protocol.value.Codecs;
import org.cql4j.protocol.value.CqlRow;
import org.cql4j.protocol.value.TupleValue;
import org.cql4j.protocol.value.UdtValue;
import org.cql4j.protocol.value.Values;
import org.cql4j.session.QueryRowsResult;
import org.cql4j.session.Session;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A null frozen collection reads as null, wherever it is; a null non-frozen one as empty (api.md).
 * The protocol does not say which columns are frozen: the session learns it from the schema.
 */
@CassandraTest
class FrozenNullsIT {
  private static final String COLUMNS = "id, fl, fs, fm, nl, fnested, contact, tagged";
  private static Session session;

  @BeforeAll
  static void schema(TestCluster cassandra) {
    session = MappedTypes.sessionWithContactTypes(cassandra, "frozen_it", "holders");
    session.queryUnpaged(
        "CREATE TABLE holders (id int PRIMARY KEY, fl frozen<list<int>>, fs frozen<set<text>>,"
            + " fm frozen<map<text, int>>, nl list<int>,"
            + " fnested frozen<map<text, frozen<list<int>>>>, contact frozen<contact>,"
            + " tagged frozen<tuple<int, frozen<list<int>>>>)");
    session.queryUnpaged(
        "INSERT INTO holders (id, contact, tagged) VALUES (1,"
            + " {email: 'a@b.c', phones: null, scores: null, address: null}, (7, null))");
    session.queryUnpaged(
        "INSERT INTO holders (id, fl, fs, fm, nl, fnested, tagged)"
            + " VALUES (2, [], {}, {}, [], {}, (8, []))");
  }

  @AfterAll
  static void close() {
    session.close();
  }

  private static QueryRowsResult select(String columns, int id) {
    return session
        .queryUnpaged("SELECT " + columns + " FROM holders WHERE id = ?", Values.of(id))
        .intoRowsResult();
  }

  @Test
  void cqlRowGettersReadNullFrozenCollectionsAsNull() {
    CqlRow row = select(COLUMNS, 1).singleRow(CqlRow.class);
    assertThat(row.getList("fl", Integer.class)).isNull();
    assertThat(row.getSet("fs", String.class)).isNull();
    assertThat(row.getMap("fm", String.class, Integer.class)).isNull();
    assertThat(row.get("fnested", Map.class)).isNull();
    assertThat(row.getList("nl", Integer.class)).as("non-frozen: null is empty").isEmpty();
    UdtValue contact = row.get("contact", UdtValue.class);
    assertThat(contact.fields()).containsEntry("phones", null).containsEntry("scores", null);
    TupleValue tagged = row.get("tagged", TupleValue.class);
    assertThat(tagged.get(0)).isEqualTo(7);
    assertThat(tagged.get(1)).isNull();
  }

  @Test
  void cqlRowGettersKeepEmptyFrozenCollectionsEmpty() {
    CqlRow row = select(COLUMNS, 2).singleRow(CqlRow.class);
    assertThat(row.getList("fl", Integer.class)).isEmpty();
    assertThat(row.getSet("fs", String.class)).isEmpty();
    assertThat(row.getMap("fm", String.class, Integer.class)).isEmpty();
    assertThat(row.get("fnested", Map.class)).isEmpty();
    assertThat(row.get("tagged", TupleValue.class).get(1)).isEqualTo(List.of());
  }

  @Test
  void recordsReadNullFrozenCollectionsAsNull() {
    FrozenHolder nulls = select(COLUMNS, 1).singleRow(FrozenHolder.class);
    assertThat(nulls)
        .isEqualTo(
            new FrozenHolder(
                1,
                null,
                null,
                null,
                List.of(),
                null,
                new Contact("a@b.c", null, null, null),
                new Tagged(7, null)));
    FrozenHolder empties = select(COLUMNS, 2).singleRow(FrozenHolder.class);
    assertThat(empties)
        .isEqualTo(
            new FrozenHolder(
                2,
                List.of(),
                Set.of(),
                Map.of(),
                List.of(),
                Map.of(),
                null,
                new Tagged(8, List.of())));
  }

  @Test
  void singleColumnReadsSeeTheColumnsFrozenness() {
    assertThat(select("fl", 1).singleRow(List.class)).isNull();
    assertThat(select("nl", 1).singleRow(List.class)).isEmpty();
    assertThat(select("fm", 1).singleRow(Map.class)).isNull();
    assertThat(
            select("fl", 1)
                .rows(
                    Codecs.singleColumn(
                        Codecs.optionalDeserializer(
                            Codecs.listDeserializer(Codecs.deserializer(Integer.class)))))
                .iterator()
                .next())
        .isEqualTo(Optional.empty());
    assertThat(select("contact", 1).singleRow(Contact.class))
        .isEqualTo(new Contact("a@b.c", null, null, null));
    assertThat(select("tagged", 1).singleRow(Tagged.class)).isEqualTo(new Tagged(7, null));
  }

  @Test
  void preparedStatementsWithoutResultMetadataSeeIt() {
    var select = session.prepare("SELECT " + COLUMNS + " FROM holders WHERE id = ?");
    FrozenHolder read =
        session.executeUnpaged(select, Values.of(1)).intoRowsResult().singleRow(FrozenHolder.class);
    assertThat(read.fl()).isNull();
    assertThat(read.nl()).isEmpty();
  }

  @Test
  void aColumnRecreatedFrozenIsReadAsFrozenAfterTheSessionsDdl() {
    session.queryUnpaged("CREATE TABLE IF NOT EXISTS recreated (id int PRIMARY KEY, l list<int>)");
    session.queryUnpaged("INSERT INTO recreated (id) VALUES (1)");
    assertThat(
            session
                .queryUnpaged("SELECT l FROM recreated WHERE id = 1")
                .intoRowsResult()
                .singleRow(List.class))
        .isEmpty();
    session.queryUnpaged("DROP TABLE recreated");
    session.queryUnpaged("CREATE TABLE recreated (id int PRIMARY KEY, l frozen<list<int>>)");
    session.queryUnpaged("INSERT INTO recreated (id) VALUES (1)");
    assertThat(
            session
                .queryUnpaged("SELECT l FROM recreated WHERE id = 1")
                .intoRowsResult()
                .singleRow(List.class))
        .isNull();
  }
}
