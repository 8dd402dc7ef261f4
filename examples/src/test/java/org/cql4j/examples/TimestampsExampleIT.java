package org.cql4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.TestCluster;
import org.junit.jupiter.api.Test;

@CassandraTest
class TimestampsExampleIT {

  @Test
  void writesWithEachKindOfTimestamp(TestCluster cassandra) {
    long before = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    TimestampsExample.Outcome outcome = TimestampsExample.run(cassandra.contactPoints());

    assertThat(outcome.value()).isEqualTo("dark");
    assertThat(outcome.writetime())
        .isEqualTo(ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse("2026-11-21T10:00:00Z")));
    assertThat(outcome.generated()).isEqualTo(1_767_225_600_000_000L);
    assertThat(outcome.serverSide()).isGreaterThanOrEqualTo(before - 5_000_000L);
  }
}
