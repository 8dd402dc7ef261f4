package org.cql4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.cql4j.session.Session;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.TestCluster;
import org.junit.jupiter.api.Test;

@CassandraTest
class LwtExampleIT {

  @Test
  void appliesEachConditionOnlyOnce(TestCluster cassandra) {
    try (Session session = Session.builder().knownNodes(cassandra.contactPoints()).build()) {
      LwtExample.Outcome outcome = LwtExample.run(session);

      assertThat(outcome)
          .isEqualTo(new LwtExample.Outcome(true, false, "user-1", true, false, "ada@new.example"));
    }
  }
}
