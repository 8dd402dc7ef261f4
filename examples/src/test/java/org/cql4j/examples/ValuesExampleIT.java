package org.cql4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.cql4j.examples.ValuesExample.Address;
import org.cql4j.examples.ValuesExample.Contact;
import org.cql4j.session.Session;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.TestCluster;
import org.junit.jupiter.api.Test;

@CassandraTest
class ValuesExampleIT {

  @Test
  void writesEveryKindOfValues(TestCluster cassandra) {
    try (Session session = Session.builder().knownNodes(cassandra.contactPoints()).build()) {
      ValuesExample.Outcome outcome = ValuesExample.run(session);

      assertThat(outcome.contacts())
          .containsExactly(
              new Contact(1, "Ann B.", "ann@example.com", Set.of("vip")), // email unset
              new Contact(2, "Bob", null, Set.of()), // email null; empty set reads as empty
              new Contact(3, "Cy", "cy@example.com", Set.of("new", "vip")),
              new Contact(4, "Dee", "dee@example.com", Set.of("new", "vip")),
              new Contact(5, "Eve", "eve@example.com", Set.of()));
      assertThat(outcome.wrongType()).contains("id").contains("int").contains("String");
      assertThat(outcome.home()).isEqualTo(new Address("1 Main St", "Springfield"));
      assertThat(outcome.previous()).containsExactly(new Address("2 Old Rd", "Shelbyville"));
    }
  }
}
