package org.cql4j.it.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cql4j.protocol.errors.DbError;
import org.cql4j.protocol.errors.DbException;
import org.cql4j.protocol.serialize.SerializationException;
import org.cql4j.protocol.value.CqlRow;
import org.cql4j.protocol.value.Values;
import org.cql4j.session.Node;
import org.cql4j.session.QueryResult;
import org.cql4j.session.Session;
import org.cql4j.session.errors.SessionClosedException;
import org.cql4j.session.statement.PreparedStatement;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The basic calls of a {@link Session} against one real Cassandra node. */
@CassandraTest
class SessionIT {
  private static Session session;

  @BeforeAll
  static void connect(TestCluster cassandra) {
    session = Session.builder().knownNodes(cassandra.contactPoints()).build();
    session.queryUnpaged(
        "CREATE KEYSPACE IF NOT EXISTS session_it WITH replication ="
            + " {'class': 'SimpleStrategy', 'replication_factor': 1}");
    session.queryUnpaged(
        "CREATE TABLE IF NOT EXISTS session_it.kv (k int PRIMARY KEY, v text, n bigint)");
  }

  @AfterAll
  static void close() {
    session.close();
  }

  @Test
  void discoversTheNodeWithItsDatacenterAndRack() {
    List<Node> nodes = session.getClusterState().nodes();
    assertThat(nodes).hasSize(1);
    Node node = nodes.get(0);
    assertThat(node.isUp()).isTrue();
    assertThat(node.datacenter()).isEqualTo("datacenter1");
    assertThat(node.rack()).isEqualTo("rack1");
    assertThat(node.hostId()).isNotNull();
    assertThat(node.tokens()).isNotEmpty();
  }

  @Test
  void insertsWithAPreparedStatementAndReadsBackTyped() {
    PreparedStatement insert =
        session.prepare("INSERT INTO session_it.kv (k, v, n) VALUES (?, ?, ?)");
    session.executeUnpaged(insert, Values.of(1, "one", 10L));
    session.executeUnpaged(insert, List.of(2, "two", 20L));
    session.executeUnpaged(insert, Map.of("k", 3, "v", "three", "n", 30L));

    QueryResult result =
        session.queryUnpaged("SELECT k, v, n FROM session_it.kv WHERE k = ?", Values.of(2));
    CqlRow row = result.intoRowsResult().singleRow(CqlRow.class);
    assertThat(row.getInt("k")).isEqualTo(2);
    assertThat(row.getString("v")).isEqualTo("two");
    assertThat(row.getLong("n")).isEqualTo(20L);

    String v =
        session
            .queryUnpaged("SELECT v FROM session_it.kv WHERE k = 3")
            .intoRowsResult()
            .singleRow(String.class);
    assertThat(v).isEqualTo("three");
  }

  @Test
  void rejectsValuesOfTheWrongTypeBeforeSending() {
    PreparedStatement insert = session.prepare("INSERT INTO session_it.kv (k, v) VALUES (?, ?)");
    assertThatThrownBy(() -> session.executeUnpaged(insert, Values.of("not an int", "x")))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("k")
        .hasMessageContaining("int")
        .hasMessageContaining("String");
  }

  @Test
  void reportsASyntaxErrorAsTheServerError() {
    assertThatThrownBy(() -> session.queryUnpaged("SELEC nothing"))
        .isInstanceOfSatisfying(
            DbException.class, e -> assertThat(e.error()).isInstanceOf(DbError.SyntaxError.class));
    assertThatThrownBy(() -> session.queryUnpaged("SELECT * FROM session_it.missing"))
        .isInstanceOfSatisfying(
            DbException.class, e -> assertThat(e.error()).isInstanceOf(DbError.Invalid.class));
  }

  @Test
  void awaitsSchemaAgreement() {
    UUID version = session.awaitSchemaAgreement();
    assertThat(version).isNotNull();
  }

  @Test
  void refusesCallsAfterClose(TestCluster cassandra) {
    Session other = Session.builder().knownNodes(cassandra.contactPoints()).build();
    other.close();
    other.close(); // idempotent
    assertThat(other.isClosed()).isTrue();
    assertThatThrownBy(() -> other.queryUnpaged("SELECT * FROM system.local"))
        .isInstanceOf(SessionClosedException.class);
    // an async call does not throw: its future fails
    assertThat(other.queryUnpagedAsync("SELECT * FROM system.local", Values.EMPTY))
        .failsWithin(java.time.Duration.ofSeconds(1))
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .withCauseInstanceOf(SessionClosedException.class);
    assertThat(other.prepareAsync("SELECT * FROM system.local")).isCompletedExceptionally();
  }

  @Test
  void pagesThroughRows() {
    PreparedStatement insert = session.prepare("INSERT INTO session_it.kv (k, v) VALUES (?, ?)");
    for (int k = 100; k < 125; k++) {
      session.executeUnpaged(insert, Values.of(k, "v" + k));
    }
    PreparedStatement select =
        session.prepare("SELECT k FROM session_it.kv WHERE token(k) >= token(100)");
    select.setPageSize(4);
    List<Integer> keys = new ArrayList<>();
    session.executeIter(select, Values.EMPTY).rows(Integer.class).forEach(keys::add);
    assertThat(keys).contains(100, 124).doesNotHaveDuplicates();
  }
}
