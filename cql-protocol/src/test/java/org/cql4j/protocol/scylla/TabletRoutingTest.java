package org.cql4j.protocol.scylla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import org.cql4j.protocol.ProtocolException;
import org.junit.jupiter.api.Test;

class TabletRoutingTest {
  private static final UUID A = UUID.fromString("a0000000-0000-4000-8000-000000000001");
  private static final UUID B = UUID.fromString("b0000000-0000-4000-8000-000000000002");

  /** The tuple of scylla-protocol-extensions.md, each component a [bytes]. */
  private static byte[] tablet(long first, long last, Long version, Object... replicas) {
    ByteBuf out = Unpooled.buffer();
    out.writeInt(8).writeLong(first);
    out.writeInt(8).writeLong(last);
    int n = replicas.length / 2;
    out.writeInt(4 + n * (4 + 4 + 16 + 4 + 4)).writeInt(n);
    for (int i = 0; i < n; i++) {
      UUID host = (UUID) replicas[2 * i];
      out.writeInt(4 + 16 + 4 + 4);
      out.writeInt(16)
          .writeLong(host.getMostSignificantBits())
          .writeLong(host.getLeastSignificantBits());
      out.writeInt(4).writeInt((Integer) replicas[2 * i + 1]);
    }
    if (version != null) {
      out.writeInt(8).writeLong(version);
    }
    byte[] bytes = ByteBufUtil.getBytes(out);
    out.release();
    return bytes;
  }

  @Test
  void readsAVersionOneTablet() {
    TabletRouting t =
        TabletRouting.from(Map.of(TabletRouting.V1_KEY, tablet(-100, 200, null, A, 3, B, 0)));
    assertThat(t.firstToken()).isEqualTo(-100);
    assertThat(t.lastToken()).isEqualTo(200);
    assertThat(t.replicas())
        .containsExactly(new TabletRouting.Replica(A, 3), new TabletRouting.Replica(B, 0));
    assertThat(t.version()).isEmpty();
    assertThat(t.owns(-100)).isFalse();
    assertThat(t.owns(-99)).isTrue();
    assertThat(t.owns(200)).isTrue();
    assertThat(t.owns(201)).isFalse();
  }

  @Test
  void readsAVersionTwoTabletBeforeAVersionOne() {
    TabletRouting t =
        TabletRouting.from(
            Map.of(
                TabletRouting.V2_KEY, tablet(0, 10, 0x1234L, A, 1),
                TabletRouting.V1_KEY, tablet(50, 60, null, B, 2)));
    assertThat(t.lastToken()).isEqualTo(10);
    assertThat(t.version()).isEqualTo(OptionalLong.of(0x1234));
  }

  @Test
  void aPayloadWithoutTabletsAnnouncesNone() {
    assertThat(TabletRouting.from(Map.of("other", new byte[] {1}))).isNull();
  }

  @Test
  void malformedTabletsAreProtocolErrors() {
    byte[] good = tablet(0, 10, null, A, 1);
    byte[] truncated = java.util.Arrays.copyOf(good, good.length - 3);
    assertThatThrownBy(() -> TabletRouting.from(Map.of(TabletRouting.V1_KEY, truncated)))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("tablets-routing-v1");
    assertThatThrownBy(
            () -> TabletRouting.from(Map.of(TabletRouting.V1_KEY, tablet(10, 10, null, A, 1))))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("empty token range");
    assertThatThrownBy(() -> TabletRouting.from(Map.of(TabletRouting.V1_KEY, new byte[0])))
        .isInstanceOf(ProtocolException.class);
  }
}
