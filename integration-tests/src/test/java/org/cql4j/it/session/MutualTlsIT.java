package org.cql4j.it.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import org.cql4j.protocol.value.CqlRow;
import org.cql4j.session.Session;
import org.cql4j.session.errors.ConnectionException;
import org.cql4j.session.errors.RequestTimeoutException;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.ClientKeyStore;
import org.cql4j.testkit.TestCluster;
import org.cql4j.testkit.TrustStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutual TLS: a node that requires a client certificate ({@code require_client_auth: true}) lets in
 * a session whose {@link SSLContext} presents a certificate it trusts, and refuses one presenting
 * none or one it does not trust, within the connect timeout and with a message that says what the
 * client presented. The session API needs nothing beyond the {@code SSLContext}: its key managers
 * carry the client certificate.
 */
@CassandraTest(clientCertificates = true)
class MutualTlsIT {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
  // a refused handshake must fail within the connect timeout of the attempts build() makes, not
  // hang; generous for a loaded machine, far below a hang
  private static final Duration FAILS_WITHIN = Duration.ofSeconds(15);

  @Test
  void aSessionPresentingTheTrustedCertificateConnectsOverTls(TestCluster cassandra) {
    TrustStore trust = cassandra.clientTrustStore().orElseThrow();
    ClientKeyStore clientKey = cassandra.clientKeyStore().orElseThrow();
    try (Session session =
        Session.builder()
            .knownNodes(cassandra.contactPoints())
            .tls(trust.sslContext(clientKey), true)
            .connectTimeout(CONNECT_TIMEOUT)
            .build()) {
      assertThat(
              session
                  .queryUnpaged("SELECT release_version FROM system.local")
                  .intoRowsResult()
                  .singleRow(String.class))
          .isNotEmpty();

      // the node's own view of its clients: every cql4j connection is encrypted
      List<CqlRow> ours = new ArrayList<>();
      for (CqlRow row :
          session
              .queryUnpaged(
                  "SELECT driver_name, ssl_enabled, ssl_protocol FROM system_views.clients")
              .intoRowsResult()
              .rows(CqlRow.class)) {
        if ("cql4j".equals(row.getString("driver_name"))) {
          ours.add(row);
        }
      }
      assertThat(ours).as("the session's connections in system_views.clients").isNotEmpty();
      assertThat(ours)
          .allSatisfy(
              row -> {
                assertThat(row.getBoolean("ssl_enabled")).isTrue();
                assertThat(row.getString("ssl_protocol")).startsWith("TLS");
              });
    }
  }

  @Test
  void aSessionWithoutAClientCertificateIsRefusedWithTheTlsDiagnosis(TestCluster cassandra) {
    SSLContext trustOnly = cassandra.clientTrustStore().orElseThrow().sslContext();
    assertRefused(cassandra, trustOnly, "the client presented no certificate");
  }

  @Test
  void aSessionWithAnUntrustedClientCertificateIsRefusedWithTheTlsDiagnosis(
      TestCluster cassandra, @TempDir Path folder) {
    // the node's certificate request names the authorities it trusts, and the JDK's key manager
    // presents no certificate from another one: to the node, the same as none
    ClientKeyStore untrusted = ClientKeyStore.untrusted(folder);
    SSLContext context = cassandra.clientTrustStore().orElseThrow().sslContext(untrusted);
    assertRefused(cassandra, context, "the client presented no certificate");
  }

  @Test
  void aSessionPresentingAnUntrustedCertificateAnywayIsRefusedWithTheTlsDiagnosis(
      TestCluster cassandra, @TempDir Path folder) throws Exception {
    ClientKeyStore untrusted = ClientKeyStore.untrusted(folder);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(
        new KeyManager[] {new AlwaysPresent((X509ExtendedKeyManager) untrusted.keyManagers()[0])},
        trustManagers(cassandra.clientTrustStore().orElseThrow()),
        null);
    assertRefused(
        cassandra,
        context,
        "the client presented the certificate CN=cql4j-testkit-untrusted-client; if the server"
            + " requires client certificates (require_client_auth), check that it trusts this one");
  }

  /**
   * {@code build()} fails within the connect timeout with a {@link ConnectionException} that shows
   * the TLS failure: an {@link SSLException} in the cause chain where the client's TLS handshake
   * failed (TLS 1.2), else the message. Under TLS 1.3 the client's side of the TLS handshake
   * completes before the node checks the client's certificate, and Cassandra then closes the
   * connection without a TLS alert, so there is no {@code SSLException} to show: the driver says
   * what it presented instead.
   */
  private static void assertRefused(TestCluster cassandra, SSLContext context, String diagnosis) {
    long start = System.nanoTime();
    assertThatThrownBy(
            () ->
                Session.builder()
                    .knownNodes(cassandra.contactPoints())
                    .tls(context, true)
                    .connectTimeout(CONNECT_TIMEOUT)
                    .build()
                    .close())
        .isInstanceOf(ConnectionException.class)
        .satisfies(
            e -> {
              List<Throwable> chain = causes(e);
              if (chain.stream().noneMatch(SSLException.class::isInstance)) {
                assertThat(e.getMessage())
                    .contains(cassandra.firstContactPoint())
                    .contains("closed by the server during the handshake (at OPTIONS)")
                    .containsPattern("right after the TLSv1\\.[23] handshake")
                    .contains(diagnosis);
              }
              assertThat(chain).noneMatch(RequestTimeoutException.class::isInstance);
            });
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAILS_WITHIN);
  }

  private static TrustManager[] trustManagers(TrustStore trust) throws Exception {
    KeyStore store = KeyStore.getInstance(trust.type());
    try (InputStream in = Files.newInputStream(trust.path())) {
      store.load(in, trust.password().toCharArray());
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    return factory.getTrustManagers();
  }

  // the throwable, its causes and their suppressed exceptions
  private static List<Throwable> causes(Throwable e) {
    List<Throwable> all = new ArrayList<>();
    collect(e, all);
    return all;
  }

  private static void collect(Throwable e, List<Throwable> all) {
    if (e == null || all.contains(e)) {
      return;
    }
    all.add(e);
    for (Throwable suppressed : e.getSuppressed()) {
      collect(suppressed, all);
    }
    collect(e.getCause(), all);
  }

  /** A key manager that presents its certificate whatever authorities the server asks for. */
  private static final class AlwaysPresent extends X509ExtendedKeyManager {
    private final X509ExtendedKeyManager keys;

    AlwaysPresent(X509ExtendedKeyManager keys) {
      this.keys = keys;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
      return "client";
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
      return "client";
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return new String[] {"client"};
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      return keys.getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      return keys.getPrivateKey(alias);
    }
  }
}
