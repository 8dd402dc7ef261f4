package org.cql4j.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cql4j.protocol.errors.DbError;
import org.cql4j.protocol.errors.DbException;
import org.cql4j.session.errors.ConnectionException;
import org.cql4j.session.errors.NoHostAvailableException;
import org.cql4j.session.errors.RequestTimeoutException;
import org.cql4j.session.internal.metadata.DefaultNode;
import org.junit.jupiter.api.Test;

class ValueTypesTest {

  @Test
  void poolSizeCountsPerHostOrPerShard() {
    assertThat(PoolSize.perHost(2).connectionsFor(16)).isEqualTo(2);
    assertThat(PoolSize.perShard(2).connectionsFor(16)).isEqualTo(32);
    assertThat(PoolSize.perShard(1).connectionsFor(0)).isEqualTo(1);
    assertThat(PoolSize.defaultSize()).isEqualTo(PoolSize.perShard(1));
    assertThatThrownBy(() -> PoolSize.perHost(0)).hasMessageContaining("at least 1 connection");
  }

  @Test
  void compressionNamesAreTheStartupOptionValues() {
    assertThat(Compression.NONE.protocolName()).isNull();
    assertThat(Compression.LZ4.protocolName()).isEqualTo("lz4");
    assertThat(Compression.SNAPPY.protocolName()).isEqualTo("snappy");
  }

  @Test
  void pagingStateRoundTripsItsBytesAndStartHasNone() {
    assertThat(PagingState.start().isStart()).isTrue();
    assertThat(PagingState.start().rawBytes()).isEmpty();
    byte[] raw = {1, 2};
    PagingState s = PagingState.fromBytes(raw);
    raw[0] = 9;
    assertThat(s.rawBytes()).hasValueSatisfying(b -> assertThat(b).containsExactly(1, 2));
    assertThat(s).isEqualTo(PagingState.fromBytes(new byte[] {1, 2}));
    assertThatThrownBy(() -> PagingStateResponse.hasMorePages(PagingState.start()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tracingInfoIsCompleteOnceItHasADuration() throws Exception {
    InetAddress node = InetAddress.getByName("127.0.0.1");
    TracingInfo.Event e =
        new TracingInfo.Event(UUID.randomUUID(), "Parsing", node, Duration.ofNanos(1000), "t1");
    Map<String, String> params = new HashMap<>(Map.of("consistency_level", "ONE"));
    TracingInfo t =
        new TracingInfo(
            UUID.randomUUID(),
            node,
            "QUERY",
            node,
            Duration.ofMillis(2),
            params,
            "Execute",
            Instant.EPOCH,
            List.of(e));
    params.clear();
    assertThat(t.parameters()).containsEntry("consistency_level", "ONE");
    assertThat(t.isComplete()).isTrue();
    TracingInfo onlyTheEnd =
        new TracingInfo(t.tracingId(), null, null, null, t.duration(), null, null, null, null);
    assertThat(onlyTheEnd.isComplete()).as("the start row not read yet").isFalse();
    assertThat(t.events()).containsExactly(e);
  }

  @Test
  void nodeUpDownFlagIsVisibleAndToStringNamesAddressAndDc() {
    DefaultNode n =
        new DefaultNode(
            new InetSocketAddress("10.0.0.1", 9042),
            UUID.randomUUID(),
            "dc1",
            "r1",
            List.of(5L, -3L));
    assertThat(n.isUp()).isTrue();
    n.setUp(false);
    assertThat(n.isUp()).isFalse();
    assertThat(n.tokens()).containsExactly(-3L, 5L);
    assertThat(n.toString()).contains("10.0.0.1").contains("9042").contains("dc1/r1");
  }

  @Test
  void noHostAvailableListsEveryNodeAndItsError() {
    DefaultNode a = DefaultNode.of(new InetSocketAddress("10.0.0.1", 9042));
    DefaultNode b = DefaultNode.of(new InetSocketAddress("10.0.0.2", 9042));
    Map<Node, Throwable> errors = new java.util.LinkedHashMap<>();
    errors.put(a, new ConnectionException("connection reset"));
    errors.put(b, new DbException(new DbError.Overloaded(), "too busy"));
    NoHostAvailableException e = new NoHostAvailableException("QUERY 'SELECT 1'", errors);
    assertThat(e.errors()).containsOnlyKeys(a, b);
    assertThat(e.getMessage())
        .startsWith("QUERY 'SELECT 1': no host available, tried 2 nodes:")
        .contains("10.0.0.1:9042: ConnectionException: connection reset")
        .contains("10.0.0.2:9042: DbException: too busy");
    assertThat(new NoHostAvailableException(Map.of()).getMessage())
        .contains("the query plan was empty");
  }

  @Test
  void requestTimeoutNamesTheRequestAndTheTimeout() {
    RequestTimeoutException e =
        RequestTimeoutException.after("QUERY 'SELECT 1'", Duration.ofSeconds(2));
    assertThat(e.getMessage()).isEqualTo("QUERY 'SELECT 1' timed out after 2000 ms");
    assertThat(e.timeout()).contains(Duration.ofSeconds(2));
  }
}
