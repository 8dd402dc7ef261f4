package org.cql4j.testkit.internal.proxy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cql4j.testkit.proxy.Action;
import org.cql4j.testkit.proxy.ProxyConnection;
import org.cql4j.testkit.proxy.ProxyCounters;
import org.cql4j.testkit.proxy.ProxyNode;
import org.cql4j.testkit.proxy.RoutingCounters;
import org.cql4j.testkit.proxy.Rules;
import org.cql4j.testkit.proxy.ScyllaEmulation;

/**
 * The proxy of one node: its listening sockets (the regular port and, with the emulation, the
 * shard-aware port), its connections, rules and counters; thread-safe.
 *
 * <p>Shards follow ScyllaDB: a connection to the regular port gets the shard with the fewest open
 * connections (the lowest on a tie); one to the shard-aware port gets {@code source port % shards}
 * (scylla-protocol-extensions.md, "Intranode sharding").
 */
final class NodeProxy implements ProxyNode {
  private final ProxyRuntime runtime;
  private final int number;
  private final InetSocketAddress nodeAddress;
  private final InetSocketAddress listenAddress;
  private final Rules rules = new Rules();
  private final Counters counters = new Counters(null);
  private final Routing routing;
  private final List<ProxiedConnection> connections = new CopyOnWriteArrayList<>();
  private final int[] openPerShard;
  private final List<Channel> listeners = new ArrayList<>();
  private int accepted;

  NodeProxy(
      ProxyRuntime runtime, int number, InetSocketAddress nodeAddress, InetSocketAddress listen) {
    this.runtime = runtime;
    this.number = number;
    this.nodeAddress = nodeAddress;
    this.listenAddress = listen;
    int shards = shards();
    this.routing = new Routing(shards);
    this.openPerShard = new int[Math.max(shards, 1)];
  }

  /** Binds the listening sockets; blocks until bound. */
  void bind() {
    listeners.add(bind(listenAddress, false));
    ScyllaEmulation emulation = emulation();
    if (emulation != null
        && emulation.shardAwarePort() > 0
        && emulation.shardAwarePortListening()) {
      listeners.add(
          bind(
              new InetSocketAddress(listenAddress.getAddress(), emulation.shardAwarePort()), true));
    }
  }

  private Channel bind(InetSocketAddress address, boolean shardAware) {
    return new ServerBootstrap()
        .group(runtime.group())
        .channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_REUSEADDR, true)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(
            new ChannelInitializer<Channel>() {
              @Override
              protected void initChannel(Channel ch) {
                accept(ch, shardAware);
              }
            })
        .bind(address)
        .syncUninterruptibly()
        .channel();
  }

  private void accept(Channel client, boolean shardAware) {
    ProxiedConnection connection;
    synchronized (this) {
      int shard = -1;
      if (emulation() != null) {
        shard =
            shardAware
                ? ((InetSocketAddress) client.remoteAddress()).getPort() % openPerShard.length
                : leastConnectedShard();
        openPerShard[shard]++;
      }
      connection = new ProxiedConnection(this, client, ++accepted, shard, shardAware);
      connections.add(connection);
    }
    connection.start();
  }

  private int leastConnectedShard() {
    int best = 0;
    for (int s = 1; s < openPerShard.length; s++) {
      if (openPerShard[s] < openPerShard[best]) {
        best = s;
      }
    }
    return best;
  }

  synchronized void connectionClosed(ProxiedConnection connection) {
    connection.shard().ifPresent(s -> openPerShard[s]--);
  }

  /** Closes the listening sockets, then every connection; blocks until they are closed. */
  void unbind() {
    for (Channel listener : listeners) {
      listener.close().syncUninterruptibly();
    }
    connections.forEach(ProxiedConnection::closeAndWait);
  }

  Action match(FrameView view) {
    return rules.match(view).or(() -> runtime.rules().match(view)).orElse(Action.forward());
  }

  ProxyRuntime runtime() {
    return runtime;
  }

  ScyllaEmulation emulation() {
    return runtime.emulation();
  }

  int shards() {
    ScyllaEmulation emulation = emulation();
    return emulation == null ? 1 : emulation.shards(number);
  }

  Counters countersImpl() {
    return counters;
  }

  Routing routingImpl() {
    return routing;
  }

  void resetCounters() {
    counters.reset();
    routing.reset();
    for (ProxiedConnection c : connections) {
      c.countersImpl().reset();
    }
  }

  @Override
  public int number() {
    return number;
  }

  @Override
  public InetSocketAddress nodeAddress() {
    return nodeAddress;
  }

  @Override
  public InetSocketAddress proxyAddress() {
    return listeners.isEmpty()
        ? listenAddress
        : (InetSocketAddress) listeners.get(0).localAddress();
  }

  @Override
  public String contactPoint() {
    InetSocketAddress a = proxyAddress();
    return a.getAddress().getHostAddress() + ":" + a.getPort();
  }

  @Override
  public Optional<InetSocketAddress> shardAwareAddress() {
    return listeners.size() > 1
        ? Optional.of((InetSocketAddress) listeners.get(1).localAddress())
        : Optional.empty();
  }

  @Override
  public Optional<UUID> hostId() {
    return runtime.metadata().hostId(number);
  }

  @Override
  public Rules rules() {
    return rules;
  }

  @Override
  public ProxyCounters counters() {
    return counters;
  }

  @Override
  public List<ProxyConnection> connections() {
    return List.copyOf(connections);
  }

  @Override
  public RoutingCounters routing() {
    return routing;
  }

  @Override
  public void resumeReading() {
    connections.forEach(ProxiedConnection::resumeReading);
  }

  @Override
  public void closeConnections() {
    connections.forEach(c -> c.close(false));
  }

  @Override
  public String toString() {
    return "ProxyNode[" + number + ": " + contactPoint() + " -> " + nodeAddress + "]";
  }
}
