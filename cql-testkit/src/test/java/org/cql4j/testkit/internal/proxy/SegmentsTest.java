package org.cql4j.testkit.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.protocol.internal.util.Crc;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** v5 segments as the Java driver's own CRC code (native-protocol) computes them. */
class SegmentsTest {

  @Test
  void crcsMatchTheJavaDriversImplementation() {
    for (long header : new long[] {0, 1, 0x1FFFF, 0x3FFFF, 0x12345, 0xFF_FFFF_FFFFL}) {
      assertThat(Segments.crc24(header, 3)).isEqualTo(Crc.computeCrc24(header, 3));
      assertThat(Segments.crc24(header, 5)).isEqualTo(Crc.computeCrc24(header, 5));
    }
    ByteBuf payload = Unpooled.copiedBuffer("a payload", StandardCharsets.UTF_8);
    assertThat(Segments.crc32(payload, 0, payload.readableBytes()))
        .isEqualTo(
            Crc.computeCrc32(
                payload.duplicate(),
                new com.datastax.oss.driver.internal.core.protocol.ByteBufPrimitiveCodec(
                    ByteBufAllocator.DEFAULT)));
  }

  @Test
  void wrapsAndReadsBackSelfContainedAndLargeEnvelopes() {
    for (boolean compressedFormat : new boolean[] {false, true}) {
      for (int size : new int[] {9, 1000, Segments.MAX_PAYLOAD, Segments.MAX_PAYLOAD * 2 + 10}) {
        ByteBuf envelope = Unpooled.buffer(size);
        for (int i = 0; i < size; i++) {
          envelope.writeByte(i * 31);
        }
        ByteBuf wire = Unpooled.buffer();
        Segments.wrap(wire, envelope, compressedFormat);
        ByteBuf back = Unpooled.buffer();
        int segments = 0;
        while (wire.isReadable()) {
          Segments.Header header = Segments.readHeader(wire, compressedFormat);
          assertThat(header.selfContained()).isEqualTo(size <= Segments.MAX_PAYLOAD);
          ByteBuf payload = Segments.readPayload(wire, header, ByteBufAllocator.DEFAULT);
          back.writeBytes(payload);
          payload.release();
          segments++;
        }
        assertThat(back).isEqualTo(envelope);
        assertThat(segments).isEqualTo((size + Segments.MAX_PAYLOAD - 1) / Segments.MAX_PAYLOAD);
      }
    }
  }

  @Test
  void refusesAHeaderOrPayloadWhoseCrcDoesNotMatch() {
    ByteBuf wire = Unpooled.buffer();
    Segments.wrap(wire, Unpooled.copiedBuffer("envelope!", StandardCharsets.UTF_8), false);
    ByteBuf badHeader = wire.copy();
    badHeader.setByte(4, badHeader.getByte(4) ^ 1);
    assertThatThrownBy(() -> Segments.readHeader(badHeader, false))
        .isInstanceOf(IllegalStateException.class);
    ByteBuf badPayload = wire.copy();
    badPayload.setByte(7, badPayload.getByte(7) ^ 1);
    Segments.Header header = Segments.readHeader(badPayload, false);
    assertThatThrownBy(() -> Segments.readPayload(badPayload, header, ByteBufAllocator.DEFAULT))
        .isInstanceOf(IllegalStateException.class);
  }
}
