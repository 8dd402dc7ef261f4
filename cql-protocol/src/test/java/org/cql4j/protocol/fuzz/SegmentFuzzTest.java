package org.cql4j.protocol.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.ProtocolException;
import org.cql4j.protocol.errors.DbError;
import org.cql4j.protocol.frame.Frame;
import org.cql4j.protocol.frame.FrameCodec;
import org.cql4j.protocol.frame.ResponseEnvelope;
import org.cql4j.protocol.frame.SegmentCodec;
import org.cql4j.protocol.frame.SegmentDecoder;
import org.cql4j.protocol.frame.SegmentPacker;
import org.cql4j.protocol.message.ErrorMessage;
import org.cql4j.protocol.message.ProtocolFeatures;
import org.cql4j.protocol.message.Response;
import org.cql4j.protocol.message.RowsMetadata;
import org.cql4j.protocol.message.RowsResult;
import org.cql4j.protocol.message.SetKeyspaceResult;
import org.cql4j.protocol.message.VoidResult;
import org.cql4j.protocol.types.ColumnSpec;
import org.cql4j.protocol.types.ColumnType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded fuzzing of the v5 segment decoder (native_protocol_v5.spec §2) and of the envelopes it
 * yields: mutated segment streams, with and without LZ4, some with their CRCs recomputed so that
 * the damage reaches the envelopes. Every input decodes or fails with a {@link ProtocolException};
 * nothing else escapes, nothing leaks.
 *
 * <p>{@code -Dcql4j.fuzz.iterations=N} (default 100000) and {@code -Dcql4j.fuzz.seed=S} reproduce
 * or extend a run; a failure prints the seed, the iteration and the input.
 */
class SegmentFuzzTest {
  private static final int ITERATIONS = Integer.getInteger("cql4j.fuzz.iterations", 100_000);
  private static final long SEED = Long.getLong("cql4j.fuzz.seed", 0x5E6L);

  private final UnpooledByteBufAllocator alloc = new UnpooledByteBufAllocator(false);
  private final FrameCodec v5 = new FrameCodec(1 << 20, null, ProtocolFeatures.V5);

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void segmentDecodingNeverThrowsAnythingButProtocolExceptionAndNeverLeaks() {
    List<byte[]> plain = corpus(false);
    List<byte[]> lz4 = corpus(true);
    Random random = new Random(SEED);
    int decoded = 0;
    for (int iteration = 0; iteration < ITERATIONS; iteration++) {
      boolean compressed = random.nextBoolean();
      List<byte[]> corpus = compressed ? lz4 : plain;
      byte[] input = mutate(corpus.get(random.nextInt(corpus.size())), compressed, random);
      try {
        decoded += decode(input, compressed, random);
      } catch (ProtocolException expected) {
        assertThat(expected.getMessage()).doesNotContain("could not be decoded");
      } catch (Throwable t) {
        fail(
            "seed "
                + SEED
                + " iteration "
                + iteration
                + ": "
                + t
                + " for input "
                + ByteBufUtil.hexDump(input),
            t);
      }
      assertThat(alloc.metric().usedHeapMemory() + alloc.metric().usedDirectMemory())
          .as("bytes leaked at seed %d iteration %d", SEED, iteration)
          .isZero();
    }
    assertThat(decoded).as("some mutated streams still decode").isGreaterThan(ITERATIONS / 50);
  }

  private int decode(byte[] input, boolean compressed, Random random) {
    SegmentDecoder decoder =
        new SegmentDecoder(random.nextBoolean() ? 1 << 20 : 512, true, compressed);
    ByteBuf cumulation = alloc.heapBuffer(input.length);
    cumulation.writeBytes(input);
    List<Object> frames = new ArrayList<>();
    int messages = 0;
    try {
      decoder.decode(cumulation, alloc, frames);
      for (Object o : frames) {
        Response message = v5.decodeResponse((Frame) o).message();
        if (message instanceof RowsResult rows) {
          rows.release();
        }
        messages++;
      }
      return messages;
    } finally {
      frames.forEach(o -> ((Frame) o).release());
      decoder.release();
      cumulation.release();
    }
  }

