package org.cql4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.errors.DbError;
import org.cql4j.protocol.errors.DbException;
import org.cql4j.protocol.errors.WriteType;
import org.cql4j.protocol.frame.Opcode;
import org.cql4j.session.Session;
import org.cql4j.session.errors.NoHostAvailableException;
import org.cql4j.session.observability.StructuredHistory;
import org.cql4j.session.policy.RetryDecision;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.CqlProxy;
import org.cql4j.testkit.TestCluster;
import org.cql4j.testkit.proxy.Action;
import org.cql4j.testkit.proxy.Condition;
import org.cql4j.testkit.proxy.Tee;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A 3-node ring behind the proxy, which forges the errors the retry policies decide on. */
@CassandraTest(nodes = 3, proxy = true)
class RetriesExampleIT {
  private static final Condition STOCK =
      Condition.requestOpcode(Opcode.QUERY).and(Condition.queryContains("examples.stock"));
  private static RetriesExample.Profiles profiles;

  @BeforeAll
  static void setUp(TestCluster cassandra) {
    try (Session session = Session.builder().knownNodes(cassandra.contactPoints()).build()) {
      RetriesExample.setUp(session);
    }
    profiles = RetriesExample.profiles();
  }

  @Test
  void retriesAnIdempotentReadOnTheNextNodeAfterOverloaded(TestCluster cassandra) {
    forge(cassandra, new DbError.Overloaded(), 1);
    try (Session session = connect(cassandra)) {
      RetriesExample.Outcome outcome = RetriesExample.read(session, profiles.standard());

      assertThat(outcome.error()).isNull();
      List<StructuredHistory.AttemptHistory> attempts = attempts(outcome);
      assertThat(attempts).hasSize(2);
      assertFailed(attempts.get(0), DbError.Overloaded.class, RetryDecision.RETRY_NEXT_TARGET);
      assertThat(attempts.get(1).node()).isNotEqualTo(attempts.get(0).node());
      assertThat(outcome.coordinator().address()).isEqualTo(attempts.get(1).node());
    }
  }

  @Test
  void doesNotResendAWriteThatIsNotIdempotent(TestCluster cassandra) {
    forge(cassandra, new DbError.Overloaded(), 1);
    try (Session session = connect(cassandra)) {
      RetriesExample.Outcome outcome = RetriesExample.append(session, profiles.standard());

      assertThat(outcome.error())
          .isInstanceOfSatisfying(
              DbException.class, e -> assertThat(e.error()).isEqualTo(new DbError.Overloaded()));
      assertThat(attempts(outcome)).singleElement();
      assertFailed(attempts(outcome).get(0), DbError.Overloaded.class, RetryDecision.DONT_RETRY);
    }
  }

  @Test
  void resendsAWriteAfterUnavailableOnTheNextNodeIdempotentOrNot(TestCluster cassandra) {
    forge(cassandra, new DbError.Unavailable(Consistency.LOCAL_QUORUM, 2, 1), 1);
    try (Session session = connect(cassandra)) {
      RetriesExample.Outcome outcome = RetriesExample.append(session, profiles.standard());

      assertThat(outcome.error()).isNull();
      List<StructuredHistory.AttemptHistory> attempts = attempts(outcome);
      assertFailed(attempts.get(0), DbError.Unavailable.class, RetryDecision.RETRY_NEXT_TARGET);
      assertThat(attempts.get(1).node()).isNotEqualTo(attempts.get(0).node());
    }
  }

  @Test
  void retriesAReadTimeoutWithoutDataOnTheSameNode(TestCluster cassandra) {
    forge(cassandra, new DbError.ReadTimeout(Consistency.LOCAL_QUORUM, 1, 1, false), 1);
    try (Session session = connect(cassandra)) {
      RetriesExample.Outcome outcome = RetriesExample.read(session, profiles.standard());

      assertThat(outcome.error()).isNull();
      List<StructuredHistory.AttemptHistory> attempts = attempts(outcome);
      assertThat(attempts).hasSize(2);
      assertFailed(attempts.get(0), DbError.ReadTimeout.class, RetryDecision.RETRY_SAME_TARGET);
      assertThat(attempts.get(1).node()).isEqualTo(attempts.get(0).node());
    }
  }

  @Test
  void doesNotRetryAWriteTimeout(TestCluster cassandra) {
    forge(cassandra, new DbError.WriteTimeout(Consistency.LOCAL_QUORUM, 0, 1, WriteType.SIMPLE), 1);
    try (Session session = connect(cassandra)) {
      RetriesExample.Outcome outcome = RetriesExample.append(session, profiles.standard());

      assertThat(outcome.error()).isInstanceOf(DbException.class);
      assertFailed(attempts(outcome).get(0), DbError.WriteTimeout.class, RetryDecision.DONT_RETRY);
    }
  }

