package org.cql4j.protocol.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.ProtocolException;
import org.cql4j.protocol.errors.DbError;
import org.cql4j.protocol.frame.Frame;
import org.cql4j.protocol.frame.FrameCodec;
import org.cql4j.protocol.frame.RequestEnvelope;
import org.cql4j.protocol.frame.ResponseEnvelope;
import org.cql4j.protocol.frame.SegmentCodec;
import org.cql4j.protocol.frame.SegmentDecoder;
import org.cql4j.protocol.frame.SegmentPacker;
import org.cql4j.protocol.message.Batch;
import org.cql4j.protocol.message.ErrorMessage;
import org.cql4j.protocol.message.Execute;
import org.cql4j.protocol.message.ProtocolFeatures;
import org.cql4j.protocol.message.Query;
import org.cql4j.protocol.message.QueryParameters;
import org.cql4j.protocol.message.RawValues;
import org.cql4j.protocol.message.Register;
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
 * yields, with and without LZ4. Every input decodes or fails with a {@link ProtocolException};
 * nothing else escapes, nothing leaks, nothing hangs.
 *
 * <p>Two kinds of input. Raw: well-formed segment streams with bits flipped, truncated or with
 * bytes appended, which the CRCs must catch. Structured: envelopes (mostly small, rarely one over
 * the 128 KiB payload limit), damaged or not, cut into segments with valid CRCs at random places
 * and with random self-contained flags, LZ4-compressed or not, so that the damage reaches the
 * reassembly of large envelopes and the envelopes themselves. Both are delivered in one to three
 * reads. The seed, the count and replaying one input: see {@link Fuzzer}.
 */
class SegmentFuzzTest {
  private static final int LARGE_ONE_IN = 512;

  // counts exactly what it hands out; no leak detector: stack traces per access would cost 10x
  private final UnpooledByteBufAllocator alloc = new UnpooledByteBufAllocator(false, true);
  // builds the inputs; not counted
  private final UnpooledByteBufAllocator tools = new UnpooledByteBufAllocator(false, true);
  private final FrameCodec v5 = new FrameCodec(1 << 20, null, ProtocolFeatures.V5);

  private final List<byte[]> responses = new ArrayList<>();
  private final List<byte[]> requests = new ArrayList<>();
  private final List<byte[]> largeResponses = new ArrayList<>();
  private final List<byte[]> plainStreams = new ArrayList<>();
  private final List<byte[]> lz4Streams = new ArrayList<>();
  private byte[] envelopes = new byte[1 << 20];
  private byte[] wireBytes = new byte[1 << 20];
  private ByteBuf wire;

  @Test
  @Timeout(value = 12, unit = TimeUnit.HOURS) // -Pfuzz-long; Fuzzer's watchdog catches a hang
  void segmentDecodingNeverThrowsAnythingButProtocolExceptionAndNeverLeaks() {
    corpus();
    wire = tools.heapBuffer(1 << 20);
    try {
      Fuzzer.Result result =
          Fuzzer.of("segment decoder")
              .expecting(t -> t instanceof ProtocolException)
              .leakCheck(() -> alloc.metric().usedHeapMemory() + alloc.metric().usedDirectMemory())
              .run(this::fuzz);
      if (result.inputs() >= 10_000) {
        assertThat(result.decoded())
            .as("some damaged streams still decode")
            .isGreaterThan(result.inputs() / 50);
      }
    } finally {
      wire.release();
    }
  }

  private boolean fuzz(Random random, Fuzzer.Input input) {
    boolean compressed = random.nextBoolean();
    boolean responses = random.nextInt(8) != 0;
    int length =
        random.nextInt(4) == 0
            ? raw(compressed, random)
            : structured(compressed, responses, random);
    input
        .bytes(wireBytes, length)
        .label((compressed ? "LZ4" : "uncompressed") + (responses ? " responses" : " requests"));
    boolean clientSide = responses ^ random.nextInt(32) == 0;
    return decode(wireBytes, length, compressed, clientSide, random);
  }

