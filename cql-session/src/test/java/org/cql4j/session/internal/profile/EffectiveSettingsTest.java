package org.cql4j.session.internal.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.SerialConsistency;
import org.cql4j.session.policy.FallthroughRetryPolicy;
import org.cql4j.session.profile.ExecutionProfile;
import org.cql4j.session.profile.ExecutionProfileHandle;
import org.cql4j.session.statement.Batch;
import org.cql4j.session.statement.BatchType;
import org.cql4j.session.statement.Statement;
import org.junit.jupiter.api.Test;

class EffectiveSettingsTest {
  final ExecutionProfile profile1 = ExecutionProfile.builder().consistency(Consistency.ONE).build();
  final ExecutionProfile profile2 = ExecutionProfile.builder().consistency(Consistency.TWO).build();

  static Consistency consistencyOf(Statement s, ExecutionProfileHandle sessionDefault) {
    return EffectiveSettings.resolve(s, sessionDefault).consistency();
  }

  @Test
  void aStatementExecutedAgainReusesItsResolvedSettingsUntilOneChanges() {
    ExecutionProfileHandle handle = ExecutionProfile.defaults().intoHandle();
    Statement statement = new Statement("SELECT 1");
    EffectiveSettings first = EffectiveSettings.resolve(statement, handle);
    assertThat(EffectiveSettings.resolve(statement, handle)).isSameAs(first);

    statement.setConsistency(Consistency.ONE);
    EffectiveSettings afterSetter = EffectiveSettings.resolve(statement, handle);
    assertThat(afterSetter.consistency()).isEqualTo(Consistency.ONE);
    assertThat(EffectiveSettings.resolve(statement, handle)).isSameAs(afterSetter);

    handle.mapToAnotherProfile(
        ExecutionProfile.builder().serialConsistency(SerialConsistency.SERIAL).build());
    EffectiveSettings afterRemap = EffectiveSettings.resolve(statement, handle);
    assertThat(afterRemap.serialConsistency()).isEqualTo(SerialConsistency.SERIAL);
    assertThat(afterRemap.consistency()).isEqualTo(Consistency.ONE);

    ExecutionProfileHandle otherSession = ExecutionProfile.defaults().intoHandle();
    assertThat(EffectiveSettings.resolve(statement, otherSession).serialConsistency())
        .as("another session's default profile")
        .isEqualTo(SerialConsistency.LOCAL_SERIAL);
  }

  @Test
  void nowInSecondsComesFromTheStatementAndANewValueIsResolvedAgain() {
    ExecutionProfileHandle handle = ExecutionProfile.defaults().intoHandle();
    Statement statement = new Statement("SELECT 1");
    assertThat(EffectiveSettings.resolve(statement, handle).nowInSeconds()).isEmpty();
    statement.setNowInSeconds(1000);
    assertThat(EffectiveSettings.resolve(statement, handle).nowInSeconds()).hasValue(1000);
    statement.setNowInSeconds(2000);
    assertThat(EffectiveSettings.resolve(statement, handle).nowInSeconds()).hasValue(2000);
    statement.clearNowInSeconds();
    assertThat(EffectiveSettings.resolve(statement, handle).nowInSeconds()).isEmpty();
  }

  @Test
  void profileDefaultsMatchTheRustDriver() {
    ExecutionProfile p = ExecutionProfile.defaults();
    assertThat(p.consistency()).isEqualTo(Consistency.LOCAL_QUORUM);
    assertThat(p.serialConsistency()).isEqualTo(SerialConsistency.LOCAL_SERIAL);
    assertThat(p.requestTimeout()).contains(Duration.ofSeconds(30));
    assertThat(p.loadBalancingPolicy().name()).isEqualTo("DefaultLoadBalancingPolicy");
    assertThat(p.retryPolicy().getClass().getSimpleName()).isEqualTo("DefaultRetryPolicy");
    assertThat(p.speculativeExecutionPolicy().getClass().getSimpleName())
        .isEqualTo("NoSpeculativeExecution");
  }

