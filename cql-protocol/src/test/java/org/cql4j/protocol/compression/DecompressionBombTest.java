package org.cql4j.protocol.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import net.jpountz.lz4.LZ4Factory;
import org.cql4j.protocol.ProtocolException;
import org.cql4j.protocol.frame.Frame;
import org.cql4j.protocol.frame.FrameCodec;
import org.cql4j.protocol.frame.FrameDecoder;
import org.cql4j.protocol.frame.FrameHeader;
import org.cql4j.protocol.frame.SegmentCodec;
import org.cql4j.protocol.frame.SegmentDecoder;
import org.cql4j.protocol.internal.wire.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Decompression bombs stay rejected: a compressed body or segment that claims, or would expand to,
 * more than the frame limit is refused with a {@link ProtocolException} before the driver allocates
 * for it (house rule 5: never trust a length on the wire). The allocator records every request, so
 * each test shows what was allocated, not only that decoding failed.
 */
class DecompressionBombTest {
  private static final int LIMIT = FrameHeader.DEFAULT_MAX_BODY_LENGTH; // 256 MiB
  private static final int MIB = 1024 * 1024;

  private final RecordingAllocator alloc = new RecordingAllocator();

  // native_protocol_v4.spec §5: an LZ4 body is a 4-byte big-endian uncompressed length, then a
  // block
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "2 GiB - 1 from 2 bytes, 7f ff ff ff 00 00, declared 2147483647 bytes, over the frame limit",
    "257 MiB from 6 bytes, 10 10 00 00 1f 00 01 00 00 00, declared 269484032 bytes, over the frame",
    "-2 GiB, 80 00 00 00 00 00, negative length -2147483648, lz4.uncompressed_length",
    "16 MiB from 5 bytes, 01 00 00 00 1f 00 01 00 00, cannot come from 5 compressed bytes, lz4",
  })
  void anLz4BodyClaimingTooMuchIsRefusedBeforeAnyAllocation(
      String what, String hex, String message, String more) {
    assertRefusedBeforeAnyAllocation(Compressors.lz4(), hex, message, more);
  }

  // native_protocol_v4.spec §5: a Snappy body is one raw block, which starts with its uncompressed
  // length as a little-endian base-128 varint
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "2 GiB from 6 bytes, 80 80 80 80 08 00, declared 2147483648 bytes, over the frame limit",
    "4 GiB - 1 from 6 bytes, ff ff ff ff 0f 00, declared 4294967295 bytes, over the frame limit",
    "a 6-byte varint, 80 80 80 80 80 01, varint longer than 5 bytes, snappy.uncompressed_length",
    "a truncated varint, 80 80, truncated varint, snappy.uncompressed_length",
    "256 MiB from 6 bytes, 80 80 80 80 01 00, cannot come from 6 compressed bytes, snappy",
  })
  void aSnappyBodyClaimingTooMuchIsRefusedBeforeAnyAllocation(
      String what, String hex, String message, String more) {
    assertRefusedBeforeAnyAllocation(Compressors.snappy(), hex, message, more);
  }

  private void assertRefusedBeforeAnyAllocation(
      Compressor compressor, String hex, String message, String more) {
    ByteBuf body = Hex.buf(hex);
    try {
      assertThatThrownBy(() -> compressor.decompress(body, alloc, LIMIT))
          .isInstanceOf(ProtocolException.class)
          .hasMessageContaining(message)
          .hasMessageContaining(more);
      assertThat(alloc.largest).as("bytes allocated").isZero();
    } finally {
      body.release();
    }
  }

  /** A forged v4 RESULT with the compression flag: the response fails, the frame was fine. */
  @Test
  void aCompressedResponseClaimingTwoGibibytesFailsItsOwnDecodingOnly() {
    // version 0x84 (v4 response), flags 0x01 (compressed), stream 5, RESULT, a 6-byte body
    ByteBuf wire = Hex.buf("84 01 00 05 08 00 00 00 06 7f ff ff ff 00 00");
    Frame frame = FrameDecoder.forClient().decode(wire);
    try {
      assertThat(frame.header().streamId()).isEqualTo(5);
      FrameCodec codec = FrameCodec.defaults().withCompressor(Compressors.lz4());
      assertThatThrownBy(() -> codec.decodeResponse(frame))
          .isInstanceOf(ProtocolException.class)
          .hasMessageContaining("declared 2147483647 bytes, over the frame limit of 268435456");
    } finally {
      frame.release();
      wire.release();
    }
  }

  /** Real compressors on 4 MiB of zeros: an honest length over the limit is refused unread. */
  @Test
  void aSmallBodyThatWouldExpandBeyondTheLimitIsRefusedBeforeDecompressing() {
    for (Compressor compressor : List.of(Compressors.lz4(), Compressors.snappy())) {
      ByteBuf zeros = Unpooled.buffer(4 * MIB).writeZero(4 * MIB);
      ByteBuf compressed = Unpooled.buffer();
      try {
        compressor.compress(zeros, compressed);
        assertThat(compressed.readableBytes())
            .as("%s of 4 MiB of zeros", compressor.algorithm())
            .isLessThan(4 * MIB / 20);
        alloc.largest = 0;
        assertThatThrownBy(() -> compressor.decompress(compressed, alloc, MIB))
            .isInstanceOf(ProtocolException.class)
            .hasMessageContaining("declared 4194304 bytes, over the frame limit of 1048576");
        assertThat(alloc.largest).as("bytes allocated by %s", compressor.algorithm()).isZero();
      } finally {
        zeros.release();
        compressed.release();
      }
    }
  }

  /** A length that lies low: the data would expand past it, and nothing is written past it. */
  @Test
  void anLz4BodyExpandingBeyondItsDeclaredLengthIsRefusedWithinIt() {
    ByteBuf zeros = Unpooled.buffer(MIB).writeZero(MIB);
    ByteBuf compressed = Unpooled.buffer();
    try {
      Compressors.lz4().compress(zeros, compressed);
      compressed.setInt(0, 1000); // 1 MiB inside, 1000 bytes declared
      assertThatThrownBy(() -> Compressors.lz4().decompress(compressed, alloc, LIMIT))
          .isInstanceOf(ProtocolException.class)
          .hasMessageContaining("lz4.body")
          .hasMessageContaining("malformed LZ4 data");
      assertThat(alloc.largest).as("bytes allocated").isEqualTo(1000);
      assertThat(alloc.live()).as("buffers not released").isZero();
    } finally {
      zeros.release();
      compressed.release();
    }
  }

  /** The same lie in Snappy's varint: the block no longer validates, and nothing is written. */
  @Test
  void aSnappyBodyExpandingBeyondItsDeclaredLengthIsRefusedWithinIt() {
    ByteBuf zeros = Unpooled.buffer(MIB).writeZero(MIB);
    ByteBuf compressed = Unpooled.buffer();
    try {
      Compressors.snappy().compress(zeros, compressed);
      assertThat(Hex.of(compressed.slice(0, 3))).isEqualTo("80 80 40"); // varint 1 MiB
      ByteBuf lying =
          Unpooled.wrappedBuffer(
              Hex.buf("e8 07"), compressed.retainedSlice(3, compressed.readableBytes() - 3));
      try {
        assertThatThrownBy(() -> Compressors.snappy().decompress(lying, alloc, LIMIT))
            .isInstanceOf(ProtocolException.class)
            .hasMessageContaining("snappy.body")
            .hasMessageContaining("malformed Snappy data");
        assertThat(alloc.largest).as("bytes allocated").isLessThanOrEqualTo(1000);
        assertThat(alloc.live()).as("buffers not released").isZero();
      } finally {
        lying.release();
      }
    } finally {
      zeros.release();
      compressed.release();
    }
  }

  /**
   * native_protocol_v5.spec §2.2: a segment's uncompressed length has 17 bits, so no header can
   * claim more than 128 KiB - 1; data that would expand past the length is refused.
   */
  @Test
  void aV5SegmentCannotClaimMoreThanAPayloadAndCannotExpandPastItsClaim() {
    // every bit of the uncompressed length set: the most a header can say
    long header = 4L | ((long) SegmentCodec.MAX_PAYLOAD << 17) | 1L << 34;
    ByteBuf garbage = segment(header, new byte[] {(byte) 0xF0, 1, 2, 3});
    SegmentCodec.Header claimed = SegmentCodec.readHeader(garbage, true);
    assertThat(claimed.uncompressedLength()).isEqualTo((1 << 17) - 1);
    assertThatThrownBy(() -> SegmentCodec.readPayload(garbage, claimed, alloc))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("segment.payload.lz4");

    // 1 MiB of zeros in one LZ4 block (about 4 KiB), in a segment that says 128 KiB - 1
    byte[] bomb = LZ4Factory.fastestInstance().fastCompressor().compress(new byte[MIB]);
    assertThat(bomb.length).isLessThan(SegmentCodec.MAX_PAYLOAD);
    long bombHeader = bomb.length | ((long) SegmentCodec.MAX_PAYLOAD << 17) | 1L << 34;
    ByteBuf expanding = segment(bombHeader, bomb);
    SegmentCodec.Header bombClaim = SegmentCodec.readHeader(expanding, true);
    assertThatThrownBy(() -> SegmentCodec.readPayload(expanding, bombClaim, alloc))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("segment.payload.lz4");
    assertThat(alloc.largest).as("bytes allocated through the allocator").isZero();
    garbage.release();
    expanding.release();
  }

  /**
   * A large v5 envelope whose header claims 2 GiB: refused on its first segment, before anything is
   * buffered for it (the frame limit applies to the envelope, whatever the segments say).
   */
  @Test
  void aV5EnvelopeClaimingTwoGibibytesIsRefusedOnItsFirstSegment() {
    // an envelope header (v5 response, RESULT, body 2^31 - 1) and a few body bytes, compressed
    ByteBuf part = Hex.buf("85 00 00 01 08 7f ff ff ff 00 00 00 02 00 00 00 00");
    ByteBuf wire = Unpooled.buffer();
    SegmentCodec.writeCompressed(wire, part, 0, part.readableBytes(), false);
    SegmentDecoder decoder = new SegmentDecoder(LIMIT, true, true);
    List<Object> out = new ArrayList<>();
    try {
      assertThatThrownBy(() -> decoder.decode(wire, alloc, out))
          .isInstanceOf(ProtocolException.class)
          .hasMessageContaining("frame.length")
          .hasMessageContaining("2147483647 is over the limit of 268435456");
      assertThat(out).isEmpty();
      assertThat(alloc.largest).as("bytes allocated").isLessThanOrEqualTo(part.readableBytes());
      assertThat(alloc.live()).as("buffers not released").isZero();
    } finally {
      decoder.release();
      part.release();
      wire.release();
    }
  }

  // a compressed-format segment (8-byte header with its CRC24, payload, CRC32) around a payload
  private static ByteBuf segment(long header, byte[] payload) {
    ByteBuf wire = Unpooled.buffer();
    wire.writeLongLE(header | ((long) SegmentCodec.crc24(header, 5) << 40));
    wire.writeBytes(payload);
    wire.writeIntLE(SegmentCodec.crc32(Unpooled.wrappedBuffer(payload), 0, payload.length));
    return wire;
  }

  /**
   * Records the largest buffer asked for; buffers come from an unpooled allocator whose metric
   * tells how many bytes are still unreleased.
   */
  private static final class RecordingAllocator extends AbstractByteBufAllocator {
    private final UnpooledByteBufAllocator buffers = new UnpooledByteBufAllocator(false, true);
    int largest;

    RecordingAllocator() {
      super(false);
    }

    @Override
    protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
      largest = Math.max(largest, initialCapacity);
      return buffers.heapBuffer(initialCapacity, maxCapacity);
    }

    @Override
    protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
      largest = Math.max(largest, initialCapacity);
      return buffers.directBuffer(initialCapacity, maxCapacity);
    }

    @Override
    public boolean isDirectBufferPooled() {
      return false;
    }

    long live() {
      return buffers.metric().usedHeapMemory() + buffers.metric().usedDirectMemory();
    }
  }
}
