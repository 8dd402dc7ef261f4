package org.cql4j.protocol.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.ProtocolException;
import org.cql4j.protocol.SerialConsistency;
import org.cql4j.protocol.compression.Compressor;
import org.cql4j.protocol.compression.Compressors;
import org.cql4j.protocol.errors.DbError;
import org.cql4j.protocol.errors.WriteType;
import org.cql4j.protocol.frame.Frame;
import org.cql4j.protocol.frame.FrameCodec;
import org.cql4j.protocol.frame.FrameDecoder;
import org.cql4j.protocol.frame.FrameHeader;
import org.cql4j.protocol.frame.Opcode;
import org.cql4j.protocol.frame.RequestEnvelope;
import org.cql4j.protocol.frame.ResponseEnvelope;
import org.cql4j.protocol.message.Batch;
import org.cql4j.protocol.message.BoundValues;
import org.cql4j.protocol.message.ErrorMessage;
import org.cql4j.protocol.message.Execute;
import org.cql4j.protocol.message.Messages;
import org.cql4j.protocol.message.PreparedMetadata;
import org.cql4j.protocol.message.PreparedResult;
import org.cql4j.protocol.message.ProtocolFeatures;
import org.cql4j.protocol.message.Query;
import org.cql4j.protocol.message.QueryParameters;
import org.cql4j.protocol.message.RawValues;
import org.cql4j.protocol.message.Register;
import org.cql4j.protocol.message.Request;
import org.cql4j.protocol.message.Response;
import org.cql4j.protocol.message.RowsMetadata;
import org.cql4j.protocol.message.RowsResult;
import org.cql4j.protocol.message.SchemaChange;
import org.cql4j.protocol.message.SchemaChangeEvent;
import org.cql4j.protocol.message.Startup;
import org.cql4j.protocol.message.StatusChangeEvent;
import org.cql4j.protocol.message.Supported;
import org.cql4j.protocol.types.ColumnSpec;
import org.cql4j.protocol.types.ColumnType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded fuzzing of frame, body and compression decoding (protocol v4 frames, with and without
 * LZ4/Snappy, with and without the ScyllaDB extensions): every input either decodes or fails with a
 * {@link ProtocolException} that is not the codec's safety net; nothing else escapes, nothing
 * leaks, nothing hangs.
 *
 * <p>Inputs: frames of every request and response kind, mutated (bit flips, length-like fields set
 * to nasty values, truncation, random body bytes, extra bytes), and random frames; each is decoded
 * by {@link FrameDecoder} and {@link FrameCodec}, and its body alone under a random opcode. The
 * seed, the count and replaying one input: see {@link Fuzzer}.
 */
class FrameFuzzTest {
  private static final Opcode[] OPCODES = Opcode.values();

  // counts exactly what it hands out; no leak detector: stack traces per access would cost 10x
  private final UnpooledByteBufAllocator alloc = new UnpooledByteBufAllocator(false, true);
  private final ProtocolFeatures scylla = new ProtocolFeatures(OptionalInt.of(0xF000), true);
  private final List<FrameCodec> codecs = new ArrayList<>();
  private List<byte[]> corpus;
  private byte[] scratch;

  @Test
  @Timeout(value = 12, unit = TimeUnit.HOURS) // -Pfuzz-long; Fuzzer's watchdog catches a hang
  void decodingNeverThrowsAnythingButProtocolExceptionAndNeverLeaks() throws Exception {
    Compressor lz4 = Compressors.lz4();
    Compressor snappy = Compressors.snappy();
    for (Compressor c : Arrays.asList(null, lz4, snappy)) {
      codecs.add(new FrameCodec(1 << 20, c, ProtocolFeatures.NONE));
      codecs.add(new FrameCodec(1 << 20, c, scylla));
    }
    corpus = corpus();
    scratch = new byte[corpus.stream().mapToInt(b -> b.length).max().orElseThrow() + 64];
    Fuzzer.Result result =
        Fuzzer.of("frame decoder")
            .expecting(FrameFuzzTest::typed)
            .leakCheck(() -> alloc.metric().usedHeapMemory() + alloc.metric().usedDirectMemory())
            .run(this::fuzz);
    if (result.inputs() >= 10_000) {
      assertThat(result.decoded())
          .as("some mutated frames still decode")
          .isGreaterThan(result.inputs() / 50);
    }
  }

