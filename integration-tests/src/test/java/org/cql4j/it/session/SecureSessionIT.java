package org.cql4j.it.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.cql4j.session.Session;
import org.cql4j.session.SessionBuilder;
import org.cql4j.session.errors.AuthenticationException;
import org.cql4j.session.errors.ConnectionException;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.TestCluster;
import org.junit.jupiter.api.Test;

/** Sessions against a node that requires TLS and a password. */
@CassandraTest(passwordAuthentication = true, clientTls = true)
class SecureSessionIT {

  private static SessionBuilder tlsBuilder(TestCluster cassandra) {
    return Session.builder()
        .knownNodes(cassandra.contactPoints())
        .tls(cassandra.clientTrustStore().orElseThrow().sslContext(), true)
        .connectTimeout(Duration.ofSeconds(5));
  }

  @Test
  void logsInOverTls(TestCluster cassandra) {
    try (Session session =
        tlsBuilder(cassandra)
            .user(cassandra.username().orElseThrow(), cassandra.password().orElseThrow())
            .build()) {
      assertThat(
              session
                  .queryUnpaged("SELECT role FROM system_auth.roles WHERE role = 'cassandra'")
                  .intoRowsResult()
                  .singleRow(String.class))
          .isEqualTo("cassandra");
      assertThat(session.getClusterState().nodes()).allMatch(node -> node.isUp());
    }
  }

  @Test
  void rejectsAWrongPasswordWithoutHanging(TestCluster cassandra) {
    long start = System.nanoTime();
    assertThatThrownBy(() -> tlsBuilder(cassandra).user("cassandra", "wrong").build())
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("cassandra");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
  }

  @Test
  void rejectsMissingCredentials(TestCluster cassandra) {
    assertThatThrownBy(() -> tlsBuilder(cassandra).build())
        .isInstanceOf(AuthenticationException.class);
  }

  @Test
  void failsWithTheTlsErrorWhenTheServerIsNotTrusted(TestCluster cassandra) throws Exception {
    SSLContext trustsNobody = SSLContext.getInstance("TLS");
    trustsNobody.init(
        null,
        new TrustManager[] {
          new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String a)
                throws CertificateException {
              throw new CertificateException("not trusted");
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String a)
                throws CertificateException {
              throw new CertificateException("not trusted");
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
              return new X509Certificate[0];
            }
          }
        },
        null);
    assertThatThrownBy(
            () ->
                Session.builder()
                    .knownNodes(cassandra.contactPoints())
                    .tls(trustsNobody)
                    .user("cassandra", "cassandra")
                    .build())
        .isInstanceOf(ConnectionException.class)
        .hasRootCauseInstanceOf(CertificateException.class)
        .satisfies(e -> assertThat(hasCause(e, SSLException.class)).isTrue());
  }

  @Test
  void failsWithinTheConnectTimeoutWhenSpeakingPlainTextToATlsPort(TestCluster cassandra) {
    long start = System.nanoTime();
    assertThatThrownBy(
            () ->
                Session.builder()
                    .knownNodes(cassandra.contactPoints())
                    .user("cassandra", "cassandra")
                    .connectTimeout(Duration.ofSeconds(2))
                    .build())
        .isInstanceOf(ConnectionException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
  }

  private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
