package org.cql4j.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeFilesTest {

  private static NodeSettings settings(boolean auth, Map<String, String> extra) {
    return settings(auth, null, extra);
  }

  private static NodeSettings settings(
      boolean auth, TlsMaterial.Stores tls, Map<String, String> extra) {
    return new NodeSettings(
        ServerVersion.V5_0,
        "c",
        "127.0.0.7",
        9142,
        7001,
        "1G",
        auth,
        tls,
        List.of("127.0.0.1:7001"),
        true,
        extra,
        List.of(),
        Path.of("/tmp/n"),
        Path.of("/jdk"),
        Duration.ofMinutes(1),
        Duration.ofSeconds(1));
  }

  @Test
  void writesTheRequiredKeysAddressesAndPorts() {
    String yaml = NodeFiles.render(NodeFiles.yamlSettings(settings(false, Map.of())));

    assertThat(yaml)
        .contains("commitlog_sync: periodic\n", "partitioner: ", "endpoint_snitch: SimpleSnitch\n")
        .contains("listen_address: 127.0.0.7\n", "rpc_address: 127.0.0.7\n")
        .contains("native_transport_port: 9142\n", "storage_port: 7001\n")
        .contains("      - seeds: \"127.0.0.1:7001\"\n")
        .contains("auto_bootstrap: false\n")
        .contains("materialized_views_enabled: true\n")
        .doesNotContain("authenticator");
  }

  @Test
  void turnsOnAuthenticationAndLetsCallerSettingsWin() {
    String yaml =
        NodeFiles.render(
            NodeFiles.yamlSettings(
                settings(
                    true, Map.of("num_tokens", "4", "user_defined_functions_enabled", "true"))));

    assertThat(yaml)
        .contains("authenticator: PasswordAuthenticator\n", "authorizer: CassandraAuthorizer\n")
        .contains("num_tokens: 4\n", "user_defined_functions_enabled: true\n")
        .doesNotContain("num_tokens: 16");
  }

  @Test
  void requiresTlsAndWithClientCertificatesTrustsTheClientCertificate() {
    Path tls = Path.of("/tmp/tls");
    TlsMaterial.Stores serverOnly =
        new TlsMaterial.Stores(
            tls.resolve("server.p12"), tls.resolve("truststore.p12"), null, null);
    TlsMaterial.Stores mutual =
        new TlsMaterial.Stores(
            tls.resolve("server.p12"),
            tls.resolve("truststore.p12"),
            tls.resolve("client.p12"),
            tls.resolve("node-truststore.p12"));

    String plain = NodeFiles.render(NodeFiles.yamlSettings(settings(false, serverOnly, Map.of())));
    String withCertificates =
        NodeFiles.render(NodeFiles.yamlSettings(settings(false, mutual, Map.of())));

    assertThat(plain)
        .contains("client_encryption_options:\n  enabled: true\n  optional: false\n")
        .contains("  keystore: \"/tmp/tls/server.p12\"\n")
        .doesNotContain("require_client_auth")
        .doesNotContain("truststore");
    assertThat(withCertificates)
        .contains("  store_type: PKCS12\n  require_client_auth: true\n")
        .contains("  truststore: \"/tmp/tls/node-truststore.p12\"\n")
        .contains("  truststore_password: \"cql4j-testkit\"\n");
  }

  @Test
  void findsAJava17RuntimeOrSaysWhereItLooked() {
    Path home = JavaRuntimes.findJava17(null);
    assertThat(JavaRuntimes.featureVersion(home)).contains(17);
    assertThat(JavaRuntimes.javaExecutable(home)).isExecutable();

    Path notAJdk = Path.of("/definitely/not/a/jdk");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> JavaRuntimes.findJava17(notAJdk))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(notAJdk.toString())
        .hasMessageContaining("cql4j.cassandra.javaHome");
  }
}
