package org.cql4j.testkit.internal.proxy;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.cql4j.testkit.proxy.ProxyNode;
import org.cql4j.testkit.proxy.Rules;
import org.cql4j.testkit.proxy.ScyllaEmulation;
import org.cql4j.testkit.proxy.TabletMap;

/**
 * Everything one {@code CqlProxy} shares between its nodes: the event loops, the metadata thread,
 * the prepared statements seen, the proxy-wide rules, the tablets and the emulation settings;
 * thread-safe. {@code CqlProxy} owns it and closes it.
 */
public final class ProxyRuntime implements AutoCloseable {
  /** The name prefix of the proxy's event loop threads. */
  public static final String THREAD_PREFIX = "cql-proxy";

  private final EventLoopGroup group;
  private final ExecutorService metadataThread;
  private final ScyllaEmulation emulation;
  private final Rules rules = new Rules();
  private final TabletMap tablets = new TabletMap();
  private final PreparedStatements prepared = new PreparedStatements();
  private final ClusterMetadata metadata;
  private final ScyllaRouting routing;
  private final List<NodeProxy> nodes = new ArrayList<>();
  private TopologyRewriter rewriter;

  /**
   * Creates the runtime; nothing listens until {@link #start}.
   *
   * @param emulation the ScyllaDB emulation, or null for a plain proxy
   * @param threads event loop threads
   * @param username the login for the proxy's own metadata queries, or null
   * @param password its password, or null
   */
  public ProxyRuntime(
      ScyllaEmulation emulation,
      int threads,
      List<InetSocketAddress> nodeAddresses,
      String username,
      String password) {
    this.emulation = emulation;
    this.group =
        new MultiThreadIoEventLoopGroup(
            threads, new DefaultThreadFactory(THREAD_PREFIX, true), NioIoHandler.newFactory());
    this.metadataThread =
        Executors.newSingleThreadExecutor(
            new DefaultThreadFactory(THREAD_PREFIX + "-metadata", true));
    this.metadata = new ClusterMetadata(nodeAddresses, username, password);
    this.routing = new ScyllaRouting(metadata, tablets, prepared);
  }

  /**
   * Reads the cluster's metadata, then binds one listening address per node.
   *
   * @param nodeAddresses the nodes, in order
   * @param listenAddresses where to listen for each
   * @return the node proxies
   */
  public List<ProxyNode> start(
      List<InetSocketAddress> nodeAddresses, List<InetSocketAddress> listenAddresses) {
    metadata.refresh();
    Map<InetAddress, Integer> ports = new HashMap<>();
    for (int i = 0; i < nodeAddresses.size(); i++) {
      NodeProxy node = new NodeProxy(this, i + 1, nodeAddresses.get(i), listenAddresses.get(i));
      node.bind();
      nodes.add(node);
      ports.put(nodeAddresses.get(i).getAddress(), nodeAddresses.get(i).getPort());
    }
    Map<InetAddress, InetSocketAddress> proxies = new HashMap<>();
    for (NodeProxy node : nodes) {
      proxies.put(node.nodeAddress().getAddress(), node.proxyAddress());
    }
    rewriter = new TopologyRewriter(proxies, ports);
    return List.copyOf(nodes);
  }

  /** Reads the metadata again on the metadata thread, then runs {@code then} on {@code loop}. */
  void refreshMetadataThen(EventLoop loop, Runnable then) {
    metadataThread.execute(
        () -> {
          try {
            metadata.refresh();
          } finally {
            loop.execute(then);
          }
        });
  }

  /** Reads the metadata again now; blocks. */
  public void refreshMetadata() {
    metadata.refresh();
  }

  /** Clears every node's counters and routing accounting. */
  public void resetCounters() {
    nodes.forEach(NodeProxy::resetCounters);
  }

  /** The proxy-wide rules, evaluated after each node's own. */
  public Rules rules() {
    return rules;
  }

  /** The tablets the emulation routes with. */
  public TabletMap tablets() {
    return tablets;
  }

  EventLoopGroup group() {
    return group;
  }

  ScyllaEmulation emulation() {
    return emulation;
  }

  PreparedStatements prepared() {
    return prepared;
  }

  ClusterMetadata metadata() {
    return metadata;
  }

  ScyllaRouting routing() {
    return routing;
  }

  TopologyRewriter rewriter() {
    return rewriter;
  }

  /** Stops listening, closes every connection and stops the threads; blocks until they stopped. */
  @Override
  public void close() {
    nodes.forEach(NodeProxy::unbind);
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    metadataThread.shutdownNow();
    try {
      metadataThread.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
