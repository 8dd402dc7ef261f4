package org.cql4j.examples;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.cql4j.session.Session;
import org.cql4j.testkit.TrustStore;

/**
 * Connects over TLS, trusting the server certificates of a PKCS12 truststore, and for mutual TLS
 * presenting a client certificate from a PKCS12 keystore.
 */
public final class TlsExample {
  private TlsExample() {}

  /**
   * Runs the example against a node started with client TLS (and its generated certificate).
   *
   * @param args unused
   */
  public static void main(String[] args) {
    Examples.withNode(
        node -> node.clientTls(true),
        node -> {
          TrustStore trustStore = node.clientTrustStore().orElseThrow();
          SSLContext sslContext = sslContext(trustStore.path(), trustStore.password());
          try (Session session = connect(node.contactPoint(), sslContext)) {
            System.out.println("Connected over TLS to " + session.getClusterState().nodes());
          }
        });
  }

  /**
   * Opens a session over TLS.
   *
   * @param contactPoint the node
   * @param sslContext the client context
   * @return the session
   */
  public static Session connect(String contactPoint, SSLContext sslContext) {
    // tag::connect[]
    Session session =
        Session.builder()
            .knownNode(contactPoint)
            .tls(sslContext, true) // true: check the node's address against its certificate
            .build();
    // end::connect[]
    return session;
  }

  /**
   * Builds a client TLS context for mutual TLS: it trusts the servers of a truststore and presents
   * the client certificate of a keystore.
   *
   * @param trustStore a PKCS12 file holding the certificates (or CA) to trust
   * @param trustStorePassword its password
   * @param keyStore a PKCS12 file holding the client's private key and certificate
   * @param keyStorePassword its password, which is also the key's
   * @return the context
   */
  public static SSLContext mutualTlsContext(
      Path trustStore, String trustStorePassword, Path keyStore, String keyStorePassword) {
    // tag::mutual-tls[]
    try (InputStream trustIn = Files.newInputStream(trustStore);
        InputStream keyIn = Files.newInputStream(keyStore)) {
      KeyStore trusted = KeyStore.getInstance("PKCS12");
      trusted.load(trustIn, trustStorePassword.toCharArray());
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      KeyStore client = KeyStore.getInstance("PKCS12"); // the client's key and certificate
      client.load(keyIn, keyStorePassword.toCharArray());
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(client, keyStorePassword.toCharArray());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot load " + trustStore + " or " + keyStore, e);
    }
    // end::mutual-tls[]
  }

  /**
   * Builds a client TLS context from a truststore file, with the JDK's own API.
   *
   * @param trustStore a PKCS12 file holding the certificates (or CA) to trust
   * @param password its password
   * @return the context
   */
  // tag::ssl-context[]
  public static SSLContext sslContext(Path trustStore, String password) {
    try (InputStream in = Files.newInputStream(trustStore)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password.toCharArray());
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null); // add key managers for client certs
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot load the truststore " + trustStore, e);
    }
  }
  // end::ssl-context[]
}
