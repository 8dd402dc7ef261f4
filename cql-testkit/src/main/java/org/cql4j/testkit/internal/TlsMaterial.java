package org.cql4j.testkit.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Generates a self-signed server keystore and the matching client truststore with {@code keytool},
 * and for mutual TLS a client keystore and the node truststore that trusts it; stateless and
 * thread-safe.
 *
 * <p>The node certificate names every node address as an IP subject alternative name (and {@code
 * localhost}), so clients can verify hostnames against it. The client certificate is self-signed
 * too: the nodes trust exactly that certificate.
 */
public final class TlsMaterial {
  /** The password of both stores; they protect throwaway test keys only. */
  public static final String PASSWORD = "cql4j-testkit";

  /** The store type of both stores. */
  public static final String STORE_TYPE = "PKCS12";

  private TlsMaterial() {}

  /**
   * Where the generated files are.
   *
   * @param keystore the nodes' key and certificate
   * @param truststore for clients: trusts the nodes' certificate
   * @param clientKeystore the client's key and certificate, or null without client certificates
   * @param nodeTruststore for the nodes: trusts the client's certificate, or null without client
   *     certificates
   */
  public record Stores(Path keystore, Path truststore, Path clientKeystore, Path nodeTruststore) {

    /** Whether the nodes require the client certificate (mutual TLS). */
    public boolean clientCertificates() {
      return nodeTruststore != null;
    }
  }

  /**
   * Generates the stores for server-side TLS only, in a folder.
   *
   * @param folder where to write {@code server.p12}, {@code node.crt} and {@code truststore.p12}
   * @param javaHome the JDK whose {@code keytool} to run
   * @param addresses the node IP addresses to put in the certificate
   * @return the paths of the keystore (for the nodes) and the truststore (for clients)
   * @throws IllegalStateException if keytool fails, with its output
   */
  public static Stores generate(Path folder, Path javaHome, List<String> addresses) {
    return generate(folder, javaHome, addresses, false);
  }

  /**
   * Generates the stores in a folder, with the client's when the nodes require client certificates.
   *
   * @param folder where to write {@code server.p12}, {@code node.crt}, {@code truststore.p12} and
   *     with client certificates {@code client.p12}, {@code client.crt} and {@code
   *     node-truststore.p12}
   * @param javaHome the JDK whose {@code keytool} to run
   * @param addresses the node IP addresses to put in the certificate
   * @param clientCertificates whether to generate the client's key and the nodes' truststore
   * @return the paths of the stores
   * @throws IllegalStateException if keytool fails, with its output
   */
  public static Stores generate(
      Path folder, Path javaHome, List<String> addresses, boolean clientCertificates) {
    Path keystore = folder.resolve("server.p12");
    Path certificate = folder.resolve("node.crt");
    Path truststore = folder.resolve("truststore.p12");
    String san =
        addresses.stream().map(a -> "IP:" + a).collect(Collectors.joining(",")) + ",DNS:localhost";
    try {
      Files.createDirectories(folder);
      keypair(javaHome, folder, keystore, "node", "CN=" + addresses.get(0), "-ext", "SAN=" + san);
      trust(javaHome, folder, keystore, "node", certificate, truststore);
      if (!clientCertificates) {
        return new Stores(keystore, truststore, null, null);
      }
      Path clientKeystore = folder.resolve("client.p12");
      Path clientCertificate = folder.resolve("client.crt");
      Path nodeTruststore = folder.resolve("node-truststore.p12");
      keypair(javaHome, folder, clientKeystore, "client", "CN=cql4j-testkit-client");
      trust(javaHome, folder, clientKeystore, "client", clientCertificate, nodeTruststore);
      return new Stores(keystore, truststore, clientKeystore, nodeTruststore);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot generate TLS stores in " + folder + ": " + e, e);
    }
  }

  /**
   * Generates a client key and a self-signed certificate that no node trusts, for tests of a
   * rejected client certificate.
   *
   * @param folder where to write {@code untrusted-client.p12}
   * @param javaHome the JDK whose {@code keytool} to run
   * @return the path of the PKCS12 keystore, protected by {@link #PASSWORD}
   * @throws IllegalStateException if keytool fails, with its output
   */
  public static Path untrustedClient(Path folder, Path javaHome) {
    Path keystore = folder.resolve("untrusted-client.p12");
    try {
      Files.createDirectories(folder);
      keypair(javaHome, folder, keystore, "client", "CN=cql4j-testkit-untrusted-client");
    } catch (IOException e) {
      throw new IllegalStateException("Cannot generate a client key in " + folder + ": " + e, e);
    }
    return keystore;
  }

  /** Generates a key pair with a self-signed certificate in {@code keystore}. */
  private static void keypair(
      Path javaHome,
      Path folder,
      Path keystore,
      String alias,
      String distinguishedName,
      String... extensions)
      throws IOException {
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "-genkeypair",
                "-alias",
                alias,
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "3650",
                "-dname",
                distinguishedName,
                "-keystore",
                keystore.toString(),
                "-storetype",
                STORE_TYPE,
                "-storepass",
                PASSWORD,
                "-keypass",
                PASSWORD));
    arguments.addAll(List.of(extensions));
    keytool(javaHome, folder, arguments.toArray(String[]::new));
  }

  /** Exports the certificate of {@code alias} and imports it into {@code truststore}. */
  private static void trust(
      Path javaHome, Path folder, Path keystore, String alias, Path certificate, Path truststore)
      throws IOException {
    keytool(
        javaHome,
        folder,
        "-exportcert",
        "-alias",
        alias,
        "-keystore",
        keystore.toString(),
        "-storepass",
        PASSWORD,
        "-rfc",
        "-file",
        certificate.toString());
    keytool(
        javaHome,
        folder,
        "-importcert",
        "-noprompt",
        "-alias",
        alias,
        "-file",
        certificate.toString(),
        "-keystore",
        truststore.toString(),
        "-storetype",
        STORE_TYPE,
        "-storepass",
        PASSWORD);
  }

  private static void keytool(Path javaHome, Path folder, String... arguments) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(javaHome.resolve("bin").resolve("keytool").toString());
    command.addAll(List.of(arguments));
    Path output = folder.resolve("keytool.log");
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("keytool " + arguments[0] + " did not finish within 60 s");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while running keytool", e);
    }
    if (process.exitValue() != 0) {
      throw new IOException(
          "keytool "
              + arguments[0]
              + " exited with "
              + process.exitValue()
              + ": "
              + Files.readString(output, StandardCharsets.UTF_8));
    }
  }
}
