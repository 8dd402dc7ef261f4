package com.datastax.oss.driver.internal.core.metadata.token;

import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.metadata.token.Token;
import com.datastax.oss.driver.api.core.metadata.token.TokenRange;
import com.datastax.oss.driver.internal.core.context.InternalDriverContext;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Java driver 4.19.3's own replica computation, reached from its package because {@code
 * KeyspaceTokenMap} and the strategies are package-private: its {@code
 * DefaultReplicationStrategyFactory} picks the strategy from the options, and {@code
 * KeyspaceTokenMap} computes every range's replicas and looks tokens up, as {@code DefaultTokenMap}
 * does for a keyspace.
 */
public final class JavaDriverReplicas {
  private final KeyspaceTokenMap map;

  /**
   * Computes the replicas of one replication on a ring.
   *
   * @param replication the keyspace's replication options
   * @param tokenToPrimary each ring token's owner, tokens distinct
   */
  public JavaDriverReplicas(Map<String, String> replication, Map<Long, Node> tokenToPrimary) {
    Murmur3TokenFactory tokens = new Murmur3TokenFactory();
    Map<Token, Node> owners = new LinkedHashMap<>();
    tokenToPrimary.forEach((token, node) -> owners.put(new Murmur3Token(token), node));
    List<Token> ring = new ArrayList<>(owners.keySet());
    ring.sort(null);
    // as DefaultTokenMap.buildTokenRanges: one token is the full ring
    Set<TokenRange> ranges = new LinkedHashSet<>();
    if (ring.size() == 1) {
      ranges.add(tokens.range(tokens.minToken(), tokens.minToken()));
    } else {
      for (int i = 0; i < ring.size(); i++) {
        ranges.add(tokens.range(ring.get(i), ring.get((i + 1) % ring.size())));
      }
    }
    this.map =
        KeyspaceTokenMap.build(
            replication,
            owners,
            ring,
            ranges,
            tokens,
            new DefaultReplicationStrategyFactory(context()),
            "cross-check");
  }

  /**
   * The replicas of a token, in the driver's order (its sets keep their insertion order).
   *
   * @param token the token
   * @return the replicas
   */
  public List<Node> replicas(long token) {
    return new ArrayList<>(map.getReplicas(new Murmur3Token(token)));
  }

  // The factory only asks the context for a session name, for its log messages.
  private static InternalDriverContext context() {
    return (InternalDriverContext)
        Proxy.newProxyInstance(
            JavaDriverReplicas.class.getClassLoader(),
            new Class<?>[] {InternalDriverContext.class},
            (proxy, method, args) -> {
              if (method.getName().equals("getSessionName")) {
                return "cross-check";
              }
              throw new UnsupportedOperationException(method.getName());
            });
  }

  /**
   * A driver node with only a datacenter and a rack, equal only to itself.
   *
   * @param name shown by toString
   * @param datacenter the datacenter
   * @param rack the rack
   * @return the node
   */
  public static Node node(String name, String datacenter, String rack) {
    return (Node)
        Proxy.newProxyInstance(
            JavaDriverReplicas.class.getClassLoader(),
            new Class<?>[] {Node.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getDatacenter" -> datacenter;
                  case "getRack" -> rack;
                  case "toString" -> name;
                  case "hashCode" -> System.identityHashCode(proxy);
                  case "equals" -> proxy == args[0];
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }
}
