package org.cql4j.testkit.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.UUID;
import org.cql4j.protocol.token.Murmur3;
import org.cql4j.testkit.proxy.Tablet;
import org.cql4j.testkit.proxy.TabletMap;
import org.cql4j.testkit.proxy.TabletReplica;
import org.junit.jupiter.api.Test;

/** The emulation's routing arithmetic: tokens, tablet versions, payloads, CQL names. */
class ScyllaRoutingTest {

  @Test
  void computesTheTokenOfSingleAndCompositeKeys() {
    byte[] k = ByteBuffer.allocate(4).putInt(42).array();
    assertThat(ScyllaRouting.token(List.of(0), List.of(k))).isEqualTo(Murmur3.token(k));
    byte[] a = {1};
    byte[] b = {2, 3};
    assertThat(ScyllaRouting.token(List.of(1, 0), List.of(b, a)))
        .isEqualTo(Murmur3.compositeToken(Unpooled.wrappedBuffer(a), Unpooled.wrappedBuffer(b)));
    assertThat(ScyllaRouting.token(List.of(0), java.util.Arrays.asList((byte[]) null))).isNull();
    assertThat(ScyllaRouting.token(List.of(), List.of(k))).isNull();
  }

  @Test
  void comparesTheVersionBlockOfTabletsRoutingV2() {
    long version = 0x0000_0000_0000_A530L;
    assertThat(ScyllaRouting.versionMatches(version, 0x00)).isTrue(); // block 0: 0x0
    assertThat(ScyllaRouting.versionMatches(version, 0x13)).isTrue(); // block 1: 0x3
    assertThat(ScyllaRouting.versionMatches(version, 0x25)).isTrue(); // block 2: 0x5
    assertThat(ScyllaRouting.versionMatches(version, 0x3A)).isTrue(); // block 3: 0xA
    assertThat(ScyllaRouting.versionMatches(version, 0x3B)).isFalse();
    assertThat(ScyllaRouting.versionMatches(version, 0xF1)).isFalse();
  }

  @Test
  void serializesTheTabletPayloadAsATuple() {
    UUID host = UUID.randomUUID();
    Tablet tablet = new Tablet(-10, 20, List.of(new TabletReplica(host, 2)), 7);
    ByteBuf v2 = Unpooled.wrappedBuffer(ScyllaRouting.payload(tablet, true));
    assertThat(v2.readInt()).isEqualTo(8);
    assertThat(v2.readLong()).isEqualTo(-10);
    assertThat(v2.readInt()).isEqualTo(8);
    assertThat(v2.readLong()).isEqualTo(20);
    assertThat(v2.readInt()).isEqualTo(4 + 32);
    assertThat(v2.readInt()).isEqualTo(1);
    assertThat(v2.readInt()).isEqualTo(28);
    assertThat(v2.readInt()).isEqualTo(16);
    assertThat(new UUID(v2.readLong(), v2.readLong())).isEqualTo(host);
    assertThat(v2.readInt()).isEqualTo(4);
    assertThat(v2.readInt()).isEqualTo(2);
    assertThat(v2.readInt()).isEqualTo(8);
    assertThat(v2.readLong()).isEqualTo(7);
    assertThat(v2.isReadable()).isFalse();
    assertThat(ScyllaRouting.payload(tablet, false))
        .hasSize(ScyllaRouting.payload(tablet, true).length - 12);
  }

  @Test
  void splitsTheRingIntoTabletsAndMigratesOne() {
    UUID host = UUID.randomUUID();
    List<Tablet> tablets = TabletMap.evenly(4, i -> List.of(new TabletReplica(host, i)));
    assertThat(tablets.get(0).firstToken()).isEqualTo(Long.MIN_VALUE);
    assertThat(tablets.get(3).lastToken()).isEqualTo(Long.MAX_VALUE);
    for (int i = 1; i < 4; i++) {
      assertThat(tablets.get(i).firstToken()).isEqualTo(tablets.get(i - 1).lastToken());
    }
    TabletMap map = new TabletMap();
    map.set("ks", "t", tablets);
    assertThat(map.find("ks", "t", 0).orElseThrow().replicas().get(0).shard()).isEqualTo(2);
    Tablet moved = map.migrate("ks", "t", 0, List.of(new TabletReplica(host, 0)));
    assertThat(moved.version()).isEqualTo(2);
    assertThat(map.find("ks", "t", 0).orElseThrow()).isEqualTo(moved);
  }

  @Test
  void readsKeyspaceTableAndConditionsFromCql() {
    assertThat(CqlNames.keyspaceAndTable("SELECT * FROM Shop.\"Orders\" WHERE k = ?", null))
        .containsExactly("shop", "Orders");
    assertThat(CqlNames.keyspaceAndTable("insert into orders (k) values (1)", "shop"))
        .containsExactly("shop", "orders");
    assertThat(
            CqlNames.keyspaceAndTable("CREATE TABLE IF NOT EXISTS ks.t (k int PRIMARY KEY)", null))
        .containsExactly("ks", "t");
    assertThat(CqlNames.keyspaceAndTable("CREATE KEYSPACE IF NOT EXISTS ks WITH r = {}", null))
        .containsExactly("ks", null);
    assertThat(CqlNames.isConditional("INSERT INTO t (k) VALUES (1) IF NOT EXISTS")).isTrue();
    assertThat(CqlNames.isConditional("UPDATE t SET v = 'IF' WHERE k = 1")).isFalse();
    assertThat(CqlNames.isConditional("update t set v = 1 where k = 1 if v = 0")).isTrue();
    assertThat(CqlNames.isConditional("CREATE TABLE IF NOT EXISTS t (k int PRIMARY KEY)"))
        .isFalse();
  }
}
