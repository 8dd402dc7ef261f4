package org.cql4j.session.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.errors.DbError;
import org.cql4j.protocol.errors.DbException;
import org.cql4j.protocol.errors.OperationType;
import org.cql4j.protocol.errors.WriteType;
import org.cql4j.session.errors.AuthenticationException;
import org.cql4j.session.errors.ConnectionException;
import org.cql4j.session.errors.RequestTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryPolicyTest {

  static DbException db(DbError e) {
    return new DbException(e, "test");
  }

  static RetryDecision decide(Throwable error, boolean idempotent) {
    return DefaultRetryPolicy.INSTANCE
        .newSession()
        .decide(new RequestInfo(error, idempotent, Consistency.ONE));
  }

  static Stream<Throwable> neverRetried() {
    return Stream.of(
        db(new DbError.SyntaxError()),
        db(new DbError.Invalid()),
        db(new DbError.AlreadyExists("ks", "t")),
        db(new DbError.FunctionFailure("ks", "f", List.of())),
        db(new DbError.AuthenticationError()),
        db(new DbError.Unauthorized()),
        db(new DbError.ConfigError()),
        db(new DbError.ReadFailure(Consistency.TWO, 2, 1, 1, Map.of(), false)),
        db(new DbError.WriteFailure(Consistency.TWO, 1, 2, 1, Map.of(), WriteType.BATCH_LOG)),
        db(new DbError.Unprepared(new byte[] {1})),
        db(new DbError.ProtocolError()),
        db(new DbError.RateLimitReached(OperationType.WRITE, true)),
        db(new DbError.Other(0x124816)),
        new AuthenticationException("bad credentials"),
        new RequestTimeoutException("timed out"),
        new IllegalStateException("bug"));
  }

  @ParameterizedTest
  @MethodSource("neverRetried")
  void defaultPolicyNeverRetriesTheseErrorsWhateverTheIdempotence(Throwable error) {
    assertThat(decide(error, false)).isEqualTo(RetryDecision.DONT_RETRY);
    assertThat(decide(error, true)).isEqualTo(RetryDecision.DONT_RETRY);
  }

  static Stream<Throwable> nextNodeIfIdempotent() {
    return Stream.of(
        db(new DbError.Overloaded()),
        db(new DbError.ServerError()),
        db(new DbError.TruncateError()),
        new ConnectionException("connection to /10.0.0.1:9042 reset"),
        new IOException("broken pipe"));
  }

  @ParameterizedTest
  @MethodSource("nextNodeIfIdempotent")
  void defaultPolicyRetriesOnNextNodeOnlyWhenIdempotent(Throwable error) {
    assertThat(decide(error, false)).isEqualTo(RetryDecision.DONT_RETRY);
    assertThat(decide(error, true)).isEqualTo(RetryDecision.RETRY_NEXT_TARGET);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void isBootstrappingAlwaysGoesToNextNode(boolean idempotent) {
    RetryPolicy.RetrySession s = DefaultRetryPolicy.INSTANCE.newSession();
    RequestInfo info =
        new RequestInfo(db(new DbError.IsBootstrapping()), idempotent, Consistency.ONE);
    assertThat(s.decide(info)).isEqualTo(RetryDecision.RETRY_NEXT_TARGET);
    assertThat(s.decide(info)).isEqualTo(RetryDecision.RETRY_NEXT_TARGET);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void unavailableRetriesOnceOnNextNodeWhateverTheIdempotence(boolean idempotent) {
    RetryPolicy.RetrySession s = DefaultRetryPolicy.INSTANCE.newSession();
    RequestInfo info =
        new RequestInfo(
            db(new DbError.Unavailable(Consistency.TWO, 2, 1)), idempotent, Consistency.TWO);
    assertThat(s.decide(info)).isEqualTo(RetryDecision.RETRY_NEXT_TARGET);
    assertThat(s.decide(info)).isEqualTo(RetryDecision.DONT_RETRY);
    assertThat(DefaultRetryPolicy.INSTANCE.newSession().decide(info))
        .as("a new execution's session starts over")
        .isEqualTo(RetryDecision.RETRY_NEXT_TARGET);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void readTimeoutRetriesOnceOnSameNodeWhenEnoughRepliesButNoData(boolean idempotent) {
    RetryPolicy.RetrySession s = DefaultRetryPolicy.INSTANCE.newSession();
    RequestInfo noData =
        new RequestInfo(
            db(new DbError.ReadTimeout(Consistency.TWO, 2, 2, false)), idempotent, Consistency.TWO);
    assertThat(s.decide(noData)).isEqualTo(RetryDecision.RETRY_SAME_TARGET);
    assertThat(s.decide(noData)).isEqualTo(RetryDecision.DONT_RETRY);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void readTimeoutDoesNotRetryWithDataPresentOrTooFewReplies(boolean idempotent) {
    DbError withData = new DbError.ReadTimeout(Consistency.TWO, 2, 2, true);
    DbError tooFew = new DbError.ReadTimeout(Consistency.TWO, 1, 2, true);
    DbError tooFewNoData = new DbError.ReadTimeout(Consistency.TWO, 1, 2, false);
    assertThat(decide(db(withData), idempotent)).isEqualTo(RetryDecision.DONT_RETRY);
    assertThat(decide(db(tooFew), idempotent)).isEqualTo(RetryDecision.DONT_RETRY);
    assertThat(decide(db(tooFewNoData), idempotent)).isEqualTo(RetryDecision.DONT_RETRY);
  }

  @Test
  void writeTimeoutRetriesOnceOnSameNodeOnlyForIdempotentBatchLogWrites() {
    DbException batchLog = db(new DbError.WriteTimeout(Consistency.TWO, 1, 2, WriteType.BATCH_LOG));
    assertThat(decide(batchLog, false)).isEqualTo(RetryDecision.DONT_RETRY);

    RetryPolicy.RetrySession s = DefaultRetryPolicy.INSTANCE.newSession();
    RequestInfo info = new RequestInfo(batchLog, true, Consistency.TWO);
    assertThat(s.decide(info)).isEqualTo(RetryDecision.RETRY_SAME_TARGET);
    assertThat(s.decide(info)).isEqualTo(RetryDecision.DONT_RETRY);

    for (WriteType other :
        List.of(WriteType.SIMPLE, WriteType.BATCH, WriteType.UNLOGGED_BATCH, WriteType.CAS)) {
      DbException e = db(new DbError.WriteTimeout(Consistency.TWO, 4, 2, other));
      assertThat(decide(e, true)).as(other.name()).isEqualTo(RetryDecision.DONT_RETRY);
      assertThat(decide(e, false)).as(other.name()).isEqualTo(RetryDecision.DONT_RETRY);
    }
  }

  @Test
  void serialConsistencyRequestsAreNeverRetried() {
    RetryPolicy.RetrySession s = DefaultRetryPolicy.INSTANCE.newSession();
    for (Consistency serial : List.of(Consistency.SERIAL, Consistency.LOCAL_SERIAL)) {
      assertThat(s.decide(new RequestInfo(db(new DbError.Overloaded()), true, serial)))
          .isEqualTo(RetryDecision.DONT_RETRY);
      assertThat(s.decide(new RequestInfo(db(new DbError.IsBootstrapping()), true, serial)))
          .isEqualTo(RetryDecision.DONT_RETRY);
      assertThat(s.decide(new RequestInfo(db(new DbError.Unavailable(serial, 2, 1)), true, serial)))
          .isEqualTo(RetryDecision.DONT_RETRY);
    }
  }

  @Test
  void onceOnlyRetriesAreCountedPerErrorKind() {
    RetryPolicy.RetrySession s = DefaultRetryPolicy.INSTANCE.newSession();
    RequestInfo unavailable =
        new RequestInfo(db(new DbError.Unavailable(Consistency.ONE, 1, 0)), true, Consistency.ONE);
    RequestInfo readTimeout =
        new RequestInfo(
            db(new DbError.ReadTimeout(Consistency.ONE, 1, 1, false)), true, Consistency.ONE);
    assertThat(s.decide(unavailable)).isEqualTo(RetryDecision.RETRY_NEXT_TARGET);
    assertThat(s.decide(readTimeout)).isEqualTo(RetryDecision.RETRY_SAME_TARGET);
    assertThat(s.decide(unavailable)).isEqualTo(RetryDecision.DONT_RETRY);
    assertThat(s.decide(readTimeout)).isEqualTo(RetryDecision.DONT_RETRY);
  }

  @Test
  void newSessionsAreIndependent() {
    RequestInfo unavailable =
        new RequestInfo(db(new DbError.Unavailable(Consistency.ONE, 1, 0)), true, Consistency.ONE);
    DefaultRetryPolicy.INSTANCE.newSession().decide(unavailable);
    assertThat(DefaultRetryPolicy.INSTANCE.newSession().decide(unavailable))
        .isEqualTo(RetryDecision.RETRY_NEXT_TARGET);
  }

  @ParameterizedTest
  @MethodSource("nextNodeIfIdempotent")
  void fallthroughPolicyNeverRetries(Throwable error) {
    RetryPolicy.RetrySession s = FallthroughRetryPolicy.INSTANCE.newSession();
    assertThat(s.decide(new RequestInfo(error, true, Consistency.ONE)))
        .isEqualTo(RetryDecision.DONT_RETRY);
    assertThat(s.decide(new RequestInfo(db(new DbError.IsBootstrapping()), true, Consistency.ONE)))
        .isEqualTo(RetryDecision.DONT_RETRY);
  }
}
