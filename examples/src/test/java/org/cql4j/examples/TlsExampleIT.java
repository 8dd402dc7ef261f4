package org.cql4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.cql4j.session.Session;
import org.cql4j.session.errors.ConnectionException;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.TestCluster;
import org.cql4j.testkit.TrustStore;
import org.junit.jupiter.api.Test;

@CassandraTest(clientTls = true)
class TlsExampleIT {

  @Test
  void connectsWithTheTrustStoreAndVerifiesTheHostName(TestCluster cassandra) {
    TrustStore trustStore = cassandra.clientTrustStore().orElseThrow();
    SSLContext sslContext = TlsExample.sslContext(trustStore.path(), trustStore.password());
    try (Session session = TlsExample.connect(cassandra.firstContactPoint(), sslContext)) {
      assertThat(
              session
                  .queryUnpaged("SELECT release_version FROM system.local")
                  .intoRowsResult()
                  .singleRow(String.class))
          .startsWith("5.");
    }
  }

  @Test
  void failsWithinTheConnectTimeoutWithoutTls(TestCluster cassandra) {
    assertThatThrownBy(
            () ->
                Session.builder()
                    .knownNode(cassandra.firstContactPoint())
                    .connectTimeout(Duration.ofSeconds(2))
                    .build())
        .isInstanceOf(ConnectionException.class)
        .hasMessageContaining(cassandra.firstContactPoint());
  }

  @Test
  void refusesAServerItDoesNotTrust(TestCluster cassandra) throws Exception {
    SSLContext trustsOnlyPublicCas = SSLContext.getDefault();
    assertThatThrownBy(
            () ->
                Session.builder()
                    .knownNode(cassandra.firstContactPoint())
                    .tls(trustsOnlyPublicCas)
                    .connectTimeout(Duration.ofSeconds(2))
                    .build())
        .isInstanceOf(ConnectionException.class)
        .hasCauseInstanceOf(javax.net.ssl.SSLException.class);
  }
}
