package org.cql4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.TestCluster;
import org.junit.jupiter.api.Test;

@CassandraTest
class ErrorsExampleIT {

  @Test
  void tellsTheErrorsApart(TestCluster cassandra) {
    Map<String, String> seen = ErrorsExample.run(cassandra.contactPoints());

    assertThat(seen.get("syntax")).startsWith("syntax error: ");
    assertThat(seen.get("unknown table")).startsWith("invalid: ").contains("nothing");
    assertThat(seen.get("exists")).isEqualTo("already exists: examples.errors");
    assertThat(seen.get("too few replicas"))
        .startsWith("no host available: ")
        .contains("had 1 of 2 replicas alive at TWO");
    assertThat(seen.get("closed")).contains("closed");
  }
}
