package org.cql4j.testkit;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.cql4j.testkit.internal.proxy.ProxyRuntime;
import org.cql4j.testkit.proxy.ProxyNode;
import org.cql4j.testkit.proxy.Rules;
import org.cql4j.testkit.proxy.ScyllaEmulation;
import org.cql4j.testkit.proxy.TabletMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fault-injecting, protocol-aware CQL proxy in front of real nodes, one listening address per
 * node; thread-safe.
 *
 * <p>It cuts the traffic into frames in both directions (protocol v4, and v5 segments once a v5
 * connection's STARTUP exchange is done), follows the compression negotiated in STARTUP, and
 * forwards everything unchanged unless a rule says otherwise. Answers from {@code system.local},
 * {@code system.peers} and {@code system.peers_v2} (and topology events) are rewritten so that a
 * driver discovers the proxy's addresses, never the nodes'. With {@link Builder#scylla} each node
 * looks like a ScyllaDB node with shards.
 *
 * <pre>{@code
 * try (CqlProxy proxy = CqlProxy.builder().cluster(cluster).start()) {
 *   proxy.node(1).rules().add(
 *       Condition.requestOpcode(Opcode.QUERY).and(Condition.queryContains("FROM ks.t")),
 *       Action.forgeError(new DbError.Overloaded(), "busy"));
 *   // connect the driver under test to proxy.contactPoints()
 * }
 * }</pre>
 */
public final class CqlProxy implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CqlProxy.class);

  private final ProxyRuntime runtime;
  private final List<ProxyNode> nodes;
  private final ScyllaEmulation emulation;
  private volatile boolean closed;

  private CqlProxy(Builder b) {
    this.emulation = b.emulation;
    this.runtime =
        new ProxyRuntime(b.emulation, b.threads, b.nodeAddresses, b.username, b.password);
    try {
      this.nodes = runtime.start(b.nodeAddresses, b.listenAddresses);
    } catch (RuntimeException e) {
      runtime.close();
      throw new IllegalStateException(
          "Cannot start CqlProxy on " + b.listenAddresses + ": " + e, e);
    }
    LOG.info("CqlProxy listening on {} for {}", contactPoints(), b.nodeAddresses);
  }

  /** Starts configuring a proxy. */
  public static Builder builder() {
    return new Builder();
  }

  /** The proxied nodes, in the order given. */
  public List<ProxyNode> nodes() {
    return nodes;
  }

  /**
   * One proxied node.
   *
   * @param number counted from 1, in the order the nodes were given
   */
  public ProxyNode node(int number) {
    return nodes.get(number - 1);
  }

  /** Where clients connect, {@code host:port} per node: give these to the driver under test. */
  public List<String> contactPoints() {
    return nodes.stream().map(ProxyNode::contactPoint).toList();
  }

  /** Rules for every node's frames, evaluated after each node's own rules. */
  public Rules rules() {
    return runtime.rules();
  }

  /** The tablets the ScyllaDB emulation routes with; changeable while traffic flows. */
  public TabletMap tablets() {
    return runtime.tablets();
  }

  /** The ScyllaDB emulation, if on. */
  public Optional<ScyllaEmulation> emulation() {
    return Optional.ofNullable(emulation);
  }

  /**
   * Removes every rule (the proxy's and each node's) and reads again from every side a rule
   * stopped; the JUnit extension calls this between tests.
   */
  public void resetRules() {
    runtime.rules().clear();
    for (ProxyNode node : nodes) {
      node.rules().clear();
      node.resumeReading();
    }
  }

  /** Sets every counter (frames, bytes, connections, routing) back to zero. */
  public void resetCounters() {
    runtime.resetCounters();
  }

  /**
   * Reads the nodes' host ids, tokens and keyspace replication again (the emulation does this by
   * itself after every schema change it forwards); blocks.
   */
  public void refreshMetadata() {
    runtime.refreshMetadata();
  }

  /**
   * Stops listening, closes every connection and stops the proxy's threads; returns once they are
   * stopped. Idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    runtime.close();
    LOG.info("CqlProxy stopped");
  }

  @Override
  public String toString() {
    return "CqlProxy" + nodes + (emulation == null ? "" : " " + emulation);
  }

  /** Configures a {@link CqlProxy}; not thread-safe. */
  public static final class Builder {
    private final List<InetSocketAddress> nodeAddresses = new ArrayList<>();
    private final List<InetSocketAddress> listenAddresses = new ArrayList<>();
    private ScyllaEmulation emulation;
    private int threads = 1;
    private String username;
    private String password;

    private Builder() {}

    /**
     * Proxies a node. The proxy listens on the same port at a derived loopback address: {@code
     * 127.a.b.c} becomes {@code 127.a.(b xor 128).c} (so 127.0.0.1 is proxied on 127.0.128.1).
     *
     * @param node the node's CQL endpoint, {@code host:port}
     */
    public Builder node(String node) {
      InetSocketAddress address = parse(node);
      return node(node, derivedListenAddress(address));
    }

    /**
     * Proxies a node on a chosen address.
     *
     * @param node the node's CQL endpoint, {@code host:port}
     * @param listen where the proxy listens for it, {@code host:port} (port 0: any free port)
     */
    public Builder node(String node, String listen) {
      nodeAddresses.add(parse(node));
      listenAddresses.add(parse(listen));
      return this;
    }

    /**
     * Proxies every node of a cluster (and logs in as the test kit's default user when the nodes
     * require it), on derived addresses as {@link #node(String)} does.
     */
    public Builder cluster(CassandraCluster cluster) {
      for (String contactPoint : cluster.contactPoints()) {
        node(contactPoint);
      }
      if (cluster.node(1).passwordAuthentication()) {
        credentials(CassandraNode.DEFAULT_USERNAME, CassandraNode.DEFAULT_PASSWORD);
      }
      return this;
    }

    /** Makes every node look like a ScyllaDB node; default off. */
    public Builder scylla(ScyllaEmulation emulation) {
      this.emulation = Objects.requireNonNull(emulation, "emulation");
      return this;
    }

    /**
     * The login for the proxy's own metadata queries (host ids, tokens, replication), when the
     * nodes require one; default none.
     */
    public Builder credentials(String username, String password) {
      this.username = username;
      this.password = password;
      return this;
    }

    /** Event loop threads serving every connection; default 1. */
    public Builder eventLoopThreads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("eventLoopThreads must be >= 1, was " + threads);
      }
      this.threads = threads;
      return this;
    }

    /**
     * Binds every listening address and starts forwarding.
     *
     * @return the running proxy; close it to stop it
     * @throws IllegalStateException if no node was given or an address cannot be bound
     */
    public CqlProxy start() {
      if (nodeAddresses.isEmpty()) {
        throw new IllegalStateException("CqlProxy needs at least one node");
      }
      return new CqlProxy(this);
    }

    static String derivedListenAddress(InetSocketAddress node) {
      byte[] ip = node.getAddress().getAddress();
      if (ip.length != 4 || ip[0] != 127) {
        throw new IllegalArgumentException(
            "Cannot derive a loopback address for " + node + ": use node(node, listenAddress)");
      }
      return "127."
          + (ip[1] & 0xFF)
          + "."
          + ((ip[2] & 0xFF) ^ 128)
          + "."
          + (ip[3] & 0xFF)
          + ":"
          + node.getPort();
    }

    static InetSocketAddress parse(String hostPort) {
      int colon = hostPort.lastIndexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException("Expected host:port, got " + hostPort);
      }
      String host = hostPort.substring(0, colon).replace("[", "").replace("]", "");
      try {
        return new InetSocketAddress(
            InetAddress.getByName(host), Integer.parseInt(hostPort.substring(colon + 1)));
      } catch (UnknownHostException | NumberFormatException e) {
        throw new IllegalArgumentException("Not a host:port: " + hostPort, e);
      }
    }
  }
}
