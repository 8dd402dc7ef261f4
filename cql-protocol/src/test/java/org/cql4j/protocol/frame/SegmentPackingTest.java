package org.cql4j.protocol.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.ProtocolException;
import org.cql4j.protocol.message.BoundValues;
import org.cql4j.protocol.message.ProtocolFeatures;
import org.cql4j.protocol.message.Query;
import org.cql4j.protocol.message.QueryParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link SegmentPacker} and {@link SegmentDecoder} together: small envelopes share one
 * self-contained segment, a large one is split (native_protocol_v5.spec §2), and every envelope
 * comes back whole, with and without LZ4; a broken stream is a {@link ProtocolException} naming the
 * check, and nothing leaks.
 */
class SegmentPackingTest {
  private final UnpooledByteBufAllocator alloc = new UnpooledByteBufAllocator(false);
  private final FrameCodec v5 =
      new FrameCodec(FrameHeader.DEFAULT_MAX_BODY_LENGTH, null, ProtocolFeatures.V5);

  private ByteBuf envelope(int stream, String cql) {
    return v5.encode(
        alloc,
        RequestEnvelope.of(
            stream, new Query(cql, QueryParameters.of(Consistency.ONE, BoundValues.EMPTY))));
  }

  private List<Query> decodeAll(ByteBuf wire, boolean compressed) {
    SegmentDecoder decoder =
        new SegmentDecoder(FrameHeader.DEFAULT_MAX_BODY_LENGTH, false, compressed);
    List<Object> frames = new ArrayList<>();
    decoder.decode(wire, alloc, frames);
    List<Query> queries = new ArrayList<>();
    for (Object o : frames) {
      Frame frame = (Frame) o;
      try {
        queries.add((Query) v5.decodeRequest(frame).message());
      } finally {
        frame.release();
      }
    }
    decoder.release();
    return queries;
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void manySmallEnvelopesShareOneSelfContainedSegment(boolean compressed) {
    SegmentPacker packer = new SegmentPacker(alloc, compressed);
    List<ByteBuf> segments = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      packer.add(envelope(i, "SELECT * FROM t WHERE k = " + i), segments::add);
    }
    assertThat(segments).as("nothing is sent before finish").isEmpty();
    packer.finish(segments::add);
    assertThat(segments).hasSize(1);
    ByteBuf wire = segments.get(0);
    assertThat(SegmentCodec.readHeader(wire, compressed).selfContained()).isTrue();
    if (compressed) {
      assertThat(SegmentCodec.readHeader(wire, true).uncompressedLength())
          .as("similar queries compress")
          .isGreaterThan(SegmentCodec.readHeader(wire, true).payloadLength());
    }
    List<Query> queries = decodeAll(wire, compressed);
    assertThat(queries).hasSize(100);
    assertThat(queries.get(42).query()).isEqualTo("SELECT * FROM t WHERE k = 42");
    assertThat(wire.isReadable()).isFalse();
    wire.release();
    assertThat(alloc.metric().usedHeapMemory() + alloc.metric().usedDirectMemory()).isZero();
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aLargeEnvelopeIsSplitAndReassembledBetweenSmallOnes(boolean compressed) {
    SegmentPacker packer = new SegmentPacker(alloc, compressed);
    ByteBuf wire = Unpooled.buffer();
    String large = "SELECT '" + "x".repeat(300_000) + "'";
    packer.add(envelope(1, "SELECT 1"), b -> append(wire, b));
    packer.add(envelope(2, large), b -> append(wire, b));
    packer.add(envelope(3, "SELECT 3"), b -> append(wire, b));
    packer.finish(b -> append(wire, b));

    List<Query> queries = decodeAll(wire, compressed);
    assertThat(queries).extracting(Query::query).containsExactly("SELECT 1", large, "SELECT 3");
    wire.release();
  }

  @Test
  void segmentsArriveInPiecesAndAreDecodedWhenWhole() {
    SegmentPacker packer = new SegmentPacker(alloc, false);
    ByteBuf wire = Unpooled.buffer();
    packer.add(envelope(1, "SELECT '" + "y".repeat(200_000) + "'"), b -> append(wire, b));
    SegmentDecoder decoder = new SegmentDecoder(FrameHeader.DEFAULT_MAX_BODY_LENGTH, false, false);
    ByteBuf cumulation = Unpooled.buffer();
    List<Object> frames = new ArrayList<>();
    while (wire.isReadable()) {
      cumulation.writeBytes(wire, Math.min(wire.readableBytes(), 7919));
      decoder.decode(cumulation, alloc, frames);
      cumulation.discardReadBytes();
    }
    assertThat(frames).hasSize(1);
    ((Frame) frames.get(0)).release();
    wire.release();
    cumulation.release();
  }

  @Test
  void aCorruptedPayloadIsNamed() {
    SegmentPacker packer = new SegmentPacker(alloc, false);
    ByteBuf wire = Unpooled.buffer();
    packer.add(envelope(1, "SELECT 1"), b -> append(wire, b));
    packer.finish(b -> append(wire, b));
    wire.setByte(10, wire.getByte(10) ^ 0x01);
    assertThatThrownBy(() -> decodeAll(wire, false))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("segment.payload.crc32");
    wire.release();
  }

  @Test
  void aSelfContainedSegmentEndingInsideAnEnvelopeIsRefused() {
    ByteBuf envelope = envelope(1, "SELECT 1");
    ByteBuf wire = Unpooled.buffer();
    SegmentCodec.write(wire, envelope, 0, envelope.readableBytes() - 1, true, false);
    assertThatThrownBy(() -> decodeAll(wire, false))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("ends inside an envelope");
    envelope.release();
    wire.release();
  }

  @Test
  void aLargeEnvelopeInterruptedOrOverfilledIsRefused() {
    ByteBuf envelope = envelope(1, "SELECT '" + "z".repeat(200_000) + "'");
    ByteBuf interrupted = Unpooled.buffer();
    SegmentCodec.write(interrupted, envelope, 0, SegmentCodec.MAX_PAYLOAD, false, false);
    SegmentCodec.write(interrupted, envelope, 0, 9, true, false);
    assertThatThrownBy(() -> decodeAll(interrupted, false))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("segment.selfContained");

    ByteBuf overfilled = Unpooled.buffer();
    SegmentCodec.write(overfilled, envelope, 0, SegmentCodec.MAX_PAYLOAD, false, false);
    SegmentCodec.write(overfilled, envelope, 0, SegmentCodec.MAX_PAYLOAD, false, false);
    assertThatThrownBy(() -> decodeAll(overfilled, false))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("more than the envelope");
    envelope.release();
    interrupted.release();
    overfilled.release();
  }

  @Test
  void aFirstSegmentLongerThanItsLargeEnvelopeIsRefusedBeforeItIsBuffered() {
    // found by SegmentFuzzTest: the first part of a large envelope holds more bytes than the
    // envelope's header announces (here a whole 17-byte envelope and 3 more)
    ByteBuf envelope = envelope(1, "SELECT 1");
    ByteBuf payload = Unpooled.buffer().writeBytes(envelope).writeZero(3);
    ByteBuf wire = Unpooled.buffer();
    SegmentCodec.write(wire, payload, 0, payload.readableBytes(), false, false);
    SegmentDecoder decoder = new SegmentDecoder(FrameHeader.DEFAULT_MAX_BODY_LENGTH, false, false);
    assertThatThrownBy(() -> decoder.decode(wire, alloc, new ArrayList<>()))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("more than the envelope");
    decoder.release();
    envelope.release();
    payload.release();
    wire.release();
    assertThat(alloc.metric().usedHeapMemory()).isZero();
  }

  @Test
  void anEnvelopeOverTheBodyLimitIsRefusedBeforeItIsBuffered() {
    ByteBuf envelope = envelope(1, "SELECT '" + "w".repeat(200_000) + "'");
    ByteBuf wire = Unpooled.buffer();
    SegmentCodec.write(wire, envelope, 0, SegmentCodec.MAX_PAYLOAD, false, false);
    SegmentDecoder decoder = new SegmentDecoder(1024, false, false);
    assertThatThrownBy(() -> decoder.decode(wire, alloc, new ArrayList<>()))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("frame.length");
    envelope.release();
    wire.release();
    assertThat(alloc.metric().usedHeapMemory()).isZero();
  }

  private static void append(ByteBuf wire, ByteBuf segment) {
    wire.writeBytes(segment);
    segment.release();
  }
}
