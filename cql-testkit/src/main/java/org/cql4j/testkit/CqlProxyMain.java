package org.cql4j.testkit;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.cql4j.testkit.proxy.ProxyNode;
import org.cql4j.testkit.proxy.ScyllaEmulation;

/**
 * Runs a {@link CqlProxy} in front of running nodes from the command line, with or without the
 * ScyllaDB emulation, until SIGTERM or Ctrl-C; not thread-safe (one per process).
 *
 * <pre>
 * java -cp cql-testkit.jar:... org.cql4j.testkit.CqlProxyMain \
 *     --node 127.0.0.1:9042=127.0.0.101:9042 --scylla-shards 4 --shard-aware-port 19042
 * </pre>
 *
 * <p>Options: {@code --node NODE[=LISTEN]} (repeatable; without {@code =LISTEN} the address is
 * derived as {@link CqlProxy.Builder#node(String)} does), {@code --scylla-shards N} (turns the
 * emulation on), {@code --shard-aware-port P} (default 19042, 0 for none), {@code --user U} {@code
 * --password P} (the proxy's own metadata queries). It prints one line per node, {@code proxy
 * <listen> -> <node>} (and {@code shard-aware <address>}), then {@code ready}.
 */
public final class CqlProxyMain {
  private CqlProxyMain() {}

  /**
   * Starts the proxy and blocks until the JVM is asked to stop.
   *
   * @param args the options above
   */
  public static void main(String[] args) throws InterruptedException {
    CqlProxy proxy;
    try {
      proxy = build(args).start();
    } catch (IllegalArgumentException | IllegalStateException e) {
      System.err.println("cql-proxy: " + e.getMessage());
      System.err.println(
          "usage: CqlProxyMain --node HOST:PORT[=LISTEN_HOST:PORT]... [--scylla-shards N]"
              + " [--shard-aware-port P] [--user U --password P]");
      System.exit(2);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  proxy.close();
                  System.out.println("stopped");
                  System.out.flush();
                  stopped.countDown();
                },
                "cql-proxy-shutdown"));
    print(proxy, System.out);
    stopped.await();
  }

  static void print(CqlProxy proxy, PrintStream out) {
    for (ProxyNode node : proxy.nodes()) {
      out.println("proxy " + node.contactPoint() + " -> " + hostPort(node.nodeAddress()));
      node.shardAwareAddress().ifPresent(a -> out.println("shard-aware " + hostPort(a)));
    }
    out.println("ready");
    out.flush();
  }

  private static String hostPort(java.net.InetSocketAddress a) {
    return a.getAddress().getHostAddress() + ":" + a.getPort();
  }

  static CqlProxy.Builder build(String[] args) {
    CqlProxy.Builder builder = CqlProxy.builder();
    List<String> nodes = new ArrayList<>();
    int shards = 0;
    int shardAwarePort = ScyllaEmulation.DEFAULT_SHARD_AWARE_PORT;
    String user = null;
    String password = null;
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      String value = args[++i];
      switch (option) {
        case "--node" -> nodes.add(value);
        case "--scylla-shards" -> shards = Integer.parseInt(value);
        case "--shard-aware-port" -> shardAwarePort = Integer.parseInt(value);
        case "--user" -> user = value;
        case "--password" -> password = value;
        default -> throw new IllegalArgumentException("unknown option " + option);
      }
    }
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("at least one --node is needed");
    }
    for (String node : nodes) {
      int eq = node.indexOf('=');
      if (eq < 0) {
        builder.node(node);
      } else {
        builder.node(node.substring(0, eq), node.substring(eq + 1));
      }
    }
    if (shards > 0) {
      builder.scylla(
          ScyllaEmulation.builder().shards(shards).shardAwarePort(shardAwarePort).build());
    }
    if (user != null) {
      builder.credentials(user, password);
    }
    return builder;
  }
}
