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
 * Generates a self-signed server keystore and the matching client truststore with {@code keytool};
 * stateless and thread-safe.
 *
 * <p>The certificate names every node address as an IP subject alternative name (and {@code
 * localhost}), so clients can verify hostnames against it.
 */
public final class TlsMaterial {
  /** The password of both stores; they protect throwaway test keys only. */
  public static final String PASSWORD = "cql4j-testkit";

  /** The store type of both stores. */
  public static final String STORE_TYPE = "PKCS12";

  private TlsMaterial() {}

  /** Where the generated files are. */
  public record Stores(Path keystore, Path truststore) {}

  /**
   * Generates the stores in a folder.
   *
   * @param folder where to write {@code server.p12}, {@code node.crt} and {@code truststore.p12}
   * @param javaHome the JDK whose {@code keytool} to run
   * @param addresses the node IP addresses to put in the certificate
   * @return the paths of the keystore (for the nodes) and the truststore (for clients)
   * @throws IllegalStateException if keytool fails, with its output
   */
  public static Stores generate(Path folder, Path javaHome, List<String> addresses) {
    Path keystore = folder.resolve("server.p12");
    Path certificate = folder.resolve("node.crt");
    Path truststore = folder.resolve("truststore.p12");
    String san =
        addresses.stream().map(a -> "IP:" + a).collect(Collectors.joining(",")) + ",DNS:localhost";
    try {
      Files.createDirectories(folder);
      keytool(
          javaHome,
          folder,
          "-genkeypair",
          "-alias",
          "node",
          "-keyalg",
          "RSA",
          "-keysize",
          "2048",
          "-validity",
          "3650",
          "-dname",
          "CN=" + addresses.get(0),
          "-ext",
          "SAN=" + san,
          "-keystore",
          keystore.toString(),
          "-storetype",
          STORE_TYPE,
          "-storepass",
          PASSWORD,
          "-keypass",
          PASSWORD);
      keytool(
          javaHome,
          folder,
          "-exportcert",
          "-alias",
          "node",
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
          "node",
          "-file",
          certificate.toString(),
          "-keystore",
          truststore.toString(),
          "-storetype",
          STORE_TYPE,
          "-storepass",
          PASSWORD);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot generate TLS stores in " + folder + ": " + e, e);
    }
    return new Stores(keystore, truststore);
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
