package org.cql4j.it.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cql4j.protocol.ProtocolVersion;
import org.cql4j.protocol.frame.Opcode;
import org.cql4j.protocol.value.CqlRow;
import org.cql4j.protocol.value.Values;
import org.cql4j.session.CachingSession;
import org.cql4j.session.QueryResult;
import org.cql4j.session.Session;
import org.cql4j.session.SessionBuilder;
import org.cql4j.session.errors.UnsupportedFeatureException;
import org.cql4j.session.observability.RequestDescription;
import org.cql4j.session.observability.RequestListener;
import org.cql4j.session.statement.Batch;
import org.cql4j.session.statement.BatchType;
import org.cql4j.session.statement.PreparedStatement;
import org.cql4j.session.statement.Statement;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.CqlProxy;
import org.cql4j.testkit.TestCluster;
import org.cql4j.testkit.proxy.Action;
import org.cql4j.testkit.proxy.Condition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The per-request keyspace and now_in_seconds of native protocol v5 (native_protocol_v5.spec
 * §4.1.4-4.1.7) against a real node, behind the test kit's proxy: statements, prepared statements
 * and batches in a keyspace that is not the session's, TTLs judged at a time the request sets, and
 * a session that speaks v4 refusing both before sending anything.
 */
@CassandraTest(proxy = true)
class PerRequestKeyspaceIT {
  private static final String KS1 = "per_request_ks1";
  private static final String KS2 = "per_request_ks2";
  // a table name no other IT uses, so that proxy rules on its text match only this class
  private static final String TABLE = "per_request_kv";

