package org.cql4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.cql4j.session.Session;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.TestCluster;
import org.junit.jupiter.api.Test;

@CassandraTest
class ResultsExampleIT {

  @Test
  void readsRowsInEveryWay(TestCluster cassandra) {
    try (Session session = Session.builder().knownNodes(cassandra.contactPoints()).build()) {
      ResultsExample.Outcome outcome = ResultsExample.run(session);

      assertThat(outcome.columns()).hasSize(4);
      assertThat(outcome.columns().get(0)).startsWith("player");
      assertThat(outcome.lines())
          .containsExactly(
              "ann 1200 [1100, 1200] {} 1200", "bob 900 [900] {fast=2} 900", "cy - [] {} null");
      assertThat(outcome.names()).containsExactly("ann", "bob", "cy");
      assertThat(outcome.first()).isEqualTo("ann");
      assertThat(outcome.missing()).isEmpty();
      List<String> errors = outcome.errors();
      assertThat(errors).hasSize(3);
      assertThat(errors.get(0)).contains("singleRow").contains("3 rows");
      assertThat(errors.get(1)).contains("player").contains("Integer");
      assertThat(errors.get(2)).contains("isRows()");
    }
  }
}
