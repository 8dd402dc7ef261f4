package org.cql4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.cql4j.session.Session;
import org.cql4j.session.errors.ConnectionException;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.ClientKeyStore;
import org.cql4j.testkit.TestCluster;
import org.cql4j.testkit.TrustStore;
import org.junit.jupiter.api.Test;

@CassandraTest(clientCertificates = true)
class MutualTlsExampleIT {

  @Test
  void connectsPresentingTheClientCertificate(TestCluster cassandra) {
    TrustStore trustStore = cassandra.clientTrustStore().orElseThrow();
    ClientKeyStore keyStore = cassandra.clientKeyStore().orElseThrow();
    SSLContext sslContext =
        TlsExample.mutualTlsContext(
            trustStore.path(), trustStore.password(), keyStore.path(), keyStore.password());
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
  void isRefusedWithoutAClientCertificate(TestCluster cassandra) {
    TrustStore trustStore = cassandra.clientTrustStore().orElseThrow();
    SSLContext withoutKey = TlsExample.sslContext(trustStore.path(), trustStore.password());
    assertThatThrownBy(
            () ->
                Session.builder()
                    .knownNode(cassandra.firstContactPoint())
                    .tls(withoutKey, true)
                    .connectTimeout(Duration.ofSeconds(3))
                    .build())
        .isInstanceOf(ConnectionException.class)
        .hasMessageContaining("the client presented no certificate");
  }
}
