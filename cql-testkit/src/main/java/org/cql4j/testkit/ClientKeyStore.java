package org.cql4j.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Objects;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.cql4j.testkit.internal.TlsMaterial;

/**
 * A client's private key and certificate, for test nodes that require client certificates (mutual
 * TLS); immutable and thread-safe.
 *
 * <p>Nodes started with {@link CassandraNodeBuilder#requireClientCertificates(boolean)} (or
 * {@code @CassandraTest(clientCertificates = true)}) trust the certificate of {@link
 * CassandraNode#clientKeyStore()}; {@link TrustStore#sslContext(ClientKeyStore)} builds the
 * client's context from both stores. {@link #untrusted(Path)} makes a key no node trusts.
 *
 * @param path the PKCS12 file holding the key and its certificate
 * @param password the password of the file and of the key
 * @param type the store type, {@code PKCS12}
 */
public record ClientKeyStore(Path path, String password, String type) {

  /** Checks the components are present. */
  public ClientKeyStore {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(type, "type");
  }

  /**
   * Generates a client key with a self-signed certificate that no test node trusts, with the {@code
   * keytool} of the running JVM: a node that requires client certificates refuses the handshake of
   * a client presenting it.
   *
   * @param folder where to write the store ({@code untrusted-client.p12}); created if missing
   * @return the store
   * @throws IllegalStateException if keytool fails
   */
  public static ClientKeyStore untrusted(Path folder) {
    Path javaHome = Path.of(System.getProperty("java.home"));
    return new ClientKeyStore(
        TlsMaterial.untrustedClient(folder, javaHome),
        TlsMaterial.PASSWORD,
        TlsMaterial.STORE_TYPE);
  }

  /**
   * The key managers that present this key and certificate, for {@link SSLContext#init}.
   *
   * @return the key managers of the JDK's default algorithm
   * @throws IllegalStateException if the store cannot be read
   */
  public KeyManager[] keyManagers() {
    try (InputStream in = Files.newInputStream(path)) {
      KeyStore store = KeyStore.getInstance(type);
      store.load(in, password.toCharArray());
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, password.toCharArray());
      return keys.getKeyManagers();
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("Cannot load the client keystore " + path + ": " + e, e);
    }
  }
}