  @Test
  void theFallthroughPolicyNeverRetries(TestCluster cassandra) {
    forge(cassandra, new DbError.Unavailable(Consistency.LOCAL_QUORUM, 2, 1), 1);
    try (Session session = connect(cassandra)) {
      RetriesExample.Outcome outcome = RetriesExample.read(session, profiles.never());

      assertThat(outcome.error())
          .isInstanceOfSatisfying(
              DbException.class,
              e -> assertThat(e.error()).isInstanceOf(DbError.Unavailable.class));
      assertThat(attempts(outcome)).singleElement();
    }
  }

  @Test
  void theDowngradingPolicyRetriesAtTheConsistencyTheLiveReplicasMeet(TestCluster cassandra) {
    CqlProxy proxy = forge(cassandra, new DbError.Unavailable(Consistency.QUORUM, 2, 1), 1);
    Tee atOne = new Tee();
    proxy.rules().add(STOCK.and(Condition.consistency(Consistency.ONE)), Action.tee(atOne));
    try (Session session = connect(cassandra)) {
      RetriesExample.Outcome outcome = RetriesExample.read(session, profiles.downgrading());

      assertThat(outcome.error()).isNull();
      List<StructuredHistory.AttemptHistory> attempts = attempts(outcome);
      assertFailed(
          attempts.get(0),
          DbError.Unavailable.class,
          new RetryDecision.RetrySameTarget(Consistency.ONE));
      assertThat(attempts.get(1).node()).isEqualTo(attempts.get(0).node());
      assertThat(atOne.await(1, Duration.ofSeconds(5))).hasSize(1); // the retry went out at ONE
    }
  }

  @Test
  void theCustomPolicyGivesUpAfterOneRetry(TestCluster cassandra) {
    forge(cassandra, new DbError.Overloaded(), 2);
    try (Session session = connect(cassandra)) {
      RetriesExample.Outcome limited = RetriesExample.read(session, profiles.atMostOnce());

      assertThat(limited.error()).isInstanceOf(DbException.class);
      assertThat(attempts(limited)).hasSize(2);
    }
    forge(cassandra, new DbError.Overloaded(), 2);
    try (Session session = connect(cassandra)) {
      RetriesExample.Outcome standard = RetriesExample.read(session, profiles.standard());

      assertThat(standard.error()).isNull(); // the default policy goes on to the third node
      assertThat(attempts(standard)).hasSize(3);
    }
  }

  @Test
  void failsWithNoHostAvailableWhenEveryNodeFailed(TestCluster cassandra) {
    forge(cassandra, new DbError.Overloaded(), 100);
    try (Session session = connect(cassandra)) {
      RetriesExample.Outcome outcome = RetriesExample.read(session, profiles.standard());

      assertThat(outcome.error())
          .isInstanceOfSatisfying(
              NoHostAvailableException.class,
              e ->
                  assertThat(e.errors().values())
                      .hasSize(3)
                      .allSatisfy(error -> assertThat(error).isInstanceOf(DbException.class)));
      assertThat(attempts(outcome)).hasSize(3);
    }
  }

  // the next `times` requests on the stock table, whichever node gets them, are answered `error`
  private static CqlProxy forge(TestCluster cassandra, DbError error, int times) {
    CqlProxy proxy = cassandra.proxy().orElseThrow();
    proxy.rules().add(STOCK.times(times), Action.forgeError(error, "forged by the test"));
    return proxy;
  }

  private static Session connect(TestCluster cassandra) {
    return Session.builder().knownNodes(cassandra.contactPoints()).build();
  }

  private static List<StructuredHistory.AttemptHistory> attempts(RetriesExample.Outcome outcome) {
    StructuredHistory.RequestHistory request = outcome.history().requests().get(0);
    assertThat(request.speculativeFibers()).isEmpty();
    return request.firstFiber().attempts();
  }

  private static void assertFailed(
      StructuredHistory.AttemptHistory attempt,
      Class<? extends DbError> error,
      RetryDecision decision) {
    assertThat(attempt.result())
        .hasValueSatisfying(
            o -> {
              assertThat(o.error())
                  .isInstanceOfSatisfying(
                      DbException.class, e -> assertThat(e.error()).isInstanceOf(error));
              assertThat(o.retryDecision()).isEqualTo(decision);
            });
  }
}
