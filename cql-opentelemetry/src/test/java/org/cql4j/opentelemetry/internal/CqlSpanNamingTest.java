package org.cql4j.opentelemetry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.cql4j.protocol.Consistency;
import org.cql4j.session.policy.RoutingInfo;
import org.junit.jupiter.api.Test;

class CqlSpanNamingTest {

  @Test
  void theOperationIsTheFirstKeywordInUpperCase() {
    assertThat(CqlSpanNaming.operationName("select * from t")).isEqualTo("SELECT");
    assertThat(CqlSpanNaming.operationName("  INSERT INTO t (a) VALUES (?)")).isEqualTo("INSERT");
    assertThat(CqlSpanNaming.operationName("Update t SET a = 1")).isEqualTo("UPDATE");
    assertThat(CqlSpanNaming.operationName("-- why\n/* what */ // how\n DELETE FROM t"))
        .isEqualTo("DELETE");
    assertThat(CqlSpanNaming.operationName("BEGIN UNLOGGED BATCH INSERT ...")).isEqualTo("BATCH");
    assertThat(CqlSpanNaming.operationName("CREATE TABLE t (a int)")).isEqualTo("CREATE");
    assertThat(CqlSpanNaming.operationName("TRUNCATE t")).isEqualTo("TRUNCATE");
  }

  @Test
  void anUnknownFirstWordGivesNoOperation() {
    assertThat(CqlSpanNaming.operationName("SELECTED things")).isNull();
    assertThat(CqlSpanNaming.operationName("hello")).isNull();
    assertThat(CqlSpanNaming.operationName("(1)")).isNull();
    assertThat(CqlSpanNaming.operationName("")).isNull();
    assertThat(CqlSpanNaming.operationName("/* unterminated")).isNull();
    assertThat(CqlSpanNaming.operationName((String) null)).isNull();
  }

  @Test
  void theSpanNameNamesWhatIsKnown() {
    assertThat(CqlSpanNaming.spanName("SELECT", routing("ks", "t"))).isEqualTo("SELECT ks.t");
    assertThat(CqlSpanNaming.spanName("SELECT", routing("ks", null))).isEqualTo("SELECT ks");
    assertThat(CqlSpanNaming.spanName("SELECT", routing(null, "t"))).isEqualTo("SELECT t");
    assertThat(CqlSpanNaming.spanName("SELECT", routing(null, null))).isEqualTo("SELECT");
    assertThat(CqlSpanNaming.spanName(null, routing("ks", "t"))).isEqualTo("ks.t");
    assertThat(CqlSpanNaming.spanName(null, routing(null, null))).isEqualTo("cassandra");
  }

  @Test
  void consistencyLevelsAreLowerCase() {
    assertThat(CqlSpanNaming.consistencyLevel(Consistency.LOCAL_QUORUM)).isEqualTo("local_quorum");
    assertThat(CqlSpanNaming.consistencyLevel(Consistency.EACH_QUORUM)).isEqualTo("each_quorum");
    assertThat(CqlSpanNaming.consistencyLevel(Consistency.ONE)).isEqualTo("one");
  }

  private static RoutingInfo routing(String keyspace, String table) {
    return RoutingInfo.withoutToken(keyspace, table, Consistency.ONE, null, false);
  }
}
