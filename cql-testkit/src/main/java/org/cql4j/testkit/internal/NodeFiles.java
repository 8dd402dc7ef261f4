package org.cql4j.testkit.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes a node's cassandra.yaml and logback.xml; stateless and thread-safe.
 *
 * <p>The yaml is the minimal set measured in embedded-cassandra.md §4 (the five required keys,
 * explicit addresses and folders, small memtables), plus authentication, client TLS (with client
 * certificates when asked) and the fast-join setting when asked, then the caller's own settings,
 * which win. Cassandra 4.1 reads the same file: the unit-suffixed names used here ({@code
 * commitlog_sync_period: 10000ms}, {@code memtable_heap_space: 64MiB}, {@code
 * materialized_views_enabled}) arrived in 4.1.
 */
public final class NodeFiles {
  private NodeFiles() {}

  /**
   * Creates the node's folders and writes its configuration files.
   *
   * @param settings the node to configure
   * @return the path of cassandra.yaml
   * @throws IOException if a file cannot be written
   */
  public static Path write(NodeSettings settings) throws IOException {
    Files.createDirectories(settings.confDirectory());
    Files.createDirectories(settings.logDirectory());
    Path yaml = settings.confDirectory().resolve("cassandra.yaml");
    Files.writeString(yaml, render(yamlSettings(settings)));
    Files.writeString(settings.confDirectory().resolve("logback.xml"), LOGBACK);
    return yaml;
  }

  static Map<String, String> yamlSettings(NodeSettings s) {
    Path data = s.directory().resolve("data");
    Map<String, String> yaml = new LinkedHashMap<>();
    yaml.put("cluster_name", quote(s.clusterName()));
    yaml.put("partitioner", "org.apache.cassandra.dht.Murmur3Partitioner");
    yaml.put("num_tokens", "16");
    yaml.put("commitlog_sync", "periodic");
    yaml.put("commitlog_sync_period", "10000ms");
    yaml.put("endpoint_snitch", "SimpleSnitch");
    yaml.put(
        "seed_provider",
        "\n  - class_name: org.apache.cassandra.locator.SimpleSeedProvider"
            + "\n    parameters:"
            + "\n      - seeds: "
            + quote(String.join(",", s.seeds())));
    yaml.put("listen_address", s.address());
    yaml.put("rpc_address", s.address());
    yaml.put("storage_port", Integer.toString(s.storagePort()));
    yaml.put("native_transport_port", Integer.toString(s.nativePort()));
    yaml.put("data_file_directories", "\n  - " + quote(data.resolve("data").toString()));
    yaml.put("commitlog_directory", quote(data.resolve("commitlog").toString()));
    yaml.put("saved_caches_directory", quote(data.resolve("saved_caches").toString()));
    yaml.put("hints_directory", quote(data.resolve("hints").toString()));
    yaml.put("cdc_raw_directory", quote(data.resolve("cdc_raw").toString()));
    yaml.put("memtable_heap_space", "64MiB");
    yaml.put("memtable_offheap_space", "64MiB");
    // off by default since 4.0 (experimental); the driver reads and tests views' metadata
    yaml.put("materialized_views_enabled", "true");
    // off by default; the driver reads and tests functions' and aggregates' metadata
    yaml.put("user_defined_functions_enabled", "true");
    if (s.fastJoin()) {
      yaml.put("auto_bootstrap", "false");
    }
    if (s.passwordAuthentication()) {
      yaml.put("authenticator", "PasswordAuthenticator");
      yaml.put("authorizer", "CassandraAuthorizer");
      yaml.put("role_manager", "CassandraRoleManager");
    }
    if (s.tlsStores() != null) {
      yaml.put(
          "client_encryption_options",
          "\n  enabled: true"
              + "\n  optional: false"
              + "\n  keystore: "
              + quote(s.tlsStores().keystore().toString())
              + "\n  keystore_password: "
              + quote(TlsMaterial.PASSWORD)
              + "\n  store_type: "
              + TlsMaterial.STORE_TYPE
              + clientAuthentication(s.tlsStores()));
    }
    yaml.putAll(s.extraYaml());
    return yaml;
  }

  // the nodes' truststore (one store type for both stores in 4.1 and 5.0) holds the client's
  // certificate; Cassandra then refuses a handshake without a certificate it trusts
  private static String clientAuthentication(TlsMaterial.Stores stores) {
    if (!stores.clientCertificates()) {
      return "";
    }
    return "\n  require_client_auth: true"
        + "\n  truststore: "
        + quote(stores.nodeTruststore().toString())
        + "\n  truststore_password: "
        + quote(TlsMaterial.PASSWORD);
  }

  static String render(Map<String, String> yaml) {
    return yaml.entrySet().stream()
            .map(e -> e.getKey() + ":" + (e.getValue().startsWith("\n") ? "" : " ") + e.getValue())
            .collect(Collectors.joining("\n"))
        + "\n";
  }

  private static String quote(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  // A file appender only: the process output goes to its own file, and DEBUG stays off.
  private static final String LOGBACK =
      """
      <configuration>
        <appender name="FILE" class="ch.qos.logback.core.FileAppender">
          <file>${cassandra.logdir}/system.log</file>
          <encoder>
            <pattern>%-5level [%thread] %date{ISO8601} %F:%L - %msg%n</pattern>
          </encoder>
        </appender>
        <root level="INFO">
          <appender-ref ref="FILE"/>
        </root>
      </configuration>
      """;
}
