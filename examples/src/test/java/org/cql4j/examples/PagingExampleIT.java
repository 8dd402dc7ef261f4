package org.cql4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.cql4j.examples.PagingExample.Item;
import org.cql4j.session.Session;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.TestCluster;
import org.junit.jupiter.api.Test;

@CassandraTest
class PagingExampleIT {

  @Test
  void readsTheRowsInPagesOfTen(TestCluster cassandra) {
    try (Session session = Session.builder().knownNodes(cassandra.contactPoints()).build()) {
      PagingExample.Outcome outcome = PagingExample.run(session);

      List<Item> all =
          IntStream.rangeClosed(1, 25).mapToObj(i -> new Item(i, "item " + i)).toList();
      assertThat(outcome.pageSizes()).containsExactly(10, 10, 5);
      assertThat(outcome.resumed()).isEqualTo(new Item(11, "item 11"));
      assertThat(outcome.iterated()).isEqualTo(all);
      assertThat(outcome.streamed()).isEqualTo(all);
    }
  }
}
