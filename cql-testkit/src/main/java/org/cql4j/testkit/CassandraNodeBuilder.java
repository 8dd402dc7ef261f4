package org.cql4j.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.cql4j.testkit.internal.Folders;
import org.cql4j.testkit.internal.JavaRuntimes;
import org.cql4j.testkit.internal.NodeSettings;
import org.cql4j.testkit.internal.ServerVersion;
import org.cql4j.testkit.internal.TlsMaterial;

/**
 * Configures a {@link CassandraNode}; not thread-safe, use it from one thread and then discard it.
 *
 * <p>Every option has a default that suits one test node on {@code 127.0.0.1:9042}: Cassandra 5.0
 * unless {@link #version(String)} or the {@code cql4j.test.cassandraVersion} system property says
 * 4.1.
 */
public final class CassandraNodeBuilder {
  private ServerVersion version;
  private String clusterName = "cql4j-test";
  private String address = "127.0.0.1";
  private int nativePort = 9042;
  private int storagePort = 7000;
  private String heap = "1G";
  private boolean passwordAuthentication;
  private boolean clientTls;
  private boolean clientCertificates;
  private final Map<String, String> yaml = new LinkedHashMap<>();
  private final List<String> jvmOptions = new ArrayList<>();
  private Path workDirectory = Folders.defaultWorkDirectory();
  private Path javaHome;
  private Duration startTimeout = Duration.ofMinutes(3);
  private Duration stopTimeout = Duration.ofSeconds(20);
  private List<String> seeds;
  private boolean fastJoin;
  private TlsMaterial.Stores tlsStores;

  CassandraNodeBuilder() {}

  /**
   * The Cassandra release line to run: {@code "5.0"} (5.0.9) or {@code "4.1"} (4.1.10); default the
   * {@code cql4j.test.cassandraVersion} system property, else {@code "5.0"}.
   *
   * <p>Each line's jars come from its own classpath file, written by the {@code cassandra-server}
   * or {@code cassandra-server-4.1} module. Both run on Java 17; 4.1, which officially supports
   * Java 8 and 11 only, gets the extra JVM options it needs there.
   *
   * @throws IllegalArgumentException for any other value
   */
  public CassandraNodeBuilder version(String version) {
    this.version = ServerVersion.of(Objects.requireNonNull(version, "version"));
    return this;
  }

  /** The loopback address to listen on; default {@code 127.0.0.1}. Any 127.x.y.z works on Linux. */
  public CassandraNodeBuilder address(String address) {
    this.address = Objects.requireNonNull(address, "address");
    return this;
  }

  /** The CQL port; default 9042. */
  public CassandraNodeBuilder nativePort(int port) {
    this.nativePort = port;
    return this;
  }

  /** The inter-node (gossip) port; default 7000. */
  public CassandraNodeBuilder storagePort(int port) {
    this.storagePort = port;
    return this;
  }

  /** The node's JVM heap, as {@code -Xmx} takes it; default {@code 1G}. */
  public CassandraNodeBuilder heap(String heap) {
    this.heap = Objects.requireNonNull(heap, "heap");
    return this;
  }

  /**
   * Turns PasswordAuthenticator and CassandraAuthorizer on; default off. Log in as {@code
   * cassandra}/{@code cassandra}.
   */
  public CassandraNodeBuilder passwordAuthentication(boolean on) {
    this.passwordAuthentication = on;
    return this;
  }

  /**
   * Requires TLS on the CQL port with a certificate generated for this node; default off. Clients
   * get the matching truststore from {@link CassandraNode#clientTrustStore()}.
   */
  public CassandraNodeBuilder clientTls(boolean on) {
    this.clientTls = on;
    return this;
  }

  /**
   * Requires clients to present a certificate the node trusts (mutual TLS: Cassandra's {@code
   * client_encryption_options.require_client_auth}); default off. Turns {@link #clientTls(boolean)
   * client TLS} on as well. The node trusts one generated client certificate, whose key clients get
   * from {@link CassandraNode#clientKeyStore()}; {@link
   * ClientKeyStore#untrusted(java.nio.file.Path)} makes one it refuses.
   */
  public CassandraNodeBuilder requireClientCertificates(boolean on) {
    this.clientCertificates = on;
    return this;
  }

