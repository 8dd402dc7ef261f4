package org.cql4j.testkit;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.cql4j.testkit.internal.Folders;
import org.cql4j.testkit.internal.Parallel;
import org.cql4j.testkit.internal.TlsMaterial;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several real Cassandra nodes forming one ring on loopback addresses (by default {@code
 * 127.0.0.1}, {@code .2}, {@code .3}); thread-safe (its lifecycle methods are synchronized).
 *
 * <pre>{@code
 * try (CassandraCluster cluster = CassandraCluster.builder().nodes(3).build()) {
 *   cluster.start();                 // returns once every node sees the others as peers
 *   List<String> contactPoints = cluster.contactPoints();
 *   cluster.node(2).stop();          // take a node down, then bring it back
 *   cluster.node(2).start();
 * }
 * }</pre>
 *
 * <p>The nodes join the fast way measured in embedded-cassandra.md §6: no bootstrap, no waiting for
 * gossip to settle, a 5 s ring delay; the seed (the first node) starts first, the others together.
 * That suits throwaway test data only.
 */
public final class CassandraCluster implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CassandraCluster.class);

  private final List<CassandraNode> nodes;
  private final Path directory;
  private final Duration startTimeout;

  private CassandraCluster(List<CassandraNode> nodes, Path directory, Duration startTimeout) {
    this.nodes = List.copyOf(nodes);
    this.directory = directory;
    this.startTimeout = startTimeout;
  }

  /** Starts configuring a cluster; by default three nodes on 127.0.0.1, .2 and .3. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts every node that is not running and waits until each one lists all the others in {@code
   * system.peers}.
   *
   * @throws CassandraStartException if a node fails to start or the ring does not form in time
   */
  public synchronized void start() {
    long deadline = System.nanoTime() + startTimeout.toNanos();
    CassandraNode seed = nodes.get(0);
    seed.launch();
    seed.awaitReady(deadline);
    Parallel.run(
        "start-node",
        nodes.subList(1, nodes.size()).stream()
            .<Runnable>map(
                node ->
                    () -> {
                      node.launch();
                      node.awaitReady(deadline);
                    })
            .toList());
    awaitRing(deadline);
  }

  private void awaitRing(long deadline) {
    for (CassandraNode node : nodes) {
      int peers = -1;
      IOException failure = null;
      while (peers != nodes.size() - 1) {
        if (System.nanoTime() - deadline > 0) {
          throw new CassandraStartException(
              "Node "
                  + node.contactPoint()
                  + " sees "
                  + peers
                  + " of its "
                  + (nodes.size() - 1)
                  + " peers after "
                  + startTimeout.toSeconds()
                  + " s\n"
                  + node.logTail(),
              failure);
        }
        try {
          peers = node.countRows("SELECT peer FROM system.peers");
        } catch (IOException e) {
          failure = e;
        }
        if (peers != nodes.size() - 1) {
          sleep();
        }
      }
    }
    LOG.info("Cassandra cluster of {} nodes is ready: {}", nodes.size(), contactPoints());
  }

  /** Stops every node at once (SIGTERM, then SIGKILL after the stop timeout). Keeps the data. */
  public synchronized void stop() {
    Parallel.run("stop-node", nodes.stream().<Runnable>map(n -> n::stop).toList());
  }

  /** Stops every node and deletes all their files. Idempotent. */
  @Override
  public synchronized void close() {
    try {
      Parallel.run("close-node", nodes.stream().<Runnable>map(n -> n::close).toList());
    } finally {
      Folders.deleteRecursively(directory);
    }
  }

  /** The nodes, seed first. */
  public List<CassandraNode> nodes() {
    return nodes;
  }

  /**
   * One node.
   *
   * @param number the node's number, counted from 1 like its address ({@code 127.0.0.number} by
   *     default)
   */
  public CassandraNode node(int number) {
    return nodes.get(number - 1);
  }

  /** Every node's CQL endpoint as {@code host:port}. */
  public List<String> contactPoints() {
    return nodes.stream().map(CassandraNode::contactPoint).toList();
  }

  /** The Cassandra release line the nodes run, {@code 5.0} or {@code 4.1}. */
  public String version() {
    return nodes.get(0).version();
  }

  /** The truststore clients need when client TLS is on (one certificate covers every node). */
  public Optional<TrustStore> clientTrustStore() {
    return nodes.get(0).clientTrustStore();
  }

  /**
   * The client key every node trusts when the nodes require client certificates, or empty when they
   * do not.
   */
  public Optional<ClientKeyStore> clientKeyStore() {
    return nodes.get(0).clientKeyStore();
  }

  @Override
  public String toString() {
    return "CassandraCluster" + nodes;
  }

  private static void sleep() {
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CassandraStartException("Interrupted while waiting for the ring", e);
    }
  }

  /** Configures a {@link CassandraCluster}; not thread-safe. */
  public static final class Builder {
    private int nodeCount = 3;
    private List<String> addresses;
    private final CassandraNodeBuilder template = new CassandraNodeBuilder();
    private Duration startTimeout = Duration.ofMinutes(4);

    private Builder() {}

    /**
     * The Cassandra release line every node runs: {@code "5.0"} or {@code "4.1"}; default the
     * {@code cql4j.test.cassandraVersion} system property, else {@code "5.0"}. The same as {@link
     * CassandraNodeBuilder#version(String)} through {@link #configureNodes}.
     *
     * @throws IllegalArgumentException for any other value
     */
    public Builder version(String version) {
      template.version(version);
      return this;
    }

    /** How many nodes; default 3, on 127.0.0.1 up to 127.0.0.n unless {@link #addresses} says. */
    public Builder nodes(int count) {
      if (count < 1 || count > 250) {
        throw new IllegalArgumentException("A cluster has 1 to 250 nodes, not " + count);
      }
      this.nodeCount = count;
      return this;
    }

    /** The nodes' addresses, seed first; default 127.0.0.1 up to 127.0.0.n. */
    public Builder addresses(List<String> addresses) {
      this.addresses = List.copyOf(addresses);
      this.nodeCount = addresses.size();
      return this;
    }

    /**
     * Sets options shared by every node (heap, authentication, TLS, yaml settings, timeouts).
     * Addresses, seeds and the way nodes join are the cluster's to set.
     *
     * @param options applied to the template every node is built from
     */
    public Builder configureNodes(Consumer<CassandraNodeBuilder> options) {
      Objects.requireNonNull(options, "options").accept(template);
      return this;
    }

    /** How long {@link CassandraCluster#start()} waits for the whole ring; default 4 minutes. */
    public Builder startTimeout(Duration timeout) {
      this.startTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * Creates the nodes' folders (and the shared TLS stores if asked) without starting anything.
     *
     * @return a stopped cluster; call {@link CassandraCluster#start()}
     */
    public CassandraCluster build() {
      List<String> ips = addresses;
      if (ips == null) {
        ips = new ArrayList<>();
        for (int i = 1; i <= nodeCount; i++) {
          ips.add("127.0.0." + i);
        }
      }
      Path directory = Folders.createUnique(template.workDirectory(), "cluster-");
      CassandraNodeBuilder shared =
          template
              .copy()
              .seeds(List.of(ips.get(0) + ":" + template.storagePort()))
              .fastJoin(ips.size() > 1);
      if (template.clientTls()) {
        shared.tlsStores(
            TlsMaterial.generate(
                directory.resolve("tls"),
                template.resolvedJavaHome(),
                ips,
                template.clientCertificates()));
      }
      List<CassandraNode> nodes = new ArrayList<>();
      for (String ip : ips) {
        nodes.add(shared.copy().address(ip).workDirectory(directory).build());
      }
      return new CassandraCluster(nodes, directory, startTimeout);
    }
  }
}
