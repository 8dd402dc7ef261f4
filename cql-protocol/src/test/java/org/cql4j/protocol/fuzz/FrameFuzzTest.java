package org.cql4j.protocol.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

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
 * Seeded fuzzing of frame, body and compression decoding: every input either decodes or fails with
 * a {@link ProtocolException}; nothing else escapes, nothing leaks, nothing hangs.
 *
 * <p>{@code -Dcql4j.fuzz.iterations=N} (default 100000) and {@code -Dcql4j.fuzz.seed=S} reproduce
 * or extend a run; a failure prints the seed, the iteration and the input.
 */
class FrameFuzzTest {
  private static final int ITERATIONS = Integer.getInteger("cql4j.fuzz.iterations", 100_000);
  private static final long SEED = Long.getLong("cql4j.fuzz.seed", 0xC0FFEEL);
  private static final int[] NASTY = {0x7fffffff, 0xffffffff, 0x80000000, 0xfffffffe, 0x10000000};

  private final UnpooledByteBufAllocator alloc = new UnpooledByteBufAllocator(false);
  private final ProtocolFeatures scylla = new ProtocolFeatures(OptionalInt.of(0xF000), true);
  private final List<FrameCodec> codecs = new ArrayList<>();

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void decodingNeverThrowsAnythingButProtocolExceptionAndNeverLeaks() throws Exception {
    Compressor lz4 = Compressors.lz4();
    Compressor snappy = Compressors.snappy();
    for (Compressor c : Arrays.asList(null, lz4, snappy)) {
      codecs.add(new FrameCodec(1 << 20, c, ProtocolFeatures.NONE));
      codecs.add(new FrameCodec(1 << 20, c, scylla));
    }
    List<byte[]> corpus = corpus();
    Random random = new Random(SEED);
    int decodedFrames = 0;
    for (int iteration = 0; iteration < ITERATIONS; iteration++) {
      byte[] input =
          random.nextInt(10) == 0
              ? randomFrame(random)
              : mutate(corpus.get(random.nextInt(corpus.size())), random);
      try {
        decodedFrames += decode(input, random);
      } catch (ProtocolException e) {
        assertThat(e.getMessage()).doesNotContain("could not be decoded"); // the safety net
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
      assertThat(alloc.metric().usedHeapMemory())
          .as("bytes leaked at seed %d iteration %d", SEED, iteration)
          .isZero();
    }
    assertThat(decodedFrames).as("some mutated frames still decode").isGreaterThan(ITERATIONS / 50);
  }

  /** Decodes input as frames and bodies every way; returns how many frames decoded fully. */
  private int decode(byte[] input, Random random) {
    FrameCodec codec = codecs.get(random.nextInt(codecs.size()));
    boolean response = (input.length > 0 && (input[0] & 0x80) != 0) ^ random.nextInt(20) == 0;
    ByteBuf cumulation = alloc.heapBuffer(input.length);
    cumulation.writeBytes(input);
    try {
      // also the body alone, under every opcode of its direction
      bodyOnly(cumulation, codec.features(), random);
      FrameDecoder decoder = new FrameDecoder(random.nextBoolean() ? 1 << 20 : 64, response);
      Frame frame = decoder.decode(cumulation);
      if (frame == null) {
        return 0;
      }
      try {
        if (response) {
          release(codec.decodeResponse(frame).message());
        } else {
          codec.decodeRequest(frame);
        }
        return 1;
      } finally {
        frame.release();
      }
    } finally {
      assertThat(cumulation.refCnt()).isEqualTo(1);
      cumulation.release();
    }
  }

  private static void bodyOnly(ByteBuf cumulation, ProtocolFeatures features, Random random) {
    if (cumulation.readableBytes() <= FrameHeader.SIZE) {
      return;
    }
    ByteBuf body =
        cumulation.slice(FrameHeader.SIZE, cumulation.readableBytes() - FrameHeader.SIZE);
    Opcode opcode = Opcode.values()[random.nextInt(Opcode.values().length)];
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

  private byte[] mutate(byte[] original, Random random) {
    byte[] b = original.clone();
    switch (random.nextInt(6)) {
      case 0 -> { // bit flips
        int flips = 1 + random.nextInt(8);
        for (int i = 0; i < flips; i++) {
          int bit = random.nextInt(b.length * 8);
          b[bit / 8] ^= (byte) (1 << (bit % 8));
        }
      }
      case 1 -> { // a length-like field set to a nasty value
        if (b.length >= 4) {
          int at = random.nextInt(b.length - 3);
          int v = random.nextBoolean() ? NASTY[random.nextInt(NASTY.length)] : random.nextInt();
          b[at] = (byte) (v >>> 24);
          b[at + 1] = (byte) (v >>> 16);
          b[at + 2] = (byte) (v >>> 8);
          b[at + 3] = (byte) v;
        }
      }
      case 2 -> { // a [short] set to 0xffff or 0x8000
        if (b.length >= 2) {
          int at = random.nextInt(b.length - 1);
          b[at] = (byte) (random.nextBoolean() ? 0xff : 0x80);
          b[at + 1] = (byte) (random.nextBoolean() ? 0xff : 0x00);
        }
      }
      case 3 -> { // truncation, with the header's length fixed or not
        b = Arrays.copyOf(b, random.nextInt(b.length + 1));
        if (random.nextBoolean()) {
          fixLength(b);
        }
      }
      case 4 -> { // random bytes in the body, length kept consistent
        for (int i = FrameHeader.SIZE; i < b.length; i++) {
          if (random.nextInt(8) == 0) {
            b[i] = (byte) random.nextInt();
          }
        }
      }
      default -> { // extra bytes appended (the spec says they are ignored)
        b = Arrays.copyOf(b, b.length + 1 + random.nextInt(16));
        if (random.nextBoolean()) {
          fixLength(b);
        }
      }
    }
    return b;
  }

  private static void fixLength(byte[] b) {
    if (b.length >= FrameHeader.SIZE) {
      int length = b.length - FrameHeader.SIZE;
      b[5] = (byte) (length >>> 24);
      b[6] = (byte) (length >>> 16);
      b[7] = (byte) (length >>> 8);
      b[8] = (byte) length;
    }
  }

  private static byte[] randomFrame(Random random) {
    byte[] b = new byte[FrameHeader.SIZE + random.nextInt(64)];
    random.nextBytes(b);
    b[0] = (byte) (random.nextBoolean() ? 0x84 : 0x04);
    b[4] = (byte) random.nextInt(0x12);
    fixLength(b);
    return b;
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
                        UUID.randomUUID(),
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