  private List<byte[]> corpus(boolean compressed) {
    List<List<Response>> streams =
        List.of(
            List.of(new VoidResult()),
            List.of(new VoidResult(), new SetKeyspaceResult("ks"), new VoidResult()),
            List.of(ErrorMessage.of(new DbError.CasWriteUnknown(Consistency.SERIAL, 1, 2), "cas")),
            List.of(rows(40)),
            List.of(rows(1), rows(300_000 / 12)), // a large envelope split over segments
            List.of(rows(15_000), new VoidResult()));
    List<byte[]> corpus = new ArrayList<>();
    for (List<Response> stream : streams) {
      SegmentPacker packer = new SegmentPacker(alloc, compressed);
      ByteBuf wire = alloc.heapBuffer();
      int streamId = 0;
      for (Response response : stream) {
        ByteBuf frame = v5.encode(alloc, ResponseEnvelope.of(streamId++, response));
        packer.add(frame, b -> append(wire, b));
        if (response instanceof RowsResult rows) {
          rows.release();
        }
      }
      packer.finish(b -> append(wire, b));
      corpus.add(ByteBufUtil.getBytes(wire));
      wire.release();
    }
    return corpus;
  }

  private RowsResult rows(int count) {
    ColumnSpec k = new ColumnSpec("ks", "t", "k", ColumnType.INT);
    ColumnSpec v = new ColumnSpec("ks", "t", "v", ColumnType.INT);
    ByteBuf content = alloc.heapBuffer();
    for (int i = 0; i < count; i++) {
      content.writeInt(4).writeInt(i).writeInt(-1);
    }
    RowsMetadata metadata =
        new RowsMetadata(RowsMetadata.GLOBAL_TABLES_SPEC, 2, null, null, List.of(k, v));
    return new RowsResult(metadata, count, content);
  }

  private static void append(ByteBuf wire, ByteBuf segment) {
    wire.writeBytes(segment);
    segment.release();
  }

  private static byte[] mutate(byte[] original, boolean compressed, Random random) {
    byte[] b = original.clone();
    int headerLength =
        compressed ? SegmentCodec.HEADER_COMPRESSED : SegmentCodec.HEADER_UNCOMPRESSED;
    switch (random.nextInt(5)) {
      case 0 -> { // bit flips anywhere: caught by the CRCs
        int flips = 1 + random.nextInt(4);
        for (int i = 0; i < flips; i++) {
          int bit = random.nextInt(b.length * 8);
          b[bit / 8] ^= (byte) (1 << (bit % 8));
        }
      }
      case 1 -> b = Arrays.copyOf(b, random.nextInt(b.length + 1)); // truncation
      case 2 -> { // random bytes appended: a partial or a broken segment
        b = Arrays.copyOf(b, b.length + 1 + random.nextInt(16));
        for (int i = original.length; i < b.length; i++) {
          b[i] = (byte) random.nextInt();
        }
      }
      default -> { // the first payload damaged, its CRC32 recomputed: the envelopes see it
        if (!compressed) {
          damageUnderValidCrc(b, headerLength, random);
        } else {
          int bit = random.nextInt(b.length * 8);
          b[bit / 8] ^= (byte) (1 << (bit % 8));
        }
      }
    }
    return b;
  }

  // uncompressed stream: rewrite bytes of the first payload and fix its CRC32
  private static void damageUnderValidCrc(byte[] b, int headerLength, Random random) {
    int length = (b[0] & 0xFF) | (b[1] & 0xFF) << 8 | (b[2] & 0x01) << 16;
    if (length == 0 || headerLength + length + SegmentCodec.TRAILER > b.length) {
      return;
    }
    int edits = 1 + random.nextInt(4);
    for (int i = 0; i < edits; i++) {
      int at = headerLength + random.nextInt(length);
      b[at] = random.nextInt(3) == 0 ? (byte) 0xFF : (byte) random.nextInt();
    }
    ByteBuf buf = Unpooled.wrappedBuffer(b);
    int crc = SegmentCodec.crc32(buf, headerLength, length);
    buf.setIntLE(headerLength + length, crc);
  }
}
