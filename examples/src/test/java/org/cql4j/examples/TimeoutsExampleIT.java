package org.cql4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.cql4j.protocol.frame.Opcode;
import org.cql4j.session.Session;
import org.cql4j.session.statement.PreparedStatement;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.CqlProxy;
import org.cql4j.testkit.TestCluster;
import org.cql4j.testkit.proxy.Action;
import org.cql4j.testkit.proxy.Condition;
import org.cql4j.testkit.proxy.Side;
import org.junit.jupiter.api.Test;

@CassandraTest(proxy = true)
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
    CqlProxy proxy = cassandra.proxy().orElseThrow();
    try (Session session = TimeoutsExample.connect(cassandra.contactPoints())) {
      TimeoutsExample.setUp(session);
      PreparedStatement lookUp = TimeoutsExample.prepareLookUp(session);
      assertThat(TimeoutsExample.lookUp(session, lookUp, 1)).isEqualTo("Ann");

      // the node gets the next lookup, but its answer stays in the socket until resumeReading()
      proxy
          .node(1)
          .rules()
          .add(
              Condition.requestOpcode(Opcode.EXECUTE)
                  .and(Condition.table("examples", "customers"))
                  .times(1),
              Action.stopReading(Side.NODE));
      long start = System.nanoTime();
      String answer = TimeoutsExample.lookUp(session, lookUp, 1);
      long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
      proxy.node(1).resumeReading();

      assertThat(answer).startsWith("no answer: ").contains("timed out after 500 ms");
      assertThat(elapsedMillis).isBetween(400L, 1_900L); // the statement's 500 ms, not 2 s
      // the late answer is dropped and the connection keeps working
      assertThat(TimeoutsExample.lookUp(session, lookUp, 1)).isEqualTo("Ann");
    }
  }
}
