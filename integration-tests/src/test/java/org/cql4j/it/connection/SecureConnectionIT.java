package org.cql4j.it.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cql4j.it.connection.ItSupport.TIMEOUT;
import static org.cql4j.it.connection.ItSupport.address;
import static org.cql4j.it.connection.ItSupport.await;
import static org.cql4j.it.connection.ItSupport.column;
import static org.cql4j.it.connection.ItSupport.query;

import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.cql4j.session.auth.PlainTextAuthProvider;
import org.cql4j.session.errors.AuthenticationException;
import org.cql4j.session.errors.ConnectionException;
import org.cql4j.session.internal.connection.Connection;
import org.cql4j.session.internal.connection.ConnectionConfig;
import org.cql4j.session.internal.connection.ConnectionFactory;
import org.cql4j.session.internal.connection.Transport;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** TLS and password authentication against one node that requires both. */
@CassandraTest(passwordAuthentication = true, clientTls = true)
class SecureConnectionIT {
  private static Transport transport;
  private static ConnectionFactory factory;
  private static TestCluster cluster;

  @BeforeAll
  static void setUp(TestCluster cassandra) {
    cluster = cassandra;
    transport = Transport.create(Transport.Kind.NIO, 1);
    factory = new ConnectionFactory(transport);
  }

  @AfterAll
  static void tearDown() {
    transport.close();
  }

  private static ConnectionConfig.Builder config() {
    return ConnectionConfig.builder(address(cluster.firstContactPoint()))
        .tls(cluster.clientTrustStore().orElseThrow().sslContext(), true)
        .connectTimeout(Duration.ofSeconds(5));
  }

  private static PlainTextAuthProvider login() {
    return new PlainTextAuthProvider(
        cluster.username().orElseThrow(), cluster.password().orElseThrow());
  }

  @Test
  void logsInOverTlsWithHostnameVerification() throws Exception {
    Connection connection = await(factory.connect(config().authProvider(login()).build()));
    try {
      assertThat(
              column(
                  await(
                      connection.send(query("SELECT release_version FROM system.local"), TIMEOUT)),
                  String.class))
          .hasSize(1);
    } finally {
      await(connection.close());
    }
  }

  @Test
  void wrongPasswordIsAnAuthenticationExceptionQuickly() {
    long start = System.nanoTime();
    assertThatThrownBy(
            () ->
                await(
                    factory.connect(
                        config()
                            .authProvider(
                                new PlainTextAuthProvider(
                                    cluster.username().orElseThrow(), "wrong"))
                            .build())))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("rejected user '" + cluster.username().orElseThrow() + "'")
        .hasMessageContaining("incorrect");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void missingCredentialsAreAnAuthenticationException() {
    assertThatThrownBy(() -> await(factory.connect(config().build())))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("requires authentication");
  }

  @Test
  void plaintextAgainstTheTlsPortFailsClearlyAndFast() {
    long start = System.nanoTime();
    assertThatThrownBy(
            () ->
                await(
                    factory.connect(
                        ConnectionConfig.builder(address(cluster.firstContactPoint()))
                            .authProvider(login())
                            .connectTimeout(Duration.ofSeconds(5))
                            .build())))
        .isInstanceOf(ConnectionException.class)
        .hasMessageContaining("during the handshake (at OPTIONS)")
        .hasMessageContaining("if the server requires TLS, configure an SSLContext");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
  }

  @Test
  void untrustedCertificateFailsWithTheSslExceptionAsCause() throws Exception {
    SSLContext jdkDefaults = SSLContext.getInstance("TLS");
    jdkDefaults.init(null, null, null);
    assertThatThrownBy(
            () ->
                await(
                    factory.connect(
                        config().tls(jdkDefaults, false).authProvider(login()).build())))
        .isInstanceOf(ConnectionException.class)
        .hasMessageContaining("TLS")
        .hasCauseInstanceOf(SSLException.class);
  }
}
