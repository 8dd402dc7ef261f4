package org.cql4j.benchmarks;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.frame.Frame;
import org.cql4j.protocol.frame.FrameCodec;
import org.cql4j.protocol.frame.FrameDecoder;
import org.cql4j.protocol.frame.RequestEnvelope;
import org.cql4j.protocol.frame.ResponseEnvelope;
import org.cql4j.protocol.message.BoundValues;
import org.cql4j.protocol.message.Execute;
import org.cql4j.protocol.message.QueryParameters;
import org.cql4j.protocol.message.RowsMetadata;
import org.cql4j.protocol.message.RowsResult;
import org.cql4j.protocol.types.ColumnSpec;
import org.cql4j.protocol.types.ColumnType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Frame codec costs: encoding an EXECUTE with 10 values written in place into a pooled buffer, and
 * decoding a 1,000-row RESULT frame of (int, text, bigint, blob) down to metadata plus a zero-copy
 * rows slice. Each benchmark thread has its own state.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FrameCodecBenchmark {
  private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
  private final FrameCodec codec = FrameCodec.defaults();
  private Execute execute;
  private ByteBuf rowsFrame;

  /** Builds the EXECUTE request and the encoded 1,000-row RESULT frame. */
  @Setup
  public void setUp() {
    BoundValues tenInts =
        new BoundValues() {
          @Override
          public boolean isEmpty() {
            return false;
          }

          @Override
          public boolean hasNames() {
            return false;
          }

          @Override
          public int writeTo(ByteBuf out) {
            for (int i = 0; i < 10; i++) {
              out.writeInt(8).writeLong(i * 31L);
            }
            return 10;
          }
        };
    execute =
        new Execute(new byte[16], null, QueryParameters.of(Consistency.LOCAL_QUORUM, tenInts));
    List<ColumnSpec> columns = new ArrayList<>();
    columns.add(new ColumnSpec("ks", "t", "i", ColumnType.INT));
    columns.add(new ColumnSpec("ks", "t", "s", ColumnType.TEXT));
    columns.add(new ColumnSpec("ks", "t", "l", ColumnType.BIGINT));
    columns.add(new ColumnSpec("ks", "t", "b", ColumnType.BLOB));
    ByteBuf content = alloc.buffer();
    for (int r = 0; r < 1000; r++) {
      content.writeInt(4).writeInt(r);
      content.writeInt(9).writeBytes("row-00000".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      content.writeInt(8).writeLong(r * 1000L);
      content.writeInt(16).writeZero(16);
    }
    RowsResult rows = new RowsResult(RowsMetadata.of(columns, null), 1000, content);
    rowsFrame = codec.encode(alloc, ResponseEnvelope.of(1, rows));
    rows.release();
  }

  /** Releases the RESULT frame. */
  @TearDown
  public void tearDown() {
    rowsFrame.release();
  }

  /** Encodes an EXECUTE with 10 bigint values into a pooled frame buffer. */
  @Benchmark
  public int encodeExecuteWith10Values() {
    ByteBuf frame = codec.encode(alloc, RequestEnvelope.of(1, execute));
    int size = frame.readableBytes();
    frame.release();
    return size;
  }

  /** Decodes the 1,000-row RESULT frame: header, metadata, row count, rows slice. */
  @Benchmark
  public int decodeRowsFrame1000Rows() {
    ByteBuf cumulation = rowsFrame.retainedDuplicate();
    try {
      Frame frame = FrameDecoder.forClient().decode(cumulation);
      try {
        RowsResult rows = (RowsResult) codec.decodeResponse(frame).message();
        int n = rows.rowCount();
        rows.release();
        return n;
      } finally {
        frame.release();
      }
    } finally {
      cumulation.release();
    }
  }
}