  /**
   * Sets a cassandra.yaml setting, replacing the default of the same key; none by default.
   *
   * @param key a top-level key, e.g. {@code user_defined_functions_enabled}
   * @param rawYamlValue the value as YAML text, e.g. {@code true}; start it with a line break for a
   *     nested block ({@code "\n - a\n - b"})
   */
  public CassandraNodeBuilder yaml(String key, String rawYamlValue) {
    yaml.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(rawYamlValue, "value"));
    return this;
  }

  /**
   * Adds an option to the node's JVM command line, e.g. {@code -Dcassandra.x=y}; none by default.
   */
  public CassandraNodeBuilder jvmOption(String option) {
    jvmOptions.add(Objects.requireNonNull(option, "option"));
    return this;
  }

  /**
   * The folder under which the node creates its own; default the {@code cql4j.testkit.workDir}
   * system property, else {@code cql4j-testkit} in the temporary folder.
   */
  public CassandraNodeBuilder workDirectory(Path folder) {
    this.workDirectory = Objects.requireNonNull(folder, "folder");
    return this;
  }

  /**
   * The Java 17 runtime to run the node with; by default one is searched for (the {@code
   * cql4j.cassandra.javaHome} property, the running JVM if it is 17, {@code JAVA_HOME}, the usual
   * install folders). Cassandra 5.0 and 4.1 do not start on newer Java.
   */
  public CassandraNodeBuilder javaHome(Path javaHome) {
    this.javaHome = javaHome;
    return this;
  }

  /** How long {@link CassandraNode#start()} waits for the node to answer CQL; default 3 minutes. */
  public CassandraNodeBuilder startTimeout(Duration timeout) {
    this.startTimeout = Objects.requireNonNull(timeout, "timeout");
    return this;
  }

  /** How long {@link CassandraNode#stop()} waits after SIGTERM before SIGKILL; default 20 s. */
  public CassandraNodeBuilder stopTimeout(Duration timeout) {
    this.stopTimeout = Objects.requireNonNull(timeout, "timeout");
    return this;
  }

  /** The cluster name; default {@code cql4j-test}. */
  public CassandraNodeBuilder clusterName(String name) {
    this.clusterName = Objects.requireNonNull(name, "name");
    return this;
  }

  CassandraNodeBuilder seeds(List<String> seeds) {
    this.seeds = List.copyOf(seeds);
    return this;
  }

  CassandraNodeBuilder fastJoin(boolean on) {
    this.fastJoin = on;
    return this;
  }

  CassandraNodeBuilder tlsStores(TlsMaterial.Stores stores) {
    this.tlsStores = stores;
    return this;
  }

  /** Whether the node requires TLS, asked for directly or through client certificates. */
  boolean clientTls() {
    return clientTls || clientCertificates;
  }

  boolean clientCertificates() {
    return clientCertificates;
  }

  /** Copies this builder's options, for the nodes of a cluster. */
  CassandraNodeBuilder copy() {
    CassandraNodeBuilder c = new CassandraNodeBuilder();
    c.version = version;
    c.clusterName = clusterName;
    c.address = address;
    c.nativePort = nativePort;
    c.storagePort = storagePort;
    c.heap = heap;
    c.passwordAuthentication = passwordAuthentication;
    c.clientTls = clientTls;
    c.clientCertificates = clientCertificates;
    c.yaml.putAll(yaml);
    c.jvmOptions.addAll(jvmOptions);
    c.workDirectory = workDirectory;
    c.javaHome = javaHome;
    c.startTimeout = startTimeout;
    c.stopTimeout = stopTimeout;
    c.seeds = seeds;
    c.fastJoin = fastJoin;
    c.tlsStores = tlsStores;
    return c;
  }

  /** The version to build, resolving the default (the system property, else 5.0). */
  ServerVersion resolvedVersion() {
    return version != null ? version : ServerVersion.fromSystemProperty();
  }

  int storagePort() {
    return storagePort;
  }

  Path workDirectory() {
    return workDirectory;
  }

  Path resolvedJavaHome() {
    return JavaRuntimes.findJava17(javaHome);
  }

  /**
   * Creates the node's folder (and TLS stores if asked) without starting it.
   *
   * @return a stopped node; call {@link CassandraNode#start()}
   * @throws IllegalStateException if no Java 17 runtime is found or the folder cannot be created
   * @throws IllegalArgumentException if the {@code cql4j.test.cassandraVersion} system property
   *     names an unsupported version
   */
  public CassandraNode build() {
    ServerVersion server = resolvedVersion();
    Path java = resolvedJavaHome();
    Path directory =
        Folders.createUnique(workDirectory, "node-" + address + "-" + nativePort + "-");
    TlsMaterial.Stores stores = tlsStores;
    if (clientTls() && stores == null) {
      stores =
          TlsMaterial.generate(
              directory.resolve("tls"), java, List.of(address), clientCertificates);
    }
    return new CassandraNode(
        new NodeSettings(
            server,
            clusterName,
            address,
            nativePort,
            storagePort,
            heap,
            passwordAuthentication,
            clientTls() ? stores : null,
            seeds != null ? seeds : List.of(address + ":" + storagePort),
            fastJoin,
            yaml,
            jvmOptions,
            directory,
            java,
            startTimeout,
            stopTimeout));
  }
}
