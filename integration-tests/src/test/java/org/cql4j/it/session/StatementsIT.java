package org.cql4j.it.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.errors.DbError;
import org.cql4j.protocol.errors.DbException;
import org.cql4j.protocol.message.Execute;
import org.cql4j.protocol.message.QueryParameters;
import org.cql4j.protocol.message.RawValues;
import org.cql4j.protocol.value.CqlRow;
import org.cql4j.protocol.value.Unset;
import org.cql4j.protocol.value.Values;
import org.cql4j.session.QueryResult;
import org.cql4j.session.Session;
import org.cql4j.session.TracingInfo;
import org.cql4j.session.errors.NoHostAvailableException;
import org.cql4j.session.errors.RequestTimeoutException;
import org.cql4j.session.errors.RowsCountException;
import org.cql4j.session.internal.connection.Connection;
import org.cql4j.session.internal.connection.ConnectionConfig;
import org.cql4j.session.internal.connection.ConnectionFactory;
import org.cql4j.session.internal.connection.Transport;
import org.cql4j.session.profile.ExecutionProfile;
import org.cql4j.session.profile.ExecutionProfileHandle;
import org.cql4j.session.statement.Batch;
import org.cql4j.session.statement.BatchType;
import org.cql4j.session.statement.PreparedStatement;
import org.cql4j.session.statement.Statement;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Batches, LWT, profiles, keyspaces, tracing, timestamps and server errors on a real node. */
@CassandraTest
class StatementsIT {
  private static Session session;

  @BeforeAll
  static void connect(TestCluster cassandra) {
    session = Session.builder().knownNodes(cassandra.contactPoints()).build();
    session.queryUnpaged(
        "CREATE KEYSPACE IF NOT EXISTS stmt_it WITH replication ="
            + " {'class': 'SimpleStrategy', 'replication_factor': 1}");
    session.queryUnpaged("CREATE TABLE IF NOT EXISTS stmt_it.kv (k int PRIMARY KEY, v text)");
    session.queryUnpaged("CREATE TABLE IF NOT EXISTS stmt_it.hits (k int PRIMARY KEY, n counter)");
  }

  @AfterAll
  static void close() {
    session.close();
  }

  @Test
  void runsALoggedBatchOfPreparedAndUnpreparedStatements() {
    PreparedStatement insert = session.prepare("INSERT INTO stmt_it.kv (k, v) VALUES (?, ?)");
    Batch batch = new Batch(BatchType.LOGGED);
    batch.appendStatement(insert);
    batch.appendStatement("INSERT INTO stmt_it.kv (k, v) VALUES (11, 'eleven')");
    batch.appendStatement(new Statement("INSERT INTO stmt_it.kv (k, v) VALUES (?, ?)"));
    session.batch(batch, List.of(Values.of(10, "ten"), Values.EMPTY, Values.of(12, "twelve")));

    List<String> values = new ArrayList<>();
    session
        .queryUnpaged("SELECT v FROM stmt_it.kv WHERE k IN (10, 11, 12)")
        .intoRowsResult()
        .rows(String.class)
        .forEach(values::add);
    assertThat(values).containsExactlyInAnyOrder("ten", "eleven", "twelve");
  }

  @Test
  void repreparesTransparentlyWhenTheServerForgotTheStatement(TestCluster cassandra)
      throws Exception {
    session.queryUnpaged("CREATE TABLE IF NOT EXISTS stmt_it.again (k int PRIMARY KEY, v text)");
    PreparedStatement insert = session.prepare("INSERT INTO stmt_it.again (k, v) VALUES (?, ?)");
    session.executeUnpaged(insert, Values.of(1, "before"));
    // dropping a table evicts the statements that use it from the server's cache
    session.queryUnpaged("DROP TABLE stmt_it.again");
    session.queryUnpaged("CREATE TABLE stmt_it.again (k int PRIMARY KEY, v text)");
    assertThat(rawExecuteError(cassandra, insert))
        .as("the server no longer knows the statement")
        .isInstanceOf(DbError.Unprepared.class);
    session.executeUnpaged(insert, Values.of(2, "after"));
    assertThat(
            session
                .queryUnpaged("SELECT v FROM stmt_it.again WHERE k = 2")
                .intoRowsResult()
                .singleRow(String.class))
        .isEqualTo("after");
  }

  @Test
  void runsACounterBatch() {
    PreparedStatement add = session.prepare("UPDATE stmt_it.hits SET n = n + ? WHERE k = ?");
    Batch batch = new Batch(BatchType.COUNTER);
    batch.appendStatement(add).appendStatement(add);
    session.batch(batch, List.of(Values.of(2L, 1), Values.of(3L, 1)));
    long n =
        session
            .queryUnpaged("SELECT n FROM stmt_it.hits WHERE k = 1")
            .intoRowsResult()
            .singleRow(Long.class);
    assertThat(n).isGreaterThanOrEqualTo(5L);
  }

