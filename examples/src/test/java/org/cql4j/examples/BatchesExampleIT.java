package org.cql4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.cql4j.examples.BatchesExample.Account;
import org.cql4j.session.Session;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.TestCluster;
import org.junit.jupiter.api.Test;

@CassandraTest
class BatchesExampleIT {

  @Test
  void appliesEveryStatementOfEachBatch(TestCluster cassandra) {
    try (Session session = Session.builder().knownNodes(cassandra.contactPoints()).build()) {
      BatchesExample.Outcome outcome = BatchesExample.run(session);

      assertThat(outcome.accounts())
          .containsExactly(
              new Account(1, "ann", 100), new Account(2, "bob", 50), new Account(3, "cy", 20));
      assertThat(outcome.views()).isEqualTo(Map.of("/home", 2L, "/docs", 3L));
    }
  }
}
