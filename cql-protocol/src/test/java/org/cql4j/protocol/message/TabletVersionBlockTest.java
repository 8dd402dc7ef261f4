package org.cql4j.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.scylla.ScyllaExtensions;
import org.junit.jupiter.api.Test;

/** scylla-protocol-extensions.md, "Tablets routing v2": the byte after an EXECUTE's parameters. */
class TabletVersionBlockTest {
  private static final ProtocolFeatures V2 = new ProtocolFeatures(OptionalInt.empty(), false, true);

  @Test
  void anExecuteEndsWithItsVersionBlockOnlyWhenV2IsNegotiated() {
    Execute execute =
        new Execute(
            new byte[] {1, 2},
            null,
            QueryParameters.of(Consistency.ONE, RawValues.of(new byte[] {9})),
            0xA3);
    ByteBuf plain = Unpooled.buffer();
    ByteBuf v2 = Unpooled.buffer();
    try {
      execute.encode(plain, ProtocolFeatures.NONE);
      execute.encode(v2, V2);
      assertThat(v2.readableBytes()).isEqualTo(plain.readableBytes() + 1);
      assertThat(v2.getUnsignedByte(v2.writerIndex() - 1)).isEqualTo((short) 0xA3);
      assertThat(Execute.decode(v2, V2)).isEqualTo(execute);
      assertThat(v2.isReadable()).isFalse();
      assertThat(Execute.decode(plain, ProtocolFeatures.NONE).tabletVersionBlock()).isZero();
    } finally {
      plain.release();
      v2.release();
    }
  }

  @Test
  void theExtensionIsEchoedInStartupAndTurnsTheBlockOn() {
    ScyllaExtensions extensions =
        ScyllaExtensions.from(
            new Supported(Map.of(ScyllaExtensions.TABLETS_ROUTING_V2_KEY, List.of(""))));
    assertThat(extensions.tabletsRoutingV2()).isTrue();
    assertThat(extensions.startupOptions()).containsKey("TABLETS_ROUTING_V2_EXPERIMENTAL");
    assertThat(extensions.protocolFeatures().tabletsRoutingV2()).isTrue();
    assertThat(ScyllaExtensions.NONE.protocolFeatures().tabletsRoutingV2()).isFalse();
  }
}
