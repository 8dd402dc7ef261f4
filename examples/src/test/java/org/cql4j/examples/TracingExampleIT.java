package org.cql4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.cql4j.session.Session;
import org.cql4j.session.observability.StructuredHistory;
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

  @Test
  void aListenerSeesEveryRequestAndACollectorEveryAttempt(TestCluster cassandra) {
    TracingExample.Listened listened =
        TracingExample.listen(cassandra.contactPoints(), Duration.ZERO);

    assertThat(listened.failed()).isEqualTo(1); // the SELECT of an unknown column
    // two CREATEs and the look-up: the session's own queries (topology, schema) are not reported
    assertThat(listened.succeeded()).isEqualTo(3);
    assertThat(listened.attempts()).isEqualTo(listened.succeeded() + listened.failed());
    assertThat(listened.slow()) // every request, as the threshold is zero
        .hasSize((int) listened.succeeded())
        .anyMatch(
            line ->
                line.startsWith(
                    "QUERY SELECT id, total FROM examples.orders WHERE customer = 7 took "));

    StructuredHistory.RequestHistory request =
        listened.history().requests().stream().reduce((a, b) -> b).orElseThrow();
    assertThat(listened.history().requests()).hasSize(1);
    assertThat(request.result()).hasValueSatisfying(o -> assertThat(o.isSuccess()).isTrue());
    assertThat(request.speculativeFibers()).isEmpty();
    assertThat(request.firstFiber().attempts())
        .singleElement()
        .satisfies(a -> assertThat(a.node().toString()).contains(cassandra.firstContactPoint()));
    assertThat(listened.history().toString())
        .startsWith("Request #0 (")
        .contains("| non-speculative fiber (")
        .contains("| | attempt to ")
        .contains("| request succeeded");
  }
}
