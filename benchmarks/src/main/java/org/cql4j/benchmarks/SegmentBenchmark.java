package org.cql4j.benchmarks;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.frame.Frame;
import org.cql4j.protocol.frame.FrameCodec;
import org.cql4j.protocol.frame.FrameDecoder;
import org.cql4j.protocol.frame.FrameHeader;
import org.cql4j.protocol.frame.RequestEnvelope;
import org.cql4j.protocol.frame.ResponseEnvelope;
import org.cql4j.protocol.frame.SegmentDecoder;
import org.cql4j.protocol.frame.SegmentPacker;
import org.cql4j.protocol.message.BoundValues;
import org.cql4j.protocol.message.Execute;
import org.cql4j.protocol.message.ProtocolFeatures;
import org.cql4j.protocol.message.QueryParameters;
import org.cql4j.protocol.message.VoidResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What protocol v5's framing adds per request on the client (native_protocol_v5.spec §2): packing a
 * drain of 16 EXECUTE frames into a segment (one copy, a CRC24 and a CRC32) against writing them
 * bare as v4 does, and cutting 16 answers out of a segment against cutting 16 bare v4 frames. One
 * operation is 16 frames; divide by 16 for a request.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SegmentBenchmark {
  private static final int FRAMES = 16;

  /** The size of each answer's body: a Void result, or a row of about 1.4 KB. */
  @Param({"4", "1400"})
  public int answerBytes;

  private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
  private final List<ByteBuf> requests = new ArrayList<>();
  private ByteBuf bareAnswers;
  private ByteBuf segmentAnswers;
  private SegmentPacker packer;
  private final SegmentDecoder segmentDecoder =
      new SegmentDecoder(FrameHeader.DEFAULT_MAX_BODY_LENGTH, true, false);
  private final FrameDecoder frameDecoder = FrameDecoder.forClient();
  private final List<Object> out = new ArrayList<>(FRAMES);
  private int packed;
  private final Consumer<ByteBuf> sink = this::sent;

  /** Encodes the requests, and the answers both bare (v4) and in one segment (v5). */
  @Setup
  public void setUp() {
    FrameCodec v5 = new FrameCodec(FrameHeader.DEFAULT_MAX_BODY_LENGTH, null, ProtocolFeatures.V5);
    Execute execute =
        new Execute(
            new byte[16], new byte[16], QueryParameters.of(Consistency.ONE, BoundValues.EMPTY));
    for (int i = 0; i < FRAMES; i++) {
      requests.add(v5.encode(alloc, RequestEnvelope.of(i, execute)));
    }
    // each answer's body padded to answerBytes (a Void result's kind, then zeros)
    bareAnswers = alloc.buffer();
    for (int i = 0; i < FRAMES; i++) {
      ByteBuf frame = v5.encode(alloc, ResponseEnvelope.of(i, new VoidResult()));
      frame.setInt(5, answerBytes);
      bareAnswers.writeBytes(frame);
      frame.release();
      bareAnswers.writeZero(answerBytes - 4);
    }
    segmentAnswers = alloc.buffer();
    SegmentPacker answers = new SegmentPacker(alloc, false);
    answers.add(bareAnswers.retainedDuplicate(), this::appendAnswers);
    answers.finish(this::appendAnswers);
    packer = new SegmentPacker(alloc, false);
  }

  private void appendAnswers(ByteBuf segment) {
    segmentAnswers.writeBytes(segment);
    segment.release();
  }

  /** Releases the buffers. */
  @TearDown
  public void tearDown() {
    requests.forEach(ByteBuf::release);
    bareAnswers.release();
    segmentAnswers.release();
  }

  /** v5: 16 EXECUTE frames packed into one segment. */
  @Benchmark
  public int packRequestsV5() {
    packed = 0;
    for (ByteBuf request : requests) {
      packer.add(request.retainedDuplicate(), sink);
    }
    packer.finish(sink);
    return packed;
  }

  private void sent(ByteBuf segment) {
    packed += segment.readableBytes();
    segment.release();
  }

  /** v4, for comparison: 16 EXECUTE frames copied into one buffer (the writer's coalescing). */
  @Benchmark
  public int coalesceRequestsV4() {
    ByteBuf out = alloc.ioBuffer(16 * 1024);
    for (ByteBuf request : requests) {
      out.writeBytes(request, request.readerIndex(), request.readableBytes());
    }
    int size = out.readableBytes();
    out.release();
    return size;
  }

  /** v5: 16 answers cut out of one segment (CRCs checked, payload copied once). */
  @Benchmark
  public int cutAnswersV5() {
    ByteBuf cumulation = segmentAnswers.retainedDuplicate();
    try {
      segmentDecoder.decode(cumulation, alloc, out);
      return releaseAll();
    } finally {
      cumulation.release();
    }
  }

  /** v4, for comparison: 16 bare answers cut out of the bytes read. */
  @Benchmark
  public int cutAnswersV4() {
    ByteBuf cumulation = bareAnswers.retainedDuplicate();
    try {
      Frame frame;
      while ((frame = frameDecoder.decode(cumulation)) != null) {
        out.add(frame);
      }
      return releaseAll();
    } finally {
      cumulation.release();
    }
  }

  private int releaseAll() {
    int n = out.size();
    for (Object o : out) {
      ((Frame) o).release();
    }
    out.clear();
    return n;
  }
}