  // a packed stream, damaged as bytes on the wire: the CRCs must catch it
  private int raw(boolean compressed, Random random) {
    List<byte[]> streams = compressed ? lz4Streams : plainStreams;
    // the last two streams carry large envelopes: rare, as they cost a hundred small ones
    int pick =
        random.nextInt(LARGE_ONE_IN) == 0
            ? streams.size() - 2 + random.nextInt(2)
            : random.nextInt(streams.size() - 2);
    byte[] original = streams.get(pick);
    int length = original.length;
    System.arraycopy(original, 0, wireBytes, 0, length);
    switch (random.nextInt(4)) {
      case 0 -> Mutations.flipBits(wireBytes, length, 4, random);
      case 1 -> Mutations.nastyInt(wireBytes, length, random);
      case 2 -> length = random.nextInt(length + 1);
      default -> {
        int extra = 1 + random.nextInt(16);
        for (int i = length; i < length + extra; i++) {
          wireBytes[i] = (byte) random.nextInt();
        }
        length += extra;
      }
    }
    return length;
  }

  // envelopes, damaged or not, cut into segments with valid CRCs
  private int structured(boolean compressed, boolean responses, Random random) {
    int length = 0;
    if (responses && random.nextInt(LARGE_ONE_IN) == 0) {
      byte[] large = largeResponses.get(random.nextInt(largeResponses.size()));
      System.arraycopy(large, 0, envelopes, 0, large.length);
      length = large.length;
    } else {
      List<byte[]> corpus = responses ? this.responses : requests;
      for (int n = 1 + random.nextInt(4); n > 0; n--) {
        byte[] e = corpus.get(random.nextInt(corpus.size()));
        System.arraycopy(e, 0, envelopes, length, e.length);
        length += e.length;
      }
    }
    switch (random.nextInt(8)) {
      case 0 -> Mutations.flipBits(envelopes, length, 4, random);
      case 1 -> Mutations.nastyInt(envelopes, length, random);
      case 2 -> Mutations.nastyShort(envelopes, length, random);
      case 3 -> length = random.nextInt(length + 1);
      case 4 -> Mutations.scramble(envelopes, 0, length, 64, random);
      default -> {} // intact envelopes: only the segmentation may be wrong
    }
    ByteBuf source = Unpooled.wrappedBuffer(envelopes, 0, length);
    wire.clear();
    if (random.nextBoolean()) { // as a sender packs them
      if (compressed) {
        SegmentCodec.wrapCompressed(wire, source);
      } else {
        SegmentCodec.wrap(wire, source, false);
      }
    } else { // cut anywhere, flags anyhow
      int pieces = 1 + random.nextInt(4);
      int from = 0;
      for (int i = 0; i < pieces && from <= length; i++) {
        int rest = length - from;
        int piece = i == pieces - 1 ? rest : random.nextInt(rest + 1);
        piece = Math.min(piece, SegmentCodec.MAX_PAYLOAD);
        boolean natural = pieces == 1 && rest <= SegmentCodec.MAX_PAYLOAD;
        boolean selfContained = random.nextInt(3) == 0 ? !natural : natural;
        if (compressed && random.nextBoolean()) {
          SegmentCodec.writeCompressed(wire, source, from, piece, selfContained);
        } else {
          SegmentCodec.write(wire, source, from, piece, selfContained, compressed);
        }
        from += piece;
        if (from == length) {
          break;
        }
      }
    }
    int wireLength = wire.readableBytes();
    if (wireBytes.length < wireLength + 16) {
      wireBytes = new byte[wireLength + 16];
    }
    wire.getBytes(0, wireBytes, 0, wireLength);
    return wireLength;
  }

  /** Delivers the bytes in one to three reads, then decodes every envelope that came out. */
  private boolean decode(
      byte[] input, int length, boolean compressed, boolean clientSide, Random random) {
    SegmentDecoder decoder =
        new SegmentDecoder(random.nextInt(8) == 0 ? 512 : 1 << 20, clientSide, compressed);
    ByteBuf cumulation = alloc.heapBuffer(length);
    List<Object> frames = new ArrayList<>();
    try {
      int reads = 1 + random.nextInt(3);
      int from = 0;
      for (int i = 0; i < reads; i++) {
        int to = i == reads - 1 ? length : from + random.nextInt(length - from + 1);
        cumulation.writeBytes(input, from, to - from);
        from = to;
        decoder.decode(cumulation, alloc, frames);
      }
      for (Object o : frames) {
        if (clientSide) {
          Response message = v5.decodeResponse((Frame) o).message();
          if (message instanceof RowsResult rows) {
            rows.release();
          }
        } else {
          v5.decodeRequest((Frame) o);
        }
      }
      return !frames.isEmpty() && !cumulation.isReadable();
    } finally {
      frames.forEach(o -> ((Frame) o).release());
      decoder.release();
      cumulation.release();
    }
  }

