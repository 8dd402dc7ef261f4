package org.cql4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.cql4j.session.Session;
import org.cql4j.session.errors.AuthenticationException;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.TestCluster;
import org.junit.jupiter.api.Test;

@CassandraTest(passwordAuthentication = true)
class AuthenticationExampleIT {

  @Test
  void logsInAndCreatesARoleThatCanLogIn(TestCluster cassandra) {
    String contactPoint = cassandra.firstContactPoint();
    try (Session session =
        AuthenticationExample.connect(
            contactPoint, cassandra.username().orElseThrow(), cassandra.password().orElseThrow())) {
      assertThat(AuthenticationExample.loginAsNewRole(contactPoint, session)).startsWith("5.");
    }
  }

  @Test
  void refusesAWrongPassword(TestCluster cassandra) {
    assertThat(AuthenticationExample.wrongPassword(cassandra.firstContactPoint()))
        .contains(cassandra.firstContactPoint());
  }

  @Test
  void refusesASessionWithoutCredentials(TestCluster cassandra) {
    assertThatThrownBy(() -> Session.builder().knownNode(cassandra.firstContactPoint()).build())
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("user(");
  }
}
