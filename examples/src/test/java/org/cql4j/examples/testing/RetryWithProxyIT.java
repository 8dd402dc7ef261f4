package org.cql4j.examples.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.Supplier;
import org.cql4j.protocol.errors.DbError;
import org.cql4j.protocol.errors.DbException;
import org.cql4j.protocol.frame.Opcode;
import org.cql4j.protocol.value.Values;
import org.cql4j.session.Session;
import org.cql4j.session.statement.PreparedStatement;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.CqlProxy;
import org.cql4j.testkit.TestCluster;
import org.cql4j.testkit.proxy.Action;
import org.cql4j.testkit.proxy.Condition;
import org.junit.jupiter.api.Test;

/** A user's own retry handling, tested with CqlProxy forging Overloaded errors. */
@CassandraTest(proxy = true)
class RetryWithProxyIT {

  // tag::proxy-retry[]
  /**
   * The application code under test: retries a write that the database said it was too busy for.
   */
  static <T> T withRetries(int attempts, Supplier<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return work.get();
      } catch (DbException e) {
        if (!(e.error() instanceof DbError.Overloaded) || attempt == attempts) {
          throw e;
        }
        sleep(Duration.ofMillis(50L * attempt)); // back off, then try again
      }
    }
  }

  @Test
  void retriesAWriteTheNodeWasTooBusyFor(TestCluster cassandra) {
    CqlProxy proxy = cassandra.proxy().orElseThrow(); // rules and counters are reset per test
    try (Session session = Session.builder().knownNodes(cassandra.contactPoints()).build()) {
      session.queryUnpaged(
          "CREATE KEYSPACE IF NOT EXISTS retries WITH replication ="
              + " {'class': 'SimpleStrategy', 'replication_factor': 1}",
          Values.EMPTY);
      session.queryUnpaged(
          "CREATE TABLE IF NOT EXISTS retries.orders (id int PRIMARY KEY, item text)",
          Values.EMPTY);
      PreparedStatement insert =
          session.prepare("INSERT INTO retries.orders (id, item) VALUES (?, ?)");

      // the node answers the first two inserts with Overloaded, then the real answer comes back
      proxy
          .node(1)
          .rules()
          .add(
              Condition.requestOpcode(Opcode.EXECUTE)
                  .and(Condition.table("retries", "orders"))
                  .times(2),
              Action.forgeError(new DbError.Overloaded(), "Too many in flight"));

      withRetries(3, () -> session.executeUnpaged(insert, Values.of(1, "tea")));

      assertThat(proxy.node(1).counters().forged()).isEqualTo(2);
      assertThat(proxy.node(1).counters().frames(Opcode.EXECUTE)).isEqualTo(3);
    }
  }

  // end::proxy-retry[]

  @Test
  void givesUpAfterItsLastAttempt(TestCluster cassandra) {
    CqlProxy proxy = cassandra.proxy().orElseThrow();
    proxy
        .rules()
        .add(
            Condition.queryContains("'give up'"),
            Action.forgeError(new DbError.Overloaded(), "busy"));
    try (Session session = Session.builder().knownNodes(cassandra.contactPoints()).build()) {
      DbException failure = null;
      try {
        withRetries(
            2, () -> session.queryUnpaged("SELECT 'give up' FROM system.local", Values.EMPTY));
      } catch (DbException e) {
        failure = e;
      }
      assertThat(failure).isNotNull();
      assertThat(failure.error()).isEqualTo(new DbError.Overloaded());
      assertThat(proxy.node(1).counters().forged()).isEqualTo(2);
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
