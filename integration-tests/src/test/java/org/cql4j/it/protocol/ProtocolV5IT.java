package org.cql4j.it.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.cql4j.protocol.ProtocolVersion;
import org.cql4j.protocol.frame.Opcode;
import org.cql4j.protocol.types.ColumnSpec;
import org.cql4j.protocol.value.CqlRow;
import org.cql4j.protocol.value.Values;
import org.cql4j.session.Compression;
import org.cql4j.session.QueryResult;
import org.cql4j.session.Session;
import org.cql4j.session.SessionBuilder;
import org.cql4j.session.errors.ConnectionException;
import org.cql4j.session.statement.PreparedStatement;
import org.cql4j.session.statement.Statement;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.CqlProxy;
import org.cql4j.testkit.TestCluster;
import org.cql4j.testkit.proxy.Action;
import org.cql4j.testkit.proxy.Condition;
import org.cql4j.testkit.proxy.Direction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Native protocol v5 against a real node (Cassandra 4.0 and later prefer it), behind the test kit's
 * proxy: negotiation and what the node records of the client, large values in segments with and
 * without LZ4, result metadata ids after an ALTER TABLE, and a corrupted segment.
 */
@CassandraTest(proxy = true)
class ProtocolV5IT {
  private static final String KS = "protocol_v5";

  private CqlProxy proxy;