  @BeforeAll
  static void schema(TestCluster cassandra) {
    try (Session session = Session.builder().knownNodes(cassandra.contactPoints()).build()) {
      for (String ks : List.of(KS1, KS2)) {
        session.queryUnpaged(
            "CREATE KEYSPACE IF NOT EXISTS "
                + ks
                + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.queryUnpaged(
            "CREATE TABLE IF NOT EXISTS " + ks + "." + TABLE + " (k int PRIMARY KEY, v text)");
      }
      session.queryUnpaged("INSERT INTO " + KS1 + "." + TABLE + " (k, v) VALUES (1, 'one')");
      session.queryUnpaged("INSERT INTO " + KS2 + "." + TABLE + " (k, v) VALUES (1, 'two')");
    }
  }

  @AfterEach
  void clearRules(TestCluster cassandra) {
    cassandra.proxy().ifPresent(p -> p.rules().clear());
  }

  private static void assumeV5() {
    assumeTrue(
        System.getProperty(SessionBuilder.PROTOCOL_VERSION_PROPERTY) == null,
        "this run pins the protocol version");
  }

  private static Session v5Session(TestCluster cassandra, String keyspace) {
    SessionBuilder builder = Session.builder().knownNodes(cassandra.contactPoints());
    if (keyspace != null) {
      builder.useKeyspace(keyspace, false);
    }
    Session session = builder.build();
    assertThat(session.getProtocolVersion()).isEqualTo(ProtocolVersion.V5);
    return session;
  }

  @Test
  void aStatementReadsTheTableOfItsKeyspace(TestCluster cassandra) {
    assumeV5();
    List<String> routedTo = new CopyOnWriteArrayList<>();
    RequestListener keyspaces =
        new RequestListener() {
          @Override
          public void onStart(RequestDescription request) {
            if (request.cql().contains(TABLE)) {
              routedTo.add(request.keyspace().orElse("none"));
            }
          }
        };
    try (Session none =
            Session.builder()
                .knownNodes(cassandra.contactPoints())
                .requestListener(keyspaces)
                .build();
        Session inKs2 = v5Session(cassandra, KS2)) {
      Statement read = new Statement("SELECT v FROM " + TABLE + " WHERE k = 1").setKeyspace(KS1);
      assertThat(value(none.queryUnpaged(read))).contains("one");
      assertThat(value(inKs2.queryUnpaged(read)))
          .as("beats the session's keyspace")
          .contains("one");
      assertThat(value(inKs2.queryUnpaged(read.copy().setKeyspace(null))))
          .as("without it, the session's")
          .contains("two");
      assertThat(routedTo).as("the keyspace the load-balancing policy saw").containsExactly(KS1);

      Statement withValues =
          new Statement("SELECT v FROM " + TABLE + " WHERE k = ?").setKeyspace(KS1);
      assertThat(value(none.queryUnpaged(withValues, Values.of(1))))
          .as("prepared behind the scenes in the statement's keyspace")
          .contains("one");
      assertThat(value(none.queryUnpaged(withValues.copy().setKeyspace(KS2), Values.of(1))))
          .as("the same text in another keyspace is another statement")
          .contains("two");
    }
  }

  @Test
  void aPreparedStatementRunsInTheKeyspaceItWasPreparedIn(TestCluster cassandra) {
    assumeV5();
    CqlProxy proxy = cassandra.proxy().orElseThrow();
    try (Session none = v5Session(cassandra, null);
        Session inKs2 = v5Session(cassandra, KS2)) {
      String cql = "SELECT v FROM " + TABLE + " WHERE k = ?";
      PreparedStatement inKs1 = none.prepare(new Statement(cql).setKeyspace(KS1));
      assertThat(inKs1.keyspace()).contains(KS1);
      assertThat(value(none.executeUnpaged(inKs1, Values.of(1)))).contains("one");
      assertThat(
              value(
                  inKs2.executeUnpaged(
                      inKs2.prepare(new Statement(cql).setKeyspace(KS1)), Values.of(1))))
          .contains("one");

      // the node "lost" it: the driver prepares it again, in the same keyspace (this session has
      // none, so a PREPARE without the keyspace would fail)
      long prepares = proxy.node(1).counters().frames(Opcode.PREPARE);
      proxy
          .rules()
          .add(
              Condition.requestOpcode(Opcode.EXECUTE).and(Condition.queryContains(TABLE)).times(1),
              Action.forgeUnprepared());
      assertThat(value(none.executeUnpaged(inKs1, Values.of(1)))).contains("one");
      assertThat(proxy.node(1).counters().frames(Opcode.PREPARE)).isGreaterThan(prepares);

      CachingSession caching = CachingSession.of(none, 10);
      assertThat(value(caching.executeUnpaged(new Statement(cql).setKeyspace(KS1), Values.of(1))))
          .contains("one");
      assertThat(value(caching.executeUnpaged(new Statement(cql).setKeyspace(KS2), Values.of(1))))
          .as("cached by text and keyspace")
          .contains("two");
    }
  }

  @Test
  void aBatchWritesInItsKeyspace(TestCluster cassandra) {
    assumeV5();
    try (Session none = v5Session(cassandra, null)) {
      Batch batch =
          new Batch(BatchType.UNLOGGED)
              .appendStatement("INSERT INTO " + TABLE + " (k, v) VALUES (2, 'batched')")
              .appendStatement("INSERT INTO " + TABLE + " (k, v) VALUES (?, ?)")
              .setKeyspace(KS1);
      none.batch(batch, List.of(Values.EMPTY, Values.of(3, "bound")));
      assertThat(value(none.queryUnpaged("SELECT v FROM " + KS1 + "." + TABLE + " WHERE k = 2")))
          .contains("batched");
      assertThat(value(none.queryUnpaged("SELECT v FROM " + KS1 + "." + TABLE + " WHERE k = 3")))
          .contains("bound");
    }
  }

  @Test
  void ttlsAreJudgedAtTheTimeTheRequestSets(TestCluster cassandra) {
    assumeV5();
    int now = (int) (System.currentTimeMillis() / 1000);
    try (Session session = v5Session(cassandra, KS1)) {
      session.queryUnpaged(
          new Statement("INSERT INTO " + TABLE + " (k, v) VALUES (10, 'ttl') USING TTL 10")
              .setNowInSeconds(now));
      Statement read = new Statement("SELECT v, TTL(v) AS ttl FROM " + TABLE + " WHERE k = 10");
      Optional<CqlRow> fourSecondsLater =
          session
              .queryUnpaged(read.copy().setNowInSeconds(now + 4))
              .intoRowsResult()
              .maybeFirstRow(CqlRow.class);
      assertThat(fourSecondsLater).isPresent();
      assertThat(fourSecondsLater.get().getInt("ttl"))
          .as("10 s from the write's time")
          .isEqualTo(6);
      assertThat(value(session.queryUnpaged(read.copy().setNowInSeconds(now + 3600))))
          .as("expired an hour later")
          .isEmpty();
      assertThat(value(session.queryUnpaged(read))).as("live by the node's clock").contains("ttl");

      PreparedStatement prepared =
          session.prepare("SELECT v FROM " + TABLE + " WHERE k = ?").setNowInSeconds(now + 3600);
      assertThat(value(session.executeUnpaged(prepared, Values.of(10)))).isEmpty();
      assertThat(value(session.executeUnpaged(prepared.copy().clearNowInSeconds(), Values.of(10))))
          .contains("ttl");

      // a write an hour in the past: its 10 s ran out long ago
      session.batch(
          new Batch(BatchType.UNLOGGED)
              .appendStatement("INSERT INTO " + TABLE + " (k, v) VALUES (11, 'old') USING TTL 10")
              .setNowInSeconds(now - 3600));
      assertThat(value(session.queryUnpaged("SELECT v FROM " + TABLE + " WHERE k = 11"))).isEmpty();
    }
  }

  @Test
  void aSessionSpeakingV4RefusesBothBeforeSendingAndKeepsWorking(TestCluster cassandra) {
    try (Session v4 =
        Session.builder()
            .knownNodes(cassandra.contactPoints())
            .protocolVersion(ProtocolVersion.V4)
            .build()) {
      assertThat(v4.getProtocolVersion()).isEqualTo(ProtocolVersion.V4);
      Statement inKs1 = new Statement("SELECT v FROM " + TABLE + " WHERE k = 1").setKeyspace(KS1);
      assertThatThrownBy(() -> v4.queryUnpaged(inKs1))
          .isInstanceOf(UnsupportedFeatureException.class)
          .hasMessageContaining("per-request keyspace ('" + KS1 + "') needs native protocol v5")
          .hasMessageContaining("speaks V4")
          .hasMessageContaining("pinned")
          .satisfies(
              e -> {
                UnsupportedFeatureException u = (UnsupportedFeatureException) e;
                assertThat(u.feature()).isEqualTo("per-request keyspace");
                assertThat(u.protocolVersion()).isEqualTo(ProtocolVersion.V4);
              });
      assertThatThrownBy(() -> v4.prepare(inKs1)).isInstanceOf(UnsupportedFeatureException.class);
      assertThatThrownBy(() -> v4.batch(new Batch(BatchType.LOGGED).setKeyspace(KS1)))
          .isInstanceOf(UnsupportedFeatureException.class);
      Statement timed =
          new Statement("SELECT v FROM " + KS1 + "." + TABLE + " WHERE k = 1")
              .setNowInSeconds(1_000_000);
      assertThatThrownBy(() -> v4.queryUnpaged(timed))
          .isInstanceOf(UnsupportedFeatureException.class)
          .hasMessageContaining("now_in_seconds (1000000) needs native protocol v5");
      PreparedStatement prepared =
          v4.prepare("SELECT v FROM " + KS1 + "." + TABLE + " WHERE k = ?");
      assertThatThrownBy(
              () -> v4.executeUnpaged(prepared.copy().setNowInSeconds(1_000_000), Values.of(1)))
          .isInstanceOf(UnsupportedFeatureException.class);

      assertThat(value(v4.queryUnpaged(timed.copy().clearNowInSeconds()))).contains("one");
      assertThat(value(v4.executeUnpaged(prepared, Values.of(1)))).contains("one");
    }
  }

  private static Optional<String> value(QueryResult result) {
    return result.intoRowsResult().maybeFirstRow(CqlRow.class).map(row -> row.getString("v"));
  }
}
