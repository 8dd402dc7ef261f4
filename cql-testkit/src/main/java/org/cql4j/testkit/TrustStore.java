package org.cql4j.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The truststore that lets clients verify the certificate of test nodes started with client TLS;
 * immutable and thread-safe.
 *
 * <p>Where the nodes also require client certificates, {@link #sslContext(ClientKeyStore)} adds the
 * client's key.
 *
 * @param path the PKCS12 file
 * @param password its password
 * @param type the store type, {@code PKCS12}
 */
public record TrustStore(Path path, String password, String type) {

  /**
   * Builds an {@link SSLContext} that trusts the test nodes' certificate and nothing else.
   *
   * @return a TLS context for clients
   * @throws IllegalStateException if the store cannot be read
   */
  public SSLContext sslContext() {
    return sslContext(null);
  }

  /**
   * Builds an {@link SSLContext} that trusts the test nodes' certificate and presents a client
   * certificate, for nodes that require one (mutual TLS).
   *
   * @param clientKey the client's key and certificate, or null to present none
   * @return a TLS context for clients
   * @throws IllegalStateException if a store cannot be read
   */
  public SSLContext sslContext(ClientKeyStore clientKey) {
    KeyManager[] keys = clientKey == null ? null : clientKey.keyManagers();
    try (InputStream in = Files.newInputStream(path)) {
      KeyStore store = KeyStore.getInstance(type);
      store.load(in, password.toCharArray());
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys, trust.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("Cannot load the truststore " + path + ": " + e, e);
    }
  }
}
