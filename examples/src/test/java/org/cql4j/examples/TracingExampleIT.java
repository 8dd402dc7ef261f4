package org.cql4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.cql4j.session.Session;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.TestCluster;
import org.junit.jupiter.api.Test;

@CassandraTest
class TracingExampleIT {

  @Test
  void readsCompleteTraces(TestCluster cassandra) {
    try (Session session = Session.builder().knownNodes(cassandra.contactPoints()).build()) {
      TracingExample.Outcome outcome = TracingExample.run(session);

      assertThat(outcome.select().isComplete()).isTrue();
      assertThat(outcome.select().events()).isNotEmpty();
      assertThat(outcome.select().parameters()).containsKey("consistency_level");
      assertThat(outcome.lines()).hasSizeGreaterThan(1);
      assertThat(outcome.batch().isComplete()).isTrue();
      assertThat(outcome.pages()).doesNotHaveDuplicates().hasSize(2);
      assertThat(outcome.untraced()).isFalse();
    }
  }
}
