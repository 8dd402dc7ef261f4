package org.cql4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.cql4j.session.Session;
import org.cql4j.session.statement.PreparedStatement;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.TestCluster;
import org.junit.jupiter.api.Test;

@CassandraTest
class TimeoutsExampleIT {

  @Test
  void answersInTime(TestCluster cassandra) {
    try (Session session = TimeoutsExample.connect(cassandra.contactPoints())) {
      TimeoutsExample.setUp(session);
      PreparedStatement lookUp = TimeoutsExample.prepareLookUp(session);
      assertThat(TimeoutsExample.lookUp(session, lookUp, 1)).isEqualTo("Ann");
    }
  }

  @Test
  void timesOutWhenTheNodeDoesNotAnswer(TestCluster cassandra) throws Exception {
    try (FreezableProxy proxy = new FreezableProxy(cassandra.firstContactPoint());
        Session session = TimeoutsExample.connect(List.of(proxy.contactPoint()))) {
      TimeoutsExample.setUp(session);
      PreparedStatement lookUp = TimeoutsExample.prepareLookUp(session);
      assertThat(TimeoutsExample.lookUp(session, lookUp, 1)).isEqualTo("Ann");

      proxy.freeze(true);
      long start = System.nanoTime();
      String answer = TimeoutsExample.lookUp(session, lookUp, 1);
      long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
      proxy.freeze(false);

      assertThat(answer).startsWith("no answer: ").contains("timed out after 500 ms");
      assertThat(elapsedMillis).isBetween(400L, 1_900L); // the statement's 500 ms, not 2 s
      // the late answer is dropped and the connection keeps working
      assertThat(TimeoutsExample.lookUp(session, lookUp, 1)).isEqualTo("Ann");
    }
  }
}
