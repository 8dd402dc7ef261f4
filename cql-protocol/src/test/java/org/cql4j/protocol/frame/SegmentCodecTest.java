package org.cql4j.protocol.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import org.cql4j.protocol.ProtocolException;
import org.junit.jupiter.api.Test;

/** v5 segments (native_protocol_v5.spec §2): the CRCs are cross-checked in cql-testkit. */
class SegmentCodecTest {
  private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;

  @Test
  void aSmallPayloadIsOneSelfContainedSegmentWithItsLengthAndFlagInTheHeader() {
    ByteBuf wire = Unpooled.buffer();
    SegmentCodec.wrap(wire, bytes("nine byte"), false);

    // §2.1: 17 bits of length, then the self-contained flag, little-endian, then the CRC24
    assertThat(wire.readableBytes()).isEqualTo(6 + 9 + 4);
    assertThat(wire.getUnsignedMediumLE(0)).isEqualTo(9 | 1 << 17);
    assertThat(wire.getUnsignedMediumLE(3)).isEqualTo(SegmentCodec.crc24(9 | 1 << 17, 3));
    SegmentCodec.Header header = SegmentCodec.readHeader(wire, false);
    assertThat(header).isEqualTo(new SegmentCodec.Header(6, 9, 0, true));
    ByteBuf payload = SegmentCodec.readPayload(wire, header, ALLOC);
    assertThat(payload.toString(StandardCharsets.US_ASCII)).isEqualTo("nine byte");
    assertThat(wire.isReadable()).isFalse();
    payload.release();
  }

  @Test
  void aHeaderIsReadOnlyWhenWhole() {
    ByteBuf wire = Unpooled.buffer();
    SegmentCodec.wrap(wire, bytes("x"), true);
    assertThat(SegmentCodec.readHeader(wire.slice(0, 7), true)).isNull();
    assertThat(SegmentCodec.readHeader(wire, true))
        .isEqualTo(new SegmentCodec.Header(8, 1, 0, true));
  }

  @Test
  void anLz4PayloadIsDecompressed() {
    byte[] text = "a payload that compresses well, well, well, well, well".getBytes();
    LZ4Compressor lz4 = LZ4Factory.fastestInstance().fastCompressor();
    byte[] compressed = lz4.compress(text);
    ByteBuf wire = compressedSegment(compressed, text.length);

    SegmentCodec.Header header = SegmentCodec.readHeader(wire, true);
    assertThat(header.uncompressedLength()).isEqualTo(text.length);
    ByteBuf payload = SegmentCodec.readPayload(wire, header, ALLOC);
    assertThat(payload.toString(StandardCharsets.US_ASCII)).isEqualTo(new String(text));
    payload.release();
  }

  @Test
  void corruptionIsAProtocolErrorNamingWhatFailed() {
    ByteBuf wire = Unpooled.buffer();
    SegmentCodec.wrap(wire, bytes("envelope!"), false);
    ByteBuf badHeader = wire.copy();
    badHeader.setByte(1, badHeader.getByte(1) ^ 1);
    assertThatThrownBy(() -> SegmentCodec.readHeader(badHeader, false))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("segment.header.crc24");

    ByteBuf badPayload = wire.copy();
    badPayload.setByte(7, badPayload.getByte(7) ^ 1);
    SegmentCodec.Header header = SegmentCodec.readHeader(badPayload, false);
    assertThatThrownBy(() -> SegmentCodec.readPayload(badPayload, header, ALLOC))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("segment.payload.crc32");
  }

  @Test
  void anLz4PayloadThatDoesNotDecompressToItsLengthIsAProtocolError() {
    byte[] text = "some text some text some text".getBytes();
    byte[] compressed = LZ4Factory.fastestInstance().fastCompressor().compress(text);
    ByteBuf lying = compressedSegment(compressed, text.length + 5);
    SegmentCodec.Header header = SegmentCodec.readHeader(lying, true);
    assertThatThrownBy(() -> SegmentCodec.readPayload(lying, header, ALLOC))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("segment.payload.lz4");

    ByteBuf garbage = compressedSegment(new byte[] {(byte) 0xF0, 1, 2, 3}, 1000);
    SegmentCodec.Header garbageHeader = SegmentCodec.readHeader(garbage, true);
    assertThatThrownBy(() -> SegmentCodec.readPayload(garbage, garbageHeader, ALLOC))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("segment.payload.lz4");
  }

