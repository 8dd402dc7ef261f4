package org.cql4j.testkit.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything needed to launch one Cassandra node; immutable and thread-safe.
 *
 * @param version the Cassandra release line to run; what differs between them is in {@link
 *     ServerVersion}
 * @param clusterName the cluster name, equal on every node of a cluster
 * @param address the loopback address the node listens on (storage and native transport)
 * @param nativePort the CQL port
 * @param storagePort the inter-node port
 * @param heap the JVM heap size, e.g. {@code 1G}
 * @param passwordAuthentication whether PasswordAuthenticator and CassandraAuthorizer are on
 * @param tlsStores the stores for client TLS, or null for plain connections
 * @param seeds the seed addresses as {@code host:port}
 * @param fastJoin whether to skip bootstrap and gossip settling (throwaway multi-node clusters)
 * @param extraYaml cassandra.yaml settings that replace or extend the defaults, as raw YAML values
 * @param extraJvmOptions more options for the node's JVM
 * @param directory the node's own folder: configuration, data and logs
 * @param javaHome the Java 17 runtime to run the node with
 * @param startTimeout how long to wait for the node to answer CQL
 * @param stopTimeout how long to wait for a graceful stop before killing
 */
public record NodeSettings(
    ServerVersion version,
    String clusterName,
    String address,
    int nativePort,
    int storagePort,
    String heap,
    boolean passwordAuthentication,
    TlsMaterial.Stores tlsStores,
    List<String> seeds,
    boolean fastJoin,
    Map<String, String> extraYaml,
    List<String> extraJvmOptions,
    Path directory,
    Path javaHome,
    Duration startTimeout,
    Duration stopTimeout) {

  /** Copies the collections so the settings cannot change after the node was built. */
  public NodeSettings {
    Objects.requireNonNull(version, "version");
    seeds = List.copyOf(seeds);
    extraYaml = Map.copyOf(extraYaml);
    extraJvmOptions = List.copyOf(extraJvmOptions);
  }

  /** The folder holding cassandra.yaml and logback.xml. */
  public Path confDirectory() {
    return directory.resolve("conf");
  }

  /** The folder holding system.log and the process output. */
  public Path logDirectory() {
    return directory.resolve("logs");
  }

  /** Cassandra's own log. */
  public Path systemLog() {
    return logDirectory().resolve("system.log");
  }

  /** What the node's JVM printed to stdout and stderr. */
  public Path processOutput() {
    return logDirectory().resolve("process-output.log");
  }
}
