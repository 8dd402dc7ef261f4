package org.cql4j.benchmarks;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cql4j.protocol.deserialize.DeserializeRow;
import org.cql4j.protocol.deserialize.DeserializeValue;
import org.cql4j.protocol.deserialize.RowIterator;
import org.cql4j.protocol.frame.Frame;
import org.cql4j.protocol.frame.FrameCodec;
import org.cql4j.protocol.frame.FrameDecoder;
import org.cql4j.protocol.frame.ResponseEnvelope;
import org.cql4j.protocol.message.RowsMetadata;
import org.cql4j.protocol.message.RowsResult;
import org.cql4j.protocol.types.ColumnSpec;
import org.cql4j.protocol.types.ColumnType;
import org.cql4j.protocol.value.Codecs;
import org.cql4j.protocol.value.CqlRow;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decoding a whole 1,000-row RESULT frame of (int, text, bigint, blob) through the value SPI, every
 * cell consumed: frame header and metadata, then each row into a record (bound once, decoded
 * positionally, the shape the mapper generates) or through the untyped {@link CqlRow} getters by
 * name and by index. Each benchmark thread has its own state.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RowDecodeBenchmark {
  /** The row type: one field per column. */
  public record Item(int id, String name, long total, ByteBuffer payload) {}

  private static final int ROWS = 1000;
  private static final List<ColumnSpec> COLUMNS =
      List.of(
          new ColumnSpec("ks", "t", "id", ColumnType.INT),
          new ColumnSpec("ks", "t", "name", ColumnType.TEXT),
          new ColumnSpec("ks", "t", "total", ColumnType.BIGINT),
          new ColumnSpec("ks", "t", "payload", ColumnType.BLOB));

  /** A row decoder in the shape the mapper generates: positions and decoders bound once. */
  static final DeserializeRow<Item> ITEM_CODEC =
      columns -> {
        DeserializeValue.Decoder<Integer> id =
            Codecs.deserializer(Integer.class).bind(columns.get(0).type());
        DeserializeValue.Decoder<String> name =
            Codecs.deserializer(String.class).bind(columns.get(1).type());
        DeserializeValue.Decoder<Long> total =
            Codecs.deserializer(Long.class).bind(columns.get(2).type());
        DeserializeValue.Decoder<ByteBuffer> payload =
            Codecs.deserializer(ByteBuffer.class).bind(columns.get(3).type());
        return row ->
            new Item(
                row.decode(0, id),
                row.decode(1, name),
                row.decode(2, total),
                row.decode(3, payload));
      };

  private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
  private final FrameCodec codec = FrameCodec.defaults();
  private ByteBuf rowsFrame;
  private DeserializeRow.Decoder<Item> itemDecoder;
  private DeserializeRow.Decoder<CqlRow> cqlRowDecoder;

  /** Encodes the RESULT frame once and binds the decoders to its columns. */
  @Setup
  public void setUp() {
    ByteBuf content = alloc.buffer();
    for (int r = 0; r < ROWS; r++) {
      byte[] name = ("item-" + r).getBytes(StandardCharsets.UTF_8);
      content.writeInt(4).writeInt(r);
      content.writeInt(name.length).writeBytes(name);
      content.writeInt(8).writeLong(r * 1000L);
      content.writeInt(16).writeLong(r).writeLong(-r);
    }
    RowsResult rows = new RowsResult(RowsMetadata.of(COLUMNS, null), ROWS, content);
    rowsFrame = codec.encode(alloc, ResponseEnvelope.of(1, rows));
    rows.release();
    itemDecoder = ITEM_CODEC.bind(COLUMNS);
    cqlRowDecoder = Codecs.cqlRow().bind(COLUMNS);
  }

  /** Releases the RESULT frame. */
  @TearDown
  public void tearDown() {
    rowsFrame.release();
  }

  /** Every row into a record through a bound row decoder. */
  @Benchmark
  public void decodeIntoRecords(Blackhole bh) {
    try (Decoded decoded = decode()) {
      RowIterator<Item> it =
          RowIterator.of(decoded.rows.rowsContent(), decoded.rows.rowCount(), COLUMNS, itemDecoder);
      while (it.hasNext()) {
        bh.consume(it.next());
      }
    }
  }

  /** Every cell through the untyped CqlRow getters by column name. */
  @Benchmark
  public void decodeCqlRowByName(Blackhole bh) {
    try (Decoded decoded = decode()) {
      RowIterator<CqlRow> it =
          RowIterator.of(
              decoded.rows.rowsContent(), decoded.rows.rowCount(), COLUMNS, cqlRowDecoder);
      while (it.hasNext()) {
        CqlRow row = it.next();
        bh.consume(row.getInt("id"));
        bh.consume(row.getString("name"));
        bh.consume(row.getLong("total"));
        bh.consume(row.getBytes("payload"));
      }
    }
  }

  /** Every cell through the untyped CqlRow getters by column index. */
  @Benchmark
  public void decodeCqlRowByIndex(Blackhole bh) {
    try (Decoded decoded = decode()) {
      RowIterator<CqlRow> it =
          RowIterator.of(
              decoded.rows.rowsContent(), decoded.rows.rowCount(), COLUMNS, cqlRowDecoder);
      while (it.hasNext()) {
        CqlRow row = it.next();
        bh.consume(row.getInt(0));
        bh.consume(row.getString(1));
        bh.consume(row.getLong(2));
        bh.consume(row.getBytes(3));
      }
    }
  }

  private Decoded decode() {
    ByteBuf cumulation = rowsFrame.retainedDuplicate();
    Frame frame = FrameDecoder.forClient().decode(cumulation);
    RowsResult rows = (RowsResult) codec.decodeResponse(frame).message();
    return new Decoded(cumulation, frame, rows);
  }

  /** The buffers one decoding holds; released together. */
  private record Decoded(ByteBuf cumulation, Frame frame, RowsResult rows)
      implements AutoCloseable {
    @Override
    public void close() {
      rows.release();
      frame.release();
      cumulation.release();
    }
  }
}