  @Test
  void aLargeEnvelopeIsSplitOverSegmentsThatAreNotSelfContained() {
    ByteBuf envelope = Unpooled.buffer(SegmentCodec.MAX_PAYLOAD * 2 + 10);
    for (int i = 0; i < SegmentCodec.MAX_PAYLOAD * 2 + 10; i++) {
      envelope.writeByte(i * 31);
    }
    ByteBuf wire = Unpooled.buffer();
    SegmentCodec.wrap(wire, envelope, false);
    ByteBuf back = Unpooled.buffer();
    int segments = 0;
    while (wire.isReadable()) {
      SegmentCodec.Header header = SegmentCodec.readHeader(wire, false);
      assertThat(header.selfContained()).isFalse();
      ByteBuf payload = SegmentCodec.readPayload(wire, header, ALLOC);
      back.writeBytes(payload);
      payload.release();
      segments++;
    }
    assertThat(segments).isEqualTo(3);
    assertThat(back).isEqualTo(envelope);
    assertThatThrownBy(
            () ->
                SegmentCodec.write(
                    Unpooled.buffer(), envelope, 0, SegmentCodec.MAX_PAYLOAD + 1, false, false))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // §2.2: 17 bits of compressed length, 17 of uncompressed length, the self-contained flag
  private static ByteBuf compressedSegment(byte[] compressed, int uncompressedLength) {
    ByteBuf wire = Unpooled.buffer();
    long header = compressed.length | ((long) uncompressedLength << 17) | 1L << 34;
    wire.writeLongLE(header | ((long) SegmentCodec.crc24(header, 5) << 40));
    ByteBuf payload = Unpooled.wrappedBuffer(compressed);
    wire.writeBytes(payload);
    wire.writeIntLE(SegmentCodec.crc32(payload, 0, compressed.length));
    return wire;
  }

  private static ByteBuf bytes(String text) {
    return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
  }

  @Test
  void compressedSegmentsReadBackAndIncompressibleOnesAreStored() {
    ByteBuf text = bytes("well, well, well, well, well, well, well, well, well, well, well");
    ByteBuf wire = Unpooled.buffer();
    SegmentCodec.wrapCompressed(wire, text);
    SegmentCodec.Header header = SegmentCodec.readHeader(wire, true);
    assertThat(header.uncompressedLength()).isEqualTo(text.readableBytes());
    assertThat(header.payloadLength()).isLessThan(text.readableBytes());
    ByteBuf payload = SegmentCodec.readPayload(wire, header, ALLOC);
    assertThat(payload).isEqualTo(text);
    payload.release();

    ByteBuf random = Unpooled.buffer(64);
    new java.util.Random(7).ints(64).forEach(random::writeByte);
    ByteBuf stored = Unpooled.buffer();
    SegmentCodec.wrapCompressed(stored, random);
    SegmentCodec.Header storedHeader = SegmentCodec.readHeader(stored, true);
    assertThat(storedHeader.uncompressedLength()).as("stored as it is").isZero();
    ByteBuf back = SegmentCodec.readPayload(stored, storedHeader, ALLOC);
    assertThat(back).isEqualTo(random);
    back.release();
  }

  @Test
  void aLargeEnvelopeIsCompressedSegmentBySegment() {
    int size = SegmentCodec.MAX_PAYLOAD * 2 + 10;
    ByteBuf envelope = Unpooled.buffer(size);
    for (int i = 0; i < size; i++) {
      envelope.writeByte(i % 7);
    }
    ByteBuf wire = Unpooled.buffer();
    SegmentCodec.wrapCompressed(wire, envelope);
    assertThat(wire.readableBytes()).isLessThan(size / 10);
    ByteBuf back = Unpooled.buffer();
    int segments = 0;
    while (wire.isReadable()) {
      SegmentCodec.Header header = SegmentCodec.readHeader(wire, true);
      assertThat(header.selfContained()).isFalse();
      ByteBuf payload = SegmentCodec.readPayload(wire, header, ALLOC);
      back.writeBytes(payload);
      payload.release();
      segments++;
    }
    assertThat(segments).isEqualTo(3);
    assertThat(back).isEqualTo(envelope);
  }
}
