package org.cql4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.cql4j.protocol.Consistency;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.TestCluster;
import org.junit.jupiter.api.Test;

@CassandraTest
class ExecutionProfilesExampleIT {

  @Test
  void statementBeatsHandleBeatsSessionDefault(TestCluster cassandra) {
    assertThat(ExecutionProfilesExample.run(cassandra.contactPoints()))
        .isEqualTo(new ExecutionProfilesExample.Outcome("LOCAL_QUORUM", "ONE", "ALL", "ONE"));
  }

  @Test
  void remapsLikeTheRustDriverDocs(TestCluster cassandra) {
    assertThat(ExecutionProfilesExample.remapping(cassandra.contactPoints()))
        .containsExactly(Consistency.TWO, Consistency.ONE, Consistency.ONE);
  }
}