  private void corpus() {
    List<Response> small =
        List.of(
            new VoidResult(),
            new SetKeyspaceResult("ks"),
            ErrorMessage.of(new DbError.CasWriteUnknown(Consistency.SERIAL, 1, 2), "cas"),
            ErrorMessage.of(new DbError.Unprepared(new byte[] {1, 2}), "unprepared"),
            rows(1),
            rows(40));
    int streamId = 0;
    for (Response response : small) {
      responses.add(encode(ResponseEnvelope.of(streamId++, response)));
    }
    responses.add(
        encode(
            new ResponseEnvelope(
                streamId++,
                new UUID(1, 2),
                List.of("warn"),
                Map.of("tablets-routing-v1", new byte[3]),
                rows(3))));
    largeResponses.add(encode(ResponseEnvelope.of(100, rows(300_000 / 12))));
    largeResponses.add(encode(ResponseEnvelope.of(101, rows(15_000))));
    requests.add(
        encode(
            RequestEnvelope.of(
                1,
                new Query(
                    "SELECT * FROM ks.t", QueryParameters.of(Consistency.ONE, RawValues.of())))));
    requests.add(
        encode(
            new RequestEnvelope(
                2,
                true,
                Map.of("p", new byte[] {1}),
                new Query(
                    "SELECT * FROM ks.t WHERE k = ?",
                    QueryParameters.of(Consistency.ONE, RawValues.of(new byte[4], null))))));
    requests.add(
        encode(
            RequestEnvelope.of(
                3,
                new Execute(
                    new byte[] {1, 2, 3, 4},
                    new byte[] {5},
                    QueryParameters.of(Consistency.QUORUM, RawValues.of(new byte[] {7}))))));
    requests.add(
        encode(
            RequestEnvelope.of(
                4,
                new Batch(
                    Batch.Type.UNLOGGED,
                    List.of(new Batch.Statement("INSERT", null, RawValues.of(new byte[] {1}))),
                    Consistency.ONE,
                    null,
                    Long.MIN_VALUE))));
    requests.add(encode(RequestEnvelope.of(5, new Register(List.of("SCHEMA_CHANGE")))));
    // the raw streams: a few envelopes packed as a sender packs them, and the large ones
    for (boolean lz4 : new boolean[] {false, true}) {
      List<byte[]> streams = lz4 ? lz4Streams : plainStreams;
      streams.add(pack(lz4, responses.subList(0, 1)));
      streams.add(pack(lz4, responses.subList(0, 3)));
      streams.add(pack(lz4, responses.subList(2, 7)));
      streams.add(pack(lz4, responses.subList(5, 6)));
      streams.add(pack(lz4, List.of(responses.get(4), largeResponses.get(0))));
      streams.add(pack(lz4, List.of(largeResponses.get(1), responses.get(0))));
    }
  }

  private byte[] encode(ResponseEnvelope envelope) {
    ByteBuf frame = v5.encode(tools, envelope);
    if (envelope.message() instanceof RowsResult rows) {
      rows.release();
    }
    return bytes(frame);
  }

  private byte[] encode(RequestEnvelope envelope) {
    return bytes(v5.encode(tools, envelope));
  }

  private byte[] pack(boolean compressed, List<byte[]> stream) {
    SegmentPacker packer = new SegmentPacker(tools, compressed);
    ByteBuf out = tools.heapBuffer();
    for (byte[] envelope : stream) {
      packer.add(Unpooled.wrappedBuffer(envelope), b -> append(out, b));
    }
    packer.finish(b -> append(out, b));
    return bytes(out);
  }

  private RowsResult rows(int count) {
    ColumnSpec k = new ColumnSpec("ks", "t", "k", ColumnType.INT);
    ColumnSpec v = new ColumnSpec("ks", "t", "v", ColumnType.INT);
    ByteBuf content = tools.heapBuffer();
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

  private static byte[] bytes(ByteBuf buf) {
    try {
      return ByteBufUtil.getBytes(buf);
    } finally {
      buf.release();
    }
  }
}
