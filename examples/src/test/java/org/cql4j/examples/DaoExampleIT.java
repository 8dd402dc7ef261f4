package org.cql4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.cql4j.examples.DaoExample.Product;
import org.cql4j.session.Session;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.TestCluster;
import org.junit.jupiter.api.Test;

@CassandraTest
class DaoExampleIT {

  @Test
  void savesReadsAndRepricesThroughTheGeneratedDao(TestCluster cassandra) {
    try (Session session = Session.builder().knownNodes(cassandra.contactPoints()).build()) {
      DaoExample.Outcome outcome = DaoExample.run(session);

      UUID id = UUID.fromString("6f1c2a8e-0d3b-4c1e-9a57-2b9d4f0e8c11");
      assertThat(outcome)
          .isEqualTo(
              new DaoExample.Outcome(
                  Optional.of(new Product(id, "kettle", 2_999)),
                  Optional.of("kettle"),
                  true,
                  false,
                  List.of(new Product(id, "kettle", 2_499))));
    }
  }
}