  @Test
  void refusesABatchWithTooFewRowsOfValues() {
    Batch batch = new Batch(BatchType.UNLOGGED).appendStatement("SELECT 1");
    assertThatThrownBy(() -> session.batch(batch, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 statements but 0 rows of values");
  }

  @Test
  void reportsWhetherALightweightTransactionApplied() {
    PreparedStatement insert =
        session.prepare("INSERT INTO stmt_it.kv (k, v) VALUES (?, ?) IF NOT EXISTS");
    CqlRow first =
        session.executeUnpaged(insert, Values.of(20, "a")).intoRowsResult().singleRow(CqlRow.class);
    CqlRow second =
        session.executeUnpaged(insert, Values.of(20, "b")).intoRowsResult().singleRow(CqlRow.class);
    assertThat(first.getBoolean("[applied]")).isTrue();
    assertThat(second.getBoolean("[applied]")).isFalse();
    assertThat(second.getString("v")).isEqualTo("a");
  }

  @Test
  void leavesUnsetValuesUntouched() {
    PreparedStatement insert = session.prepare("INSERT INTO stmt_it.kv (k, v) VALUES (?, ?)");
    session.executeUnpaged(insert, Values.of(30, "kept"));
    session.executeUnpaged(insert, Values.of(30, Unset.VALUE));
    assertThat(
            session
                .queryUnpaged("SELECT v FROM stmt_it.kv WHERE k = 30")
                .intoRowsResult()
                .singleRow(String.class))
        .isEqualTo("kept");
  }

  @Test
  void sendsTheStatementTimestamp() {
    long micros = 1_600_000_000_000_000L;
    session.queryUnpaged(
        new Statement("INSERT INTO stmt_it.kv (k, v) VALUES (40, 'old')").setTimestamp(micros),
        Values.EMPTY);
    long written =
        session
            .queryUnpaged("SELECT writetime(v) FROM stmt_it.kv WHERE k = 40")
            .intoRowsResult()
            .singleRow(Long.class);
    assertThat(written).isEqualTo(micros);
  }

  @Test
  void appliesWritesInTheOrderTheyWereIssued() {
    // the client-side timestamps are strictly increasing, so the last write wins even when two
    // writes arrive within the same server millisecond
    PreparedStatement insert = session.prepare("INSERT INTO stmt_it.kv (k, v) VALUES (?, ?)");
    for (int i = 0; i < 50; i++) {
      session.executeUnpaged(insert, Values.of(41, "v" + i));
    }
    assertThat(
            session
                .queryUnpaged("SELECT v FROM stmt_it.kv WHERE k = 41")
                .intoRowsResult()
                .singleRow(String.class))
        .isEqualTo("v49");
  }

  @Test
  void remapsAnExecutionProfileHandleForEveryStatementHoldingIt() {
    ExecutionProfileHandle handle =
        ExecutionProfile.builder().consistency(Consistency.THREE).build().intoHandle();
    Statement read =
        new Statement("SELECT v FROM stmt_it.kv WHERE k = 1").setExecutionProfileHandle(handle);
    // consistency THREE cannot be met by a single node
    assertThatThrownBy(() -> session.queryUnpaged(read, Values.EMPTY))
        .satisfies(e -> assertThat(serverError(e)).isInstanceOf(DbError.Unavailable.class));

    handle.mapToAnotherProfile(ExecutionProfile.builder().consistency(Consistency.ONE).build());
    assertThat(session.queryUnpaged(read, Values.EMPTY).isRows()).isTrue();

    // a setting on the statement beats its handle
    read.setConsistency(Consistency.ALL);
    assertThat(session.queryUnpaged(read, Values.EMPTY).isRows()).isTrue();
    read.setConsistency(Consistency.THREE);
    assertThatThrownBy(() -> session.queryUnpaged(read, Values.EMPTY))
        .satisfies(e -> assertThat(serverError(e)).isInstanceOf(DbError.Unavailable.class));
  }

  @Test
  void switchesKeyspaceOnEveryConnection(TestCluster cassandra) {
    try (Session other =
        Session.builder()
            .knownNodes(cassandra.contactPoints())
            .useKeyspace("stmt_it", false)
            .build()) {
      assertThat(other.getKeyspace()).contains("stmt_it");
      other.queryUnpaged("INSERT INTO kv (k, v) VALUES (50, 'here')");
      other.useKeyspace("system", false);
      assertThat(other.getKeyspace()).contains("system");
      assertThat(other.queryUnpaged("SELECT key FROM local").intoRowsResult().rowsNumber())
          .isEqualTo(1);
      assertThatThrownBy(() -> other.useKeyspace("no_such_keyspace", false))
          .isInstanceOfSatisfying(
              DbException.class, e -> assertThat(e.error()).isInstanceOf(DbError.Invalid.class));
      assertThat(other.getKeyspace()).contains("system");
    }
  }

  @Test
  void failsToStartInAKeyspaceThatDoesNotExist(TestCluster cassandra) {
    assertThatThrownBy(
            () ->
                Session.builder()
                    .knownNodes(cassandra.contactPoints())
                    .useKeyspace("missing_ks", false)
                    .build())
        .isInstanceOf(DbException.class)
        .hasMessageContaining("missing_ks");
  }

  @Test
  void readsTheTraceOfATracedRequest() {
    QueryResult traced =
        session.queryUnpaged(
            new Statement("SELECT * FROM stmt_it.kv WHERE k = 1").setTracing(true), Values.EMPTY);
    UUID id = traced.tracingId().orElseThrow();
    TracingInfo trace = session.getTracingInfo(id);
    assertThat(trace.isComplete()).isTrue();
    assertThat(trace.tracingId()).isEqualTo(id);
    assertThat(trace.events()).isNotEmpty();
    assertThat(trace.parameters()).containsKey("query");
    assertThat(session.queryUnpaged("SELECT * FROM stmt_it.kv WHERE k = 1").tracingId()).isEmpty();
  }

  @Test
  void reportsServerErrorsByKind() {
    assertThatThrownBy(() -> session.queryUnpaged("CREATE TABLE stmt_it.kv (k int PRIMARY KEY)"))
        .isInstanceOfSatisfying(
            DbException.class,
            e -> assertThat(e.error()).isEqualTo(new DbError.AlreadyExists("stmt_it", "kv")));
    assertThatThrownBy(
            () ->
                session.queryUnpaged(
                    "CREATE KEYSPACE bad_ks WITH replication = {'class': 'NoSuchStrategy'}"))
        .isInstanceOfSatisfying(
            DbException.class, e -> assertThat(e.error()).isInstanceOf(DbError.ConfigError.class));
    assertThatThrownBy(() -> session.queryUnpaged("SELECT nope FROM stmt_it.kv"))
        .isInstanceOfSatisfying(
            DbException.class, e -> assertThat(e.error()).isInstanceOf(DbError.Invalid.class));
  }

  @Test
  void countsRowsForFirstAndSingleRow() {
    var empty = session.queryUnpaged("SELECT v FROM stmt_it.kv WHERE k = -1").intoRowsResult();
    assertThat(empty.maybeFirstRow(String.class)).isEqualTo(Optional.empty());
    assertThatThrownBy(() -> empty.firstRow(String.class)).isInstanceOf(RowsCountException.class);
    assertThatThrownBy(() -> empty.singleRow(String.class)).isInstanceOf(RowsCountException.class);
  }

  @Test
  void timesOutASlowRequestAndStaysUsable() {
    session.queryUnpaged(
        "CREATE TABLE IF NOT EXISTS stmt_it.big (k int, c int, v blob, PRIMARY KEY (k, c))");
    PreparedStatement insert =
        session.prepare("INSERT INTO stmt_it.big (k, c, v) VALUES (1, ?, ?)");
    byte[] kilobyte = new byte[1024];
    List<CompletableFuture<QueryResult>> writes = new ArrayList<>();
    for (int c = 0; c < 4000; c++) {
      writes.add(session.executeUnpagedAsync(insert, Values.of(c, ByteBuffer.wrap(kilobyte))));
    }
    writes.forEach(CompletableFuture::join);
    // 4 MB in one unpaged response cannot arrive within a millisecond
    Statement slow =
        new Statement("SELECT * FROM stmt_it.big WHERE k = 1")
            .setRequestTimeout(Duration.ofMillis(1));
    assertThatThrownBy(() -> session.queryUnpaged(slow, Values.EMPTY))
        .isInstanceOf(RequestTimeoutException.class)
        .hasMessageContaining("SELECT * FROM stmt_it.big")
        .hasMessageContaining("1 ms");
    assertThat(
            session
                .queryUnpaged("SELECT * FROM stmt_it.big WHERE k = 1")
                .intoRowsResult()
                .rowsNumber())
        .isEqualTo(4000);
  }

  // sends EXECUTE on a connection of its own, bypassing the session's re-prepare
  private static DbError rawExecuteError(TestCluster cassandra, PreparedStatement statement)
      throws Exception {
    try (Transport transport = Transport.create(Transport.Kind.NIO, 1)) {
      String contactPoint = cassandra.firstContactPoint();
      int colon = contactPoint.lastIndexOf(':');
      Connection connection =
          new ConnectionFactory(transport)
              .connect(
                  ConnectionConfig.builder(
                          new InetSocketAddress(
                              contactPoint.substring(0, colon),
                              Integer.parseInt(contactPoint.substring(colon + 1))))
                      .build())
              .get(30, TimeUnit.SECONDS);
      try {
        Execute execute =
            new Execute(
                statement.id(),
                null,
                QueryParameters.of(Consistency.ONE, RawValues.of(new byte[4], new byte[0])));
        connection.send(execute, Duration.ofSeconds(10)).get(30, TimeUnit.SECONDS);
        return null;
      } catch (ExecutionException e) {
        return e.getCause() instanceof DbException db ? db.error() : null;
      } finally {
        connection.forceClose();
      }
    }
  }

  // Unavailable is not retried by the default policy on a single node, but arrives inside a
  // NoHostAvailableException when the plan had more nodes to try
  private static DbError serverError(Throwable e) {
    if (e instanceof DbException db) {
      return db.error();
    }
    if (e instanceof NoHostAvailableException nha) {
      return serverError(nha.errors().values().iterator().next());
    }
    throw new AssertionError("not a server error", e);
  }
}
