package org.cql4j.it.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.errors.DbError;
import org.cql4j.protocol.errors.DbException;
import org.cql4j.protocol.frame.Opcode;
import org.cql4j.protocol.value.Values;
import org.cql4j.session.Session;
import org.cql4j.session.observability.RequestLogger;
import org.cql4j.session.statement.PreparedStatement;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.CqlProxy;
import org.cql4j.testkit.TestCluster;
import org.cql4j.testkit.proxy.Action;
import org.cql4j.testkit.proxy.Condition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The shipped {@link RequestLogger} on a real node behind the test kit's proxy, which slows down or
 * fails the reads: the slow and the failed requests are logged, the fast ones not.
 */
@CassandraTest(proxy = true)
class RequestLoggerIT {
  private static final String KS = "request_logger_it";
  private static final String READ = "SELECT v FROM " + KS + ".kv WHERE k = ?";

  private static CqlProxy proxy;
  private static List<String> contactPoints;

  private final Logger log = (Logger) LoggerFactory.getLogger(RequestLogger.LOGGER_NAME);
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private Level levelBefore;

  @BeforeAll
  static void schema(TestCluster cluster) {
    proxy = cluster.proxy().orElseThrow();
    contactPoints = cluster.contactPoints();
    try (Session session = Session.builder().knownNodes(contactPoints).build()) {
      session.queryUnpaged(
          "CREATE KEYSPACE IF NOT EXISTS "
              + KS
              + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
      session.queryUnpaged("CREATE TABLE IF NOT EXISTS " + KS + ".kv (k int PRIMARY KEY, v int)");
      session.queryUnpaged("INSERT INTO " + KS + ".kv (k, v) VALUES (1, 7)");
    }
  }

  @BeforeEach
  void capture() {
    levelBefore = log.getLevel();
    log.setLevel(Level.INFO);
    logged.start();
    log.addAppender(logged);
  }

  @AfterEach
  void release() {
    log.detachAppender(logged);
    log.setLevel(levelBefore);
  }

  @Test
  void logsTheSlowAndTheFailedRequestButNotTheFastOnes() {
    RequestLogger logger = RequestLogger.builder().slowThreshold(Duration.ofMillis(300)).build();
    try (Session session = session(logger)) {
      PreparedStatement read = session.prepare(READ).setConsistency(Consistency.ONE);
      assertThat(readValue(session, read)).isEqualTo(7); // fast: not logged

      proxy.rules().add(reads().times(1), Action.delay(Duration.ofMillis(600)));
      assertThat(readValue(session, read)).isEqualTo(7); // slow

      proxy
          .rules()
          .add(
              reads().times(1),
              Action.forgeError(new DbError.ReadTimeout(Consistency.ONE, 0, 1, false), "forged"));
      assertThatThrownBy(() -> session.executeUnpaged(read, Values.of(1)))
          .isInstanceOf(DbException.class);

      assertThat(readValue(session, read)).isEqualTo(7); // fast again
    }

    assertThat(logged.list).hasSize(2);
    ILoggingEvent slow = logged.list.get(0);
    assertThat(slow.getLevel()).isEqualTo(Level.WARN);
    assertThat(slow.getFormattedMessage())
        .matches("Slow request \\(\\d+ ms > 300 ms\\): EXECUTE \"\\Q" + READ + "\\E\" .*")
        .contains("[keyspace=" + KS + ", consistency=ONE, coordinator=" + coordinator() + "]");
    assertThat(millis(slow.getFormattedMessage())).isGreaterThanOrEqualTo(600);

    ILoggingEvent failed = logged.list.get(1);
    assertThat(failed.getLevel()).isEqualTo(Level.WARN);
    assertThat(failed.getFormattedMessage())
        .startsWith("Request failed (")
        .contains("EXECUTE \"" + READ + "\" [keyspace=" + KS + ", consistency=ONE]: DbException: ")
        .contains("forged");
    assertThat(failed.getThrowableProxy()).isNull();
  }

  /**
   * A read that times out once is retried on the same node (the default retry policy), which is
   * slow to answer: one line, with both attempts counted.
   */
  @Test
  void countsTheAttemptsOfARetriedRequest() {
    RequestLogger logger = RequestLogger.builder().slowThreshold(Duration.ofMillis(300)).build();
    try (Session session = session(logger)) {
      PreparedStatement read = session.prepare(READ).setConsistency(Consistency.ONE);
      proxy
          .rules()
          .add(
              reads().times(1),
              Action.forgeError(new DbError.ReadTimeout(Consistency.ONE, 1, 1, false), "forged"));
      proxy.rules().add(reads().times(1), Action.delay(Duration.ofMillis(600)));

      assertThat(readValue(session, read)).isEqualTo(7);
    }

    assertThat(logged.list)
        .singleElement()
        .satisfies(e -> assertThat(e.getLevel()).isEqualTo(Level.WARN))
        .satisfies(
            e ->
                assertThat(e.getFormattedMessage())
                    .startsWith("Slow request (")
                    .endsWith(
                        "[keyspace="
                            + KS
                            + ", consistency=ONE, coordinator="
                            + coordinator()
                            + ", attempts=2]"));
    assertThat(proxy.node(1).counters().frames(Opcode.EXECUTE)).isEqualTo(2);
  }

  @Test
  void logsEverySuccessfulRequestWhenAskedAndStackTracesOfErrors() {
    RequestLogger logger =
        RequestLogger.builder().logSuccessfulRequests(true).logStackTraces(true).build();
    try (Session session = session(logger)) {
      PreparedStatement read = session.prepare(READ).setConsistency(Consistency.ONE);
      assertThat(readValue(session, read)).isEqualTo(7);
      assertThatThrownBy(() -> session.queryUnpaged("SELECT nothing FROM " + KS + ".kv"))
          .isInstanceOf(DbException.class);
    }

    List<ILoggingEvent> executes =
        logged.list.stream().filter(e -> e.getFormattedMessage().contains("EXECUTE")).toList();
    assertThat(executes)
        .singleElement()
        .satisfies(e -> assertThat(e.getLevel()).isEqualTo(Level.INFO))
        .satisfies(
            e ->
                assertThat(e.getFormattedMessage())
                    .startsWith("Request succeeded (")
                    .endsWith(
                        "EXECUTE \""
                            + READ
                            + "\" [keyspace="
                            + KS
                            + ", consistency=ONE, coordinator="
                            + coordinator()
                            + "]"));
    List<ILoggingEvent> failures =
        logged.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
    assertThat(failures)
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.getFormattedMessage())
                    .contains("QUERY \"SELECT nothing FROM " + KS + ".kv\"")
                    .contains("DbException: "))
        .satisfies(e -> assertThat(e.getThrowableProxy()).isNotNull());
  }

  // ---- helpers ----

  private static Session session(RequestLogger logger) {
    return Session.builder().knownNodes(contactPoints).requestListener(logger).build();
  }

  private static int readValue(Session session, PreparedStatement read) {
    return session.executeUnpaged(read, Values.of(1)).intoRowsResult().singleRow(Integer.class);
  }

  private static Condition reads() {
    return Condition.requestOpcode(Opcode.EXECUTE).and(Condition.table(KS, "kv"));
  }

  // the proxy's address of the node, as a line shows it
  private static String coordinator() {
    var address = proxy.node(1).proxyAddress();
    return address.getAddress().getHostAddress() + ":" + address.getPort();
  }

  private static long millis(String line) {
    String start = line.substring(line.indexOf('(') + 1);
    return Long.parseLong(start.substring(0, start.indexOf(' ')));
  }
}