  @BeforeAll
  static void schema(TestCluster cassandra) {
    try (Session session = Session.builder().knownNodes(cassandra.contactPoints()).build()) {
      session.queryUnpaged(
          "CREATE KEYSPACE IF NOT EXISTS "
              + KS
              + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
      session.queryUnpaged(
          "CREATE TABLE IF NOT EXISTS " + KS + ".blobs (k int PRIMARY KEY, v blob)");
      session.queryUnpaged("CREATE TABLE IF NOT EXISTS " + KS + ".kv (k int PRIMARY KEY, v text)");
      session.queryUnpaged("INSERT INTO " + KS + ".kv (k, v) VALUES (1, 'one')");
    }
  }

  @BeforeEach
  void onlyWhereV5IsNegotiated() {
    assumeTrue(
        System.getProperty(SessionBuilder.PROTOCOL_VERSION_PROPERTY) == null,
        "this run pins the protocol version");
  }

  @AfterEach
  void clearRules(TestCluster cassandra) {
    cassandra.proxy().ifPresent(p -> p.rules().clear());
  }

  @Test
  void negotiatesV5AndNamesItselfInSystemViewsClients(TestCluster cassandra) {
    try (Session session = Session.builder().knownNodes(cassandra.contactPoints()).build()) {
      assertThat(session.getProtocolVersion()).isEqualTo(ProtocolVersion.V5);
      List<CqlRow> clients = cql4jClients(session, 5);
      assertThat(clients).as("the control connection and the pool").hasSizeGreaterThanOrEqualTo(2);
      assertThat(clients.get(0).getString("driver_version"))
          .as("the project's version, not a placeholder")
          .matches("\\d+\\.\\d+\\.\\d+.*");
    }
  }

  @Test
  void aPinnedV4SessionSpeaksV4(TestCluster cassandra) {
    try (Session session =
        Session.builder()
            .knownNodes(cassandra.contactPoints())
            .protocolVersion(ProtocolVersion.V4)
            .build()) {
      assertThat(session.getProtocolVersion()).isEqualTo(ProtocolVersion.V4);
      assertThat(cql4jClients(session, 4)).hasSizeGreaterThanOrEqualTo(2);
    }
  }

  private static List<CqlRow> cql4jClients(Session session, int version) {
    List<CqlRow> clients = new ArrayList<>();
    for (CqlRow row :
        session
            .queryUnpaged(
                "SELECT protocol_version, driver_name, driver_version FROM system_views.clients")
            .intoRowsResult()
            .rows(CqlRow.class)) {
      if ("cql4j".equals(row.getString("driver_name"))
          && row.getInt("protocol_version") == version) {
        clients.add(row);
      }
    }
    return clients;
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void largeBlobsRoundTripInSegments(boolean lz4, TestCluster cassandra) {
    try (Session session =
        Session.builder()
            .knownNodes(cassandra.contactPoints())
            .compression(lz4 ? Compression.LZ4 : Compression.NONE)
            .build()) {
      assertThat(session.getProtocolVersion()).isEqualTo(ProtocolVersion.V5);
      PreparedStatement insert =
          session.prepare("INSERT INTO " + KS + ".blobs (k, v) VALUES (?, ?)");
      PreparedStatement select = session.prepare("SELECT v FROM " + KS + ".blobs WHERE k = ?");
      Random random = new Random(5);
      for (int size : new int[] {1 << 20, 5 << 20}) {
        byte[] value = new byte[size];
        random.nextBytes(value); // incompressible: LZ4 stores most segments as they are
        for (int i = 0; i < size; i += 4096) {
          value[i] = 0; // and some runs it can compress
        }
        int key = size + (lz4 ? 1 : 0);
        session.executeUnpaged(insert, Values.of(key, ByteBuffer.wrap(value)));
        ByteBuffer read = firstRow(session.executeUnpaged(select, Values.of(key))).getBytes("v");
        assertThat(read.remaining()).isEqualTo(size);
        byte[] bytes = new byte[size];
        read.get(bytes);
        assertThat(bytes).isEqualTo(value);
      }
    }
  }

  @Test
  void aPreparedSelectStarReturnsAColumnAddedAfterItWasPrepared(TestCluster cassandra) {
    CqlProxy proxy = cassandra.proxy().orElseThrow();
    try (Session session = Session.builder().knownNodes(cassandra.contactPoints()).build();
        Session other = Session.builder().knownNodes(cassandra.contactPoints()).build()) {
      session.queryUnpaged("DROP TABLE IF EXISTS " + KS + ".altered");
      session.queryUnpaged("CREATE TABLE " + KS + ".altered (k int PRIMARY KEY, a text)");
      session.queryUnpaged("INSERT INTO " + KS + ".altered (k, a) VALUES (1, 'x')");
      String cql = "SELECT * FROM " + KS + ".altered WHERE k = ?";
      PreparedStatement select = session.prepare(cql);
      PreparedStatement elsewhere = other.prepare(cql);
      assertThat(columnNames(session.executeUnpaged(select, Values.of(1))))
          .containsExactly("k", "a");

      session.queryUnpaged("ALTER TABLE " + KS + ".altered ADD b int");
      session.queryUnpaged("UPDATE " + KS + ".altered SET b = 7 WHERE k = 1");
      // another client runs the statement first: the node evicted it on ALTER, so that client
      // prepares it again, with the new columns and a new result metadata id
      assertThat(firstRow(other.executeUnpaged(elsewhere, Values.of(1))).getInt("b")).isEqualTo(7);
      long prepares = proxy.node(1).counters().frames(Opcode.PREPARE);

      // this session still sends the old metadata id: the node answers METADATA_CHANGED with the
      // new id and columns (native_protocol_v5.spec §4.2.5.2), which the statement keeps
      QueryResult after = session.executeUnpaged(select, Values.of(1));
      assertThat(columnNames(after)).containsExactly("k", "a", "b");
      assertThat(firstRow(after).getInt("b")).isEqualTo(7);
      assertThat(select.resultColumns())
          .extracting(ColumnSpec::name)
          .containsExactly("k", "a", "b");
      assertThat(firstRow(session.executeUnpaged(select, Values.of(1))).getInt("b")).isEqualTo(7);
      assertThat(proxy.node(1).counters().frames(Opcode.PREPARE))
          .as("learnt from the answer, not prepared again")
          .isEqualTo(prepares);
    }
  }

  @Test
  void aCorruptedSegmentClosesTheConnectionAndTheSessionKeepsServing(TestCluster cassandra)
      throws Exception {
    proxy = cassandra.proxy().orElseThrow();
    try (Session session = Session.builder().knownNodes(cassandra.contactPoints()).build()) {
      assertThat(session.getProtocolVersion()).isEqualTo(ProtocolVersion.V5);
      proxy
          .rules()
          .add(
              Condition.direction(Direction.RESPONSE)
                  .and(Condition.responseOpcode(Opcode.RESULT))
                  .and(Condition.queryContains(KS + ".kv"))
                  .times(1),
              Action.corruptChecksum());
      Statement read =
          new Statement("SELECT v FROM " + KS + ".kv WHERE k = 1").setIdempotent(false);
      assertThatThrownBy(() -> session.queryUnpaged(read))
          .isInstanceOf(ConnectionException.class)
          .hasMessageContaining("segment.payload.crc32");

      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      String value = null;
      while (value == null && System.nanoTime() < deadline) {
        try {
          value = firstRow(session.queryUnpaged(read)).getString("v");
        } catch (RuntimeException reconnecting) {
          Thread.sleep(100);
        }
      }
      assertThat(value).as("the session serves again after reconnecting").isEqualTo("one");
    }
  }

  private static CqlRow firstRow(QueryResult result) {
    return result.intoRowsResult().firstRow(CqlRow.class);
  }

  private static List<String> columnNames(QueryResult result) {
    return result.intoRowsResult().columnSpecs().stream().map(ColumnSpec::name).toList();
  }
}
