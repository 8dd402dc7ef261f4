package org.cql4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.cql4j.examples.Quickstart.Person;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.TestCluster;
import org.junit.jupiter.api.Test;

@CassandraTest
class QuickstartIT {

  @Test
  void writesAndReadsBackThreePeople(TestCluster cassandra) {
    assertThat(Quickstart.run(cassandra.contactPoints()))
        .containsExactlyInAnyOrder(
            new Person(1, "Ada", "London"),
            new Person(2, "Grace", "New York"),
            new Person(3, "Edsger", "Eindhoven"));
  }
}