  // a ProtocolException, but not the safety net's: that one wraps an exception that escaped
  private static boolean typed(Throwable t) {
    return t instanceof ProtocolException && !t.getMessage().contains("could not be decoded");
  }

  private boolean fuzz(Random random, Fuzzer.Input input) {
    int length;
    if (random.nextInt(10) == 0) {
      length = randomFrame(scratch, random);
    } else {
      byte[] original = corpus.get(random.nextInt(corpus.size()));
      System.arraycopy(original, 0, scratch, 0, original.length);
      length = mutate(scratch, original.length, random);
    }
    input.bytes(scratch, length);
    return decode(scratch, length, random);
  }

  /** Decodes input as frames and bodies every way; returns whether a frame decoded fully. */
  private boolean decode(byte[] input, int length, Random random) {
    FrameCodec codec = codecs.get(random.nextInt(codecs.size()));
    boolean response = (length > 0 && (input[0] & 0x80) != 0) ^ random.nextInt(20) == 0;
    ByteBuf cumulation = alloc.heapBuffer(length);
    cumulation.writeBytes(input, 0, length);
    try {
      // also the body alone, under every opcode of its direction
      bodyOnly(cumulation, codec.features(), random);
      FrameDecoder decoder = new FrameDecoder(random.nextBoolean() ? 1 << 20 : 64, response);
      Frame frame = decoder.decode(cumulation);
      if (frame == null) {
        return false;
      }
      try {
        if (response) {
          release(codec.decodeResponse(frame).message());
        } else {
          codec.decodeRequest(frame);
        }
        return true;
      } finally {
        frame.release();
      }
    } finally {
      if (cumulation.refCnt() != 1) {
        throw new AssertionError("the cumulation's refCnt is " + cumulation.refCnt() + ", not 1");
      }
      cumulation.release();
    }
  }

  private static void bodyOnly(ByteBuf cumulation, ProtocolFeatures features, Random random) {
    if (cumulation.readableBytes() <= FrameHeader.SIZE) {
      return;
    }
    ByteBuf body =
        cumulation.slice(FrameHeader.SIZE, cumulation.readableBytes() - FrameHeader.SIZE);
    Opcode opcode = OPCODES[random.nextInt(OPCODES.length)];
    try {
      if (opcode.isRequest()) {
        Messages.decodeRequest(opcode, body, features);
      } else {
        release(Messages.decodeResponse(opcode, body, features));
      }
    } catch (ProtocolException expected) {
      // fine
    }
  }

  private static void release(Response message) {
    if (message instanceof RowsResult rows) {
      rows.release(); // leaks are caught by the allocator metric and the cumulation's refCnt
    }
  }

  /** Mutates b[0, length) in place (b has room for 64 more bytes); returns the new length. */
  private static int mutate(byte[] b, int length, Random random) {
    switch (random.nextInt(6)) {
      case 0 -> Mutations.flipBits(b, length, 8, random);
      case 1 -> Mutations.nastyInt(b, length, random);
      case 2 -> Mutations.nastyShort(b, length, random);
      case 3 -> { // truncation, with the header's length fixed or not
        length = random.nextInt(length + 1);
        if (random.nextBoolean()) {
          fixLength(b, length);
        }
      }
      case 4 ->
          Mutations.scramble(b, FrameHeader.SIZE, length, 8, random); // length kept consistent
      default -> { // extra bytes appended (the spec says they are ignored)
        int extra = 1 + random.nextInt(16);
        Arrays.fill(b, length, length + extra, (byte) 0);
        length += extra;
        if (random.nextBoolean()) {
          fixLength(b, length);
        }
      }
    }
    return length;
  }

  private static void fixLength(byte[] b, int length) {
    if (length >= FrameHeader.SIZE) {
      Mutations.putInt(b, 5, length - FrameHeader.SIZE);
    }
  }

  private static int randomFrame(byte[] b, Random random) {
    int length = FrameHeader.SIZE + random.nextInt(64);
    for (int i = 0; i < length; i++) {
      b[i] = (byte) random.nextInt();
    }
    b[0] = (byte) (random.nextBoolean() ? 0x84 : 0x04);
    b[4] = (byte) random.nextInt(0x12);
    fixLength(b, length);
    return length;
  }

