package org.cql4j.opentelemetry;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import org.cql4j.protocol.Consistency;
import org.cql4j.session.Node;
import org.cql4j.session.Token;
import org.cql4j.session.observability.RequestDescription;
import org.cql4j.session.policy.RoutingInfo;

/**
 * A request description as the session would pass it, for unit tests. A record on purpose: two
 * equal requests must still be told apart (the listener keys its state by identity).
 */
record FakeRequest(String kind, String cql, RoutingInfo routing, boolean idempotent)
    implements RequestDescription {

  static FakeRequest execute(String keyspace, String table, String cql) {
    return new FakeRequest(
        "EXECUTE",
        cql,
        RoutingInfo.withToken(keyspace, table, 42L, Consistency.LOCAL_QUORUM, null, false),
        true);
  }

  @Override
  public Optional<String> keyspace() {
    return Optional.ofNullable(routing.keyspace());
  }

  @Override
  public Consistency consistency() {
    return routing.consistency();
  }

  /** A node at an address, with a host id and a datacenter. */
  record FakeNode(InetSocketAddress address, UUID hostId, String datacenter) implements Node {

    static FakeNode at(String host, int port) {
      return new FakeNode(InetSocketAddress.createUnresolved(host, port), UUID.randomUUID(), "dc1");
    }

    @Override
    public String rack() {
      return "rack1";
    }

    @Override
    public boolean isUp() {
      return true;
    }

    @Override
    public List<Long> tokens() {
      return List.of();
    }

    @Override
    public OptionalInt shardOf(Token token) {
      return OptionalInt.empty();
    }

    @Override
    public OptionalInt shardCount() {
      return OptionalInt.empty();
    }
  }
}
