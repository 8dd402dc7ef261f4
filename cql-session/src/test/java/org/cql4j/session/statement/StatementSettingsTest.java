package org.cql4j.session.statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.SerialConsistency;
import org.cql4j.session.profile.ExecutionProfile;
import org.cql4j.session.profile.ExecutionProfileHandle;
import org.junit.jupiter.api.Test;

class StatementSettingsTest {

  @Test
  void newStatementHasNothingSetAndDefaultPageSize() {
    Statement s = new Statement("SELECT * FROM ks.t");
    assertThat(s.cql()).isEqualTo("SELECT * FROM ks.t");
    assertThat(s.getConsistency()).isEmpty();
    assertThat(s.getSerialConsistency()).isEmpty();
    assertThat(s.getRequestTimeout()).isEmpty();
    assertThat(s.getTimestamp()).isEmpty();
    assertThat(s.getNowInSeconds()).isEmpty();
    assertThat(s.getKeyspace()).isEmpty();
    assertThat(s.getExecutionProfileHandle()).isEmpty();
    assertThat(s.getPageSize()).isEqualTo(5000);
    assertThat(s.isTracing()).isFalse();
    assertThat(s.isIdempotent()).isFalse();
  }

  @Test
  void settersChainAndReturnTheStatementType() {
    ExecutionProfileHandle h = ExecutionProfile.defaults().intoHandle();
    Statement s =
        new Statement("q")
            .setConsistency(Consistency.ONE)
            .setSerialConsistency(SerialConsistency.SERIAL)
            .setPageSize(10)
            .setRequestTimeout(Duration.ofMillis(250))
            .setTimestamp(1234L)
            .setTracing(true)
            .setIdempotent(true)
            .setExecutionProfileHandle(h);
    assertThat(s.getConsistency()).contains(Consistency.ONE);
    assertThat(s.getSerialConsistency()).contains(SerialConsistency.SERIAL);
    assertThat(s.getPageSize()).isEqualTo(10);
    assertThat(s.getRequestTimeout()).contains(Duration.ofMillis(250));
    assertThat(s.getTimestamp()).hasValue(1234L);
    assertThat(s.isTracing()).isTrue();
    assertThat(s.isIdempotent()).isTrue();
    assertThat(s.getExecutionProfileHandle()).containsSame(h);
  }

  @Test
  void nullClearsASettingAndClearTimestampRemovesIt() {
    Statement s = new Statement("q").setConsistency(Consistency.ALL).setTimestamp(5);
    s.setConsistency(null).clearTimestamp();
    assertThat(s.getConsistency()).isEmpty();
    assertThat(s.getTimestamp()).isEmpty();
  }

  @Test
  void nowInSecondsIsSetClearedAndNeverNegative() {
    Statement s = new Statement("q").setNowInSeconds(1_700_000_000);
    assertThat(s.getNowInSeconds()).hasValue(1_700_000_000);
    assertThat(s.setNowInSeconds(0).getNowInSeconds()).hasValue(0);
    assertThat(s.clearNowInSeconds().getNowInSeconds()).isEmpty();
    assertThatThrownBy(() -> s.setNowInSeconds(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
  }

  @Test
  void keyspaceIsSetClearedAndMustBeAValidName() {
    Statement s = new Statement("q").setKeyspace("ks1");
    assertThat(s.getKeyspace()).contains("ks1");
    assertThat(s.getKeyspace()).as("no allocation per read").isSameAs(s.getKeyspace());
    assertThat(s.toString()).contains("keyspace=ks1");
    assertThat(s.setKeyspace("Quoted_Ks").getKeyspace()).contains("Quoted_Ks");
    assertThat(s.setKeyspace(null).getKeyspace()).isEmpty();
    for (String bad : new String[] {"", "\"ks\"", "ks.t", "a".repeat(49)}) {
      assertThatThrownBy(() -> s.setKeyspace(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("invalid keyspace name '" + bad + "'");
    }
    assertThatThrownBy(() -> new Batch(BatchType.LOGGED).setKeyspace("ks-1"))
        .hasMessageContaining("invalid keyspace name 'ks-1'");
  }

  @Test
  void rejectsNonPositivePageSizeAndTimeout() {
    Statement s = new Statement("q");
    assertThatThrownBy(() -> s.setPageSize(0)).hasMessageContaining("page size must be positive");
    assertThatThrownBy(() -> s.setRequestTimeout(Duration.ZERO))
        .hasMessageContaining("request timeout must be positive");
  }

  @Test
  void copyKeepsTheKeyspaceAndTheTimeAndIsIndependent() {
    Statement s = new Statement("q").setKeyspace("ks1").setNowInSeconds(100);
    Statement c = s.copy();
    assertThat(c.getKeyspace()).contains("ks1");
    assertThat(c.getNowInSeconds()).hasValue(100);
    c.setKeyspace("ks2").clearNowInSeconds();
    assertThat(s.getKeyspace()).contains("ks1");
    assertThat(s.getNowInSeconds()).hasValue(100);
  }

  @Test
  void copyHasSameTextAndSettingsButIsIndependent() {
    Statement s = new Statement("q").setConsistency(Consistency.TWO).setIdempotent(true);
    Statement c = s.copy();
    c.setConsistency(Consistency.THREE);
    assertThat(c.cql()).isEqualTo("q");
    assertThat(c.isIdempotent()).isTrue();
    assertThat(s.getConsistency()).contains(Consistency.TWO);
  }

  @Test
  void batchKeepsStatementsInAppendOrderWithItsOwnSettings() {
    Batch b =
        new Batch(BatchType.UNLOGGED)
            .appendStatement("INSERT 1")
            .appendStatement(new Statement("INSERT 2"))
            .setConsistency(Consistency.QUORUM)
            .setTimestamp(99);
    assertThat(b.type()).isEqualTo(BatchType.UNLOGGED);
    assertThat(b.size()).isEqualTo(2);
    assertThat(b.statements())
        .extracting(st -> ((Statement) st).cql())
        .containsExactly("INSERT 1", "INSERT 2");
    assertThat(b.getConsistency()).contains(Consistency.QUORUM);
    assertThat(b.getTimestamp()).hasValue(99);
    assertThat(b.getKeyspace()).isEmpty();
    assertThat(b.setKeyspace("ks1").setNowInSeconds(7).getKeyspace()).contains("ks1");
    assertThat(b.getNowInSeconds()).hasValue(7);
    assertThat(BatchType.COUNTER.code()).isEqualTo(2);
  }
}