  private List<byte[]> corpus() throws Exception {
    List<ColumnSpec> cols =
        List.of(
            new ColumnSpec("ks", "t", "a", ColumnType.INT),
            new ColumnSpec(
                "ks", "t", "b", new ColumnType.MapType(ColumnType.TEXT, ColumnType.BLOB)),
            new ColumnSpec(
                "ks",
                "t",
                "c",
                new ColumnType.TupleType(List.of(ColumnType.BIGINT, ColumnType.UUID))));
    QueryParameters params =
        new QueryParameters(
            Consistency.LOCAL_QUORUM,
            new RawValues(List.of("x", "y"), Arrays.asList(new byte[] {1, 2}, RawValues.UNSET)),
            true,
            5000,
            new byte[] {9, 8, 7},
            SerialConsistency.SERIAL,
            123L);
    List<Request> requests =
        List.of(
            new Startup(Map.of("CQL_VERSION", "3.0.0", "COMPRESSION", "lz4")),
            new Query("SELECT * FROM ks.t WHERE a = :x AND b = :y", params),
            new Execute(
                new byte[] {1, 2, 3, 4},
                new byte[] {5},
                QueryParameters.of(Consistency.ONE, RawValues.of(new byte[4], null))),
            new Batch(
                Batch.Type.LOGGED,
                List.of(
                    new Batch.Statement("INSERT", null, RawValues.of(new byte[] {1})),
                    new Batch.Statement(null, new byte[] {7}, BoundValues.EMPTY)),
                Consistency.QUORUM,
                SerialConsistency.LOCAL_SERIAL,
                99L),
            new Register(List.of("TOPOLOGY_CHANGE", "STATUS_CHANGE")));
    ByteBuf rowsContent = alloc.heapBuffer();
    rowsContent.writeInt(4).writeInt(1).writeInt(-1).writeInt(2).writeShort(0x0102);
    List<Response> responses =
        List.of(
            new RowsResult(RowsMetadata.of(cols, new byte[] {1, 2}), 1, rowsContent),
            new PreparedResult(
                new byte[] {1, 2},
                new byte[] {3},
                PreparedMetadata.of(List.of(0), cols),
                RowsMetadata.of(cols, null)),
            ErrorMessage.of(
                new DbError.WriteTimeout(Consistency.SERIAL, 1, 2, WriteType.CAS), "timeout"),
            ErrorMessage.of(new DbError.Unprepared(new byte[] {1, 2}), "unprepared"),
            ErrorMessage.of(new DbError.FunctionFailure("ks", "f", List.of("int")), "f"),
            new ErrorMessage(0xF000, "rate", new DbError.Other(0xF000)),
            new Supported(Map.of("SCYLLA_NR_SHARDS", List.of("4"), "COMPRESSION", List.of("lz4"))),
            new StatusChangeEvent(
                StatusChangeEvent.Change.UP,
                new InetSocketAddress(InetAddress.getByName("::1"), 9042)),
            new SchemaChangeEvent(
                new SchemaChange(
                    SchemaChange.ChangeType.CREATED,
                    SchemaChange.Target.AGGREGATE,
                    "ks",
                    "agg",
                    List.of("int"))));
    List<byte[]> corpus = new ArrayList<>();
    for (FrameCodec codec : codecs) {
      for (Request r : requests) {
        corpus.add(
            bytes(
                codec.encode(alloc, new RequestEnvelope(1, true, Map.of("p", new byte[] {1}), r))));
      }
      for (Response r : responses) {
        corpus.add(
            bytes(
                codec.encode(
                    alloc,
                    new ResponseEnvelope(
                        2,
                        new UUID(0x1234, 0x5678), // fixed: the corpus is the same in every run
                        List.of("warn"),
                        Map.of("tablets-routing-v1", new byte[3]),
                        r))));
        corpus.add(bytes(codec.encode(alloc, ResponseEnvelope.of(3, r))));
      }
    }
    rowsContent.release();
    return corpus;
  }

  private static byte[] bytes(ByteBuf buf) {
    try {
      return ByteBufUtil.getBytes(buf);
    } finally {
      buf.release();
    }
  }
}