  @Test
  void sessionDefaultHandleAppliesWhenStatementHasNothing() {
    ExecutionProfileHandle session = profile1.intoHandle();
    EffectiveSettings s = EffectiveSettings.resolve(new Statement("q"), session);
    assertThat(s.consistency()).isEqualTo(Consistency.ONE);
    assertThat(s.profile()).isSameAs(profile1);
    assertThat(s.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void statementHandleBeatsSessionDefaultHandle() {
    ExecutionProfileHandle session = profile1.intoHandle();
    ExecutionProfile fallthrough =
        ExecutionProfile.builder()
            .consistency(Consistency.THREE)
            .retryPolicy(FallthroughRetryPolicy.INSTANCE)
            .build();
    Statement s = new Statement("q").setExecutionProfileHandle(fallthrough.intoHandle());
    EffectiveSettings e = EffectiveSettings.resolve(s, session);
    assertThat(e.consistency()).isEqualTo(Consistency.THREE);
    assertThat(e.retryPolicy()).isSameAs(FallthroughRetryPolicy.INSTANCE);
  }

  @Test
  void statementSettingBeatsStatementHandle() {
    ExecutionProfile p =
        ExecutionProfile.builder()
            .consistency(Consistency.THREE)
            .serialConsistency(SerialConsistency.SERIAL)
            .requestTimeout(Duration.ofSeconds(2))
            .build();
    Statement s =
        new Statement("q")
            .setExecutionProfileHandle(p.intoHandle())
            .setConsistency(Consistency.ALL)
            .setSerialConsistency(SerialConsistency.LOCAL_SERIAL)
            .setRequestTimeout(Duration.ofMillis(100));
    EffectiveSettings e = EffectiveSettings.resolve(s, profile1.intoHandle());
    assertThat(e.consistency()).isEqualTo(Consistency.ALL);
    assertThat(e.serialConsistency()).isEqualTo(SerialConsistency.LOCAL_SERIAL);
    assertThat(e.requestTimeout()).isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void statementSettingBeatsSessionDefaultHandle() {
    Statement s = new Statement("q").setConsistency(Consistency.EACH_QUORUM);
    assertThat(consistencyOf(s, profile1.intoHandle())).isEqualTo(Consistency.EACH_QUORUM);
  }

  @Test
  void profileWithoutTimeoutResolvesToNoTimeout() {
    ExecutionProfile p = ExecutionProfile.builder().requestTimeout(null).build();
    assertThat(EffectiveSettings.resolve(new Statement("q"), p.intoHandle()).requestTimeout())
        .isNull();
  }

  @Test
  void batchesResolveLikeStatements() {
    Batch b = new Batch(BatchType.LOGGED).setIdempotent(true).setTimestamp(7);
    EffectiveSettings e = EffectiveSettings.resolve(b, profile2.intoHandle());
    assertThat(e.consistency()).isEqualTo(Consistency.TWO);
    assertThat(e.idempotent()).isTrue();
    assertThat(e.timestamp()).hasValue(7);
  }

  /** The seed's example ("Remapping execution profile handles"), step by step. */
  @Test
  void remappingHandlesFollowsTheRustDriverExample() {
    ExecutionProfileHandle handle1 = profile1.intoHandle();
    ExecutionProfileHandle handle2 = profile2.intoHandle();
    ExecutionProfileHandle session1 = handle1; // session1 -> handle1
    Statement query0 = new Statement("SELECT * FROM ks.other"); // uses the session default
    Statement query1 = new Statement("SELECT * FROM ks.table").setExecutionProfileHandle(handle1);
    Statement query2 =
        new Statement("SELECT pk FROM ks.table WHERE pk = ?").setExecutionProfileHandle(handle2);

    // session1 -> handle1 -> profile1, query1 -> handle1 -> profile1, query2 -> handle2 -> profile2
    assertThat(consistencyOf(query0, session1)).isEqualTo(Consistency.ONE);
    assertThat(consistencyOf(query1, session1)).isEqualTo(Consistency.ONE);
    assertThat(consistencyOf(query2, session1)).isEqualTo(Consistency.TWO);

    // remap handle2 to profile1: query2 -> handle2 -> profile1
    handle2.mapToAnotherProfile(profile1);
    assertThat(handle2.profile()).isSameAs(profile1);
    assertThat(consistencyOf(query2, session1)).isEqualTo(Consistency.ONE);

    // change query1's handle to handle2, and remap handle1 to profile2
    query1.setExecutionProfileHandle(handle2);
    handle1.mapToAnotherProfile(profile2);

    // session1 -> handle1 -> profile2, query1 -> handle2 -> profile1, query2 -> handle2 -> profile1
    assertThat(consistencyOf(query0, session1)).isEqualTo(Consistency.TWO);
    assertThat(consistencyOf(query1, session1)).isEqualTo(Consistency.ONE);
    assertThat(consistencyOf(query2, session1)).isEqualTo(Consistency.ONE);
  }

  @Test
  void remapIsVisibleToOtherThreadsAtOnce() throws Exception {
    ExecutionProfileHandle h = profile1.intoHandle();
    Thread t = new Thread(() -> h.mapToAnotherProfile(profile2));
    t.start();
    t.join();
    assertThat(h.profile()).isSameAs(profile2);
  }

  @Test
  void toBuilderKeepsEverySetting() {
    ExecutionProfile p =
        ExecutionProfile.builder()
            .consistency(Consistency.ANY)
            .requestTimeout(Duration.ofSeconds(1))
            .retryPolicy(FallthroughRetryPolicy.INSTANCE)
            .build();
    ExecutionProfile q = p.toBuilder().build();
    assertThat(q.consistency()).isEqualTo(Consistency.ANY);
    assertThat(q.requestTimeout()).contains(Duration.ofSeconds(1));
    assertThat(q.retryPolicy()).isSameAs(FallthroughRetryPolicy.INSTANCE);
    assertThat(q.loadBalancingPolicy()).isSameAs(p.loadBalancingPolicy());
  }
}
