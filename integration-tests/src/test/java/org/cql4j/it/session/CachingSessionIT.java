package org.cql4j.it.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.errors.DbError;
import org.cql4j.protocol.errors.DbException;
import org.cql4j.protocol.frame.Opcode;
import org.cql4j.protocol.value.Values;
import org.cql4j.session.CachingSession;
import org.cql4j.session.PagingState;
import org.cql4j.session.QueryPage;
import org.cql4j.session.Session;
import org.cql4j.session.errors.NoHostAvailableException;
import org.cql4j.session.statement.Batch;
import org.cql4j.session.statement.BatchType;
import org.cql4j.session.statement.Statement;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.CqlProxy;
import org.cql4j.testkit.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link CachingSession} on a real node behind the test kit's proxy, which counts the PREPAREs. */
@CassandraTest(proxy = true)
class CachingSessionIT {
  private static Session session;
  private CqlProxy proxy;

  @BeforeAll
  static void connect(TestCluster cassandra) {
    session = Session.builder().knownNodes(cassandra.contactPoints()).build();
    session.queryUnpaged(
        "CREATE KEYSPACE IF NOT EXISTS caching WITH replication ="
            + " {'class': 'SimpleStrategy', 'replication_factor': 1}");
    session.queryUnpaged("CREATE TABLE IF NOT EXISTS caching.kv (k int PRIMARY KEY, v text)");
    for (int k = 0; k < 10; k++) {
      session.queryUnpaged("INSERT INTO caching.kv (k, v) VALUES (?, ?)", Values.of(k, "v" + k));
    }
  }

  @AfterAll
  static void close() {
    session.close();
  }

  @BeforeEach
  void counters(TestCluster cassandra) {
    proxy = cassandra.proxy().orElseThrow();
    proxy.resetCounters();
  }

  @Test
  void preparesATextOnceAndReusesItForEveryExecution() {
    CachingSession cs = CachingSession.of(session, 10);
    for (int k = 0; k < 100; k++) {
      String v =
          cs.executeUnpaged("SELECT v FROM caching.kv WHERE k = ?", Values.of(k % 10))
              .intoRowsResult()
              .singleRow(String.class);
      assertThat(v).isEqualTo("v" + k % 10);
    }
    assertThat(prepares()).isEqualTo(1);
    assertThat(proxy.node(1).counters().frames(Opcode.EXECUTE)).isEqualTo(100);
    assertThat(
            proxy.node(1).connections().stream()
                .filter(c -> !c.isControl()) // the control connection reads the schema meanwhile
                .mapToLong(c -> c.counters().frames(Opcode.QUERY))
                .sum())
        .isZero();
  }

  @Test
  void concurrentFirstExecutionsOfOneTextPrepareOnce() throws Exception {
    CachingSession cs = CachingSession.of(session, 10);
    ExecutorService threads = Executors.newFixedThreadPool(16);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<CompletableFuture<String>> answers = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        int k = i % 10;
        answers.add(
            CompletableFuture.supplyAsync(
                () -> {
                  await(start);
                  return cs.executeUnpaged("SELECT v FROM caching.kv WHERE k = ?", Values.of(k))
                      .intoRowsResult()
                      .singleRow(String.class);
                },
                threads));
      }
      start.countDown();
      for (int i = 0; i < answers.size(); i++) {
        assertThat(answers.get(i).get(30, TimeUnit.SECONDS)).isEqualTo("v" + i % 10);
      }
    } finally {
      threads.shutdownNow();
    }
    assertThat(prepares()).isEqualTo(1);
  }

  @Test
  void forgetsTheLeastRecentlyUsedTextWhenFull() {
    CachingSession cs = CachingSession.of(session, 2);
    String a = "SELECT v FROM caching.kv WHERE k = 1";
    String b = "SELECT v FROM caching.kv WHERE k = 2";
    String c = "SELECT v FROM caching.kv WHERE k = 3";
    cs.executeUnpaged(a, Values.EMPTY);
    cs.executeUnpaged(b, Values.EMPTY);
    cs.executeUnpaged(a, Values.EMPTY); // a is now more recent than b
    cs.executeUnpaged(c, Values.EMPTY); // b goes
    assertThat(cs.size()).isEqualTo(2);
    assertThat(prepares()).isEqualTo(3);

    cs.executeUnpaged(a, Values.EMPTY);
    cs.executeUnpaged(c, Values.EMPTY);
    assertThat(prepares()).as("a and c stayed").isEqualTo(3);
    cs.executeUnpaged(b, Values.EMPTY);
    assertThat(prepares()).as("b was forgotten").isEqualTo(4);
  }

  @Test
  void eachExecutionKeepsItsOwnSettings() {
    CachingSession cs = CachingSession.of(session, 10);
    String cql = "SELECT v FROM caching.kv WHERE k = ?";
    // THREE on a single node: the server refuses (and the retry policy finds no other node),
    // which shows the setting reached it
    Statement three = new Statement(cql).setConsistency(Consistency.THREE);
    assertThatThrownBy(() -> cs.executeUnpaged(three, Values.of(1)))
        .isInstanceOfSatisfying(
            NoHostAvailableException.class,
            e ->
                assertThat(e.errors().values())
                    .singleElement()
                    .isInstanceOfSatisfying(
                        DbException.class,
                        db -> assertThat(db.error()).isInstanceOf(DbError.Unavailable.class)));
    // the cached statement did not take THREE: a plain execution succeeds
    assertThat(cs.executeUnpaged(cql, Values.of(1)).intoRowsResult().singleRow(String.class))
        .isEqualTo("v1");
    assertThat(cs.prepare(new Statement(cql)).getConsistency()).isEmpty();
    assertThat(prepares()).isEqualTo(1);
  }

  @Test
  void aFailedPreparationIsNotCached() {
    CachingSession cs = CachingSession.of(session, 10);
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> cs.executeUnpaged("SELECT nope FROM caching.kv", Values.EMPTY))
          .isInstanceOfSatisfying(
              DbException.class, e -> assertThat(e.error()).isInstanceOf(DbError.Invalid.class));
      assertThat(cs.size()).isZero();
    }
    assertThat(prepares()).as("tried again each time").isEqualTo(2);
  }

  @Test
  void pagesIteratesAndBatchesWithPreparedStatements() {
    CachingSession cs = CachingSession.of(session, 10);
    String all = "SELECT k FROM caching.kv";
    QueryPage first =
        cs.executeSinglePage(new Statement(all).setPageSize(4), Values.EMPTY, PagingState.start());
    assertThat(first.result().intoRowsResult().rowsNumber()).isEqualTo(4);
    List<Integer> keys = new ArrayList<>();
    cs.executeIter(all, Values.EMPTY).rows(Integer.class).forEach(keys::add);
    assertThat(keys).hasSizeGreaterThanOrEqualTo(10);

    String insert = "INSERT INTO caching.kv (k, v) VALUES (?, ?)";
    Batch batch =
        new Batch(BatchType.LOGGED)
            .appendStatement(insert)
            .appendStatement(new Statement(insert).setIdempotent(true));
    cs.batch(batch, List.of(Values.of(100, "a"), Values.of(101, "b")));
    assertThat(
            cs.executeUnpaged("SELECT v FROM caching.kv WHERE k = ?", Values.of(101))
                .intoRowsResult()
                .singleRow(String.class))
        .isEqualTo("b");
    assertThat(prepares()).as("the scan, the insert and the select").isEqualTo(3);
    assertThat(proxy.node(1).counters().frames(Opcode.BATCH)).isEqualTo(1);
  }

  private long prepares() {
    return proxy.node(1).counters().frames(Opcode.PREPARE);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
