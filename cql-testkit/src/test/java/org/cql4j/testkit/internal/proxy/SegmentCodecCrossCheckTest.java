package org.cql4j.testkit.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.protocol.internal.util.Crc;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.cql4j.protocol.ProtocolException;
import org.cql4j.protocol.frame.SegmentCodec;
import org.junit.jupiter.api.Test;

/**
 * cql-protocol's v5 segments against the Java driver's own CRC code (native-protocol), and read
 * back as the proxy reads them.
 */
class SegmentCodecCrossCheckTest {

  @Test
  void crcsMatchTheJavaDriversImplementation() {
    for (long header : new long[] {0, 1, 0x1FFFF, 0x3FFFF, 0x12345, 0xFF_FFFF_FFFFL}) {
      assertThat(SegmentCodec.crc24(header, 3)).isEqualTo(Crc.computeCrc24(header, 3));
      assertThat(SegmentCodec.crc24(header, 5)).isEqualTo(Crc.computeCrc24(header, 5));
    }
    ByteBuf payload = Unpooled.copiedBuffer("a payload", StandardCharsets.UTF_8);
    assertThat(SegmentCodec.crc32(payload, 0, payload.readableBytes()))
        .isEqualTo(
            Crc.computeCrc32(
                payload.duplicate(),
                new com.datastax.oss.driver.internal.core.protocol.ByteBufPrimitiveCodec(
                    ByteBufAllocator.DEFAULT)));
  }

  @Test
  void wrapsAndReadsBackSelfContainedAndLargeEnvelopes() {
    for (boolean compressedFormat : new boolean[] {false, true}) {
      for (int size :
          new int[] {9, 1000, SegmentCodec.MAX_PAYLOAD, SegmentCodec.MAX_PAYLOAD * 2 + 10}) {
        ByteBuf envelope = Unpooled.buffer(size);
        for (int i = 0; i < size; i++) {
          envelope.writeByte(i * 31);
        }
        ByteBuf wire = Unpooled.buffer();
        SegmentCodec.wrap(wire, envelope, compressedFormat);
        ByteBuf back = Unpooled.buffer();
        int segments = 0;
        while (wire.isReadable()) {
          SegmentCodec.Header header = SegmentCodec.readHeader(wire, compressedFormat);
          assertThat(header.selfContained()).isEqualTo(size <= SegmentCodec.MAX_PAYLOAD);
          ByteBuf payload = SegmentCodec.readPayload(wire, header, ByteBufAllocator.DEFAULT);
          back.writeBytes(payload);
          payload.release();
          segments++;
        }
        assertThat(back).isEqualTo(envelope);
        assertThat(segments)
            .isEqualTo((size + SegmentCodec.MAX_PAYLOAD - 1) / SegmentCodec.MAX_PAYLOAD);
      }
    }
  }

  @Test
  void refusesAHeaderOrPayloadWhoseCrcDoesNotMatch() {
    ByteBuf wire = Unpooled.buffer();
    SegmentCodec.wrap(wire, Unpooled.copiedBuffer("envelope!", StandardCharsets.UTF_8), false);
    ByteBuf badHeader = wire.copy();
    badHeader.setByte(4, badHeader.getByte(4) ^ 1);
    assertThatThrownBy(() -> SegmentCodec.readHeader(badHeader, false))
        .isInstanceOf(ProtocolException.class);
    ByteBuf badPayload = wire.copy();
    badPayload.setByte(7, badPayload.getByte(7) ^ 1);
    SegmentCodec.Header header = SegmentCodec.readHeader(badPayload, false);
    assertThatThrownBy(() -> SegmentCodec.readPayload(badPayload, header, ByteBufAllocator.DEFAULT))
        .isInstanceOf(ProtocolException.class);
  }
}
