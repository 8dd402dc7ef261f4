package org.cql4j.benchmarks;

import com.datastax.oss.driver.api.core.DefaultProtocolVersion;
import com.datastax.oss.driver.api.core.ProtocolVersion;
import com.datastax.oss.driver.api.core.cql.ColumnDefinition;
import com.datastax.oss.driver.api.core.cql.ColumnDefinitions;
import com.datastax.oss.driver.api.core.detach.AttachmentPoint;
import com.datastax.oss.driver.api.core.type.codec.registry.CodecRegistry;
import com.datastax.oss.driver.internal.core.cql.DefaultColumnDefinition;
import com.datastax.oss.driver.internal.core.cql.DefaultColumnDefinitions;
import com.datastax.oss.driver.internal.core.cql.DefaultRow;
import com.datastax.oss.driver.internal.core.protocol.ByteBufPrimitiveCodec;
import com.datastax.oss.protocol.internal.Compressor;
import com.datastax.oss.protocol.internal.response.result.Rows;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cql4j.mapper.Row;
import org.cql4j.protocol.deserialize.DeserializeRow;
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
 * Decoding one 1,000-row RESULT frame of (int, text, bigint, blob), every cell consumed, from the
 * same bytes in every variant: frame header and metadata, then each row into a {@code @Row} record
 * through the codec that cql-mapper-processor generates, through cql4j's untyped {@link CqlRow}
 * getters by name and by index, and through the Apache Cassandra Java driver 4.19.3. Each benchmark
 * thread has its own state.
 *
 * <p>cql4j decodes as its session does ({@code QueryResults.from}): the frame's header and
 * metadata, one copy of the rows section into an unpooled heap buffer (the pooled frame goes back
 * at once), then rows lazily from that copy. Decoders are bound once per result metadata (the
 * session caches them), so binding is not measured. {@link #generatedCodecFromPooledFrame} skips
 * the copy and reads the pooled direct buffer.
 *
 * <p>The Java driver pays what it pays on a real connection, without a session: its own frame codec
 * decodes the frame body into {@link Rows} (a {@code List<ByteBuffer>} per row, each cell copied),
 * the column definitions are built from the frame's metadata (as {@code Conversions.toResultSet}
 * does when a response carries metadata), and each row is a {@link DefaultRow} read with {@code
 * getInt("id")}-style getters, the codecs coming from {@link CodecRegistry#DEFAULT}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RowDecodeBenchmark {
  /** The row type: one component per column; its codec is generated at compile time. */
  @Row
  public record Item(int id, String name, long total, ByteBuffer payload) {}

  private static final int ROWS = 1000;
  private static final List<ColumnSpec> COLUMNS =
      List.of(
          new ColumnSpec("ks", "t", "id", ColumnType.INT),
          new ColumnSpec("ks", "t", "name", ColumnType.TEXT),
          new ColumnSpec("ks", "t", "total", ColumnType.BIGINT),
          new ColumnSpec("ks", "t", "payload", ColumnType.BLOB));

  /** What a driver session would attach rows to: the default codecs and protocol v4. */
  private static final AttachmentPoint DRIVER_CONTEXT =
      new AttachmentPoint() {
        @Override
        public ProtocolVersion getProtocolVersion() {
          return DefaultProtocolVersion.V4;
        }

        @Override
        public CodecRegistry getCodecRegistry() {
          return CodecRegistry.DEFAULT;
        }
      };

  private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
  private final FrameCodec codec = FrameCodec.defaults();
  private final com.datastax.oss.protocol.internal.FrameCodec<ByteBuf> driverCodec =
      com.datastax.oss.protocol.internal.FrameCodec.defaultClient(
          new ByteBufPrimitiveCodec(alloc), Compressor.none());
  private ByteBuf rowsFrame;
  private DeserializeRow.Decoder<Item> itemDecoder;
  private DeserializeRow.Decoder<CqlRow> cqlRowDecoder;

  /** Encodes the RESULT frame once and binds the cql4j decoders to its columns. */
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
    itemDecoder = RowDecodeBenchmark_Item_CqlRowCodec.DESERIALIZER.bind(COLUMNS);
    cqlRowDecoder = Codecs.cqlRow().bind(COLUMNS);
    checkAllVariantsReadTheSameRows();
  }

  /** Releases the RESULT frame. */
  @TearDown
  public void tearDown() {
    rowsFrame.release();
  }

  /** Every row into a record through the generated codec (cql-mapper-processor). */
  @Benchmark
  public void generatedCodec(Blackhole bh) {
    try (Decoded decoded = decode()) {
      RowIterator<Item> it =
          RowIterator.of(decoded.rows.rowsContent(), decoded.rows.rowCount(), COLUMNS, itemDecoder);
      while (it.hasNext()) {
        bh.consume(it.next());
      }
    }
  }

  /**
   * As {@link #generatedCodec}, but reading the rows straight from the pooled (direct) frame
   * buffer, without the session's copy to the heap: what a zero-copy mode would cost.
   */
  @Benchmark
  public void generatedCodecFromPooledFrame(Blackhole bh) {
    try (Decoded decoded = decodePooled()) {
      RowIterator<Item> it =
          RowIterator.of(decoded.rows.rowsContent(), decoded.rows.rowCount(), COLUMNS, itemDecoder);
      while (it.hasNext()) {
        bh.consume(it.next());
      }
    }
  }

  /** Every cell through the untyped CqlRow getters by column name. */
  @Benchmark
  public void cqlRowByName(Blackhole bh) {
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
  public void cqlRowByIndex(Blackhole bh) {
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

  /** Every cell through the Java driver 4.19.3's Row getters by column name. */
  @Benchmark
  public void javaDriverByName(Blackhole bh) {
    ByteBuf frame = rowsFrame.retainedDuplicate();
    try {
      Rows rows = (Rows) driverCodec.decode(frame).message;
      ColumnDefinitions definitions = driverDefinitions(rows);
      for (List<ByteBuffer> data : rows.getData()) {
        com.datastax.oss.driver.api.core.cql.Row row =
            new DefaultRow(definitions, data, DRIVER_CONTEXT);
        bh.consume(row.getInt("id"));
        bh.consume(row.getString("name"));
        bh.consume(row.getLong("total"));
        bh.consume(row.getByteBuffer("payload"));
      }
    } finally {
      frame.release();
    }
  }

  /** Every cell through the Java driver 4.19.3's Row getters by column index. */
  @Benchmark
  public void javaDriverByIndex(Blackhole bh) {
    ByteBuf frame = rowsFrame.retainedDuplicate();
    try {
      Rows rows = (Rows) driverCodec.decode(frame).message;
      ColumnDefinitions definitions = driverDefinitions(rows);
      for (List<ByteBuffer> data : rows.getData()) {
        com.datastax.oss.driver.api.core.cql.Row row =
            new DefaultRow(definitions, data, DRIVER_CONTEXT);
        bh.consume(row.getInt(0));
        bh.consume(row.getString(1));
        bh.consume(row.getLong(2));
        bh.consume(row.getByteBuffer(3));
      }
    } finally {
      frame.release();
    }
  }

  /** The column definitions of a driver result, as {@code Conversions.toColumnDefinitions}. */
  private static ColumnDefinitions driverDefinitions(Rows rows) {
    List<com.datastax.oss.protocol.internal.response.result.ColumnSpec> specs =
        rows.getMetadata().columnSpecs;
    List<ColumnDefinition> definitions = new ArrayList<>(specs.size());
    for (com.datastax.oss.protocol.internal.response.result.ColumnSpec spec : specs) {
      definitions.add(new DefaultColumnDefinition(spec, DRIVER_CONTEXT));
    }
    return DefaultColumnDefinitions.valueOf(definitions);
  }

  /**
   * Decodes the frame as the session does ({@code QueryResults.from}): header and metadata, then
   * one copy of the rows section into an unpooled heap buffer, and the pooled frame is released.
   */
  private Decoded decode() {
    try (Decoded pooled = decodePooled()) {
      ByteBuf content = pooled.rows.rowsContent();
      return new Decoded(
          null,
          null,
          new RowsResult(
              pooled.rows.metadata(),
              pooled.rows.rowCount(),
              Unpooled.wrappedBuffer(ByteBufUtil.getBytes(content))));
    }
  }

  /** Decodes the frame and keeps the rows section in the pooled frame buffer (no copy). */
  private Decoded decodePooled() {
    ByteBuf cumulation = rowsFrame.retainedDuplicate();
    Frame frame = FrameDecoder.forClient().decode(cumulation);
    RowsResult rows = (RowsResult) codec.decodeResponse(frame).message();
    return new Decoded(cumulation, frame, rows);
  }

  /** Fails the setup unless every variant reads the same values from the frame. */
  private void checkAllVariantsReadTheSameRows() {
    List<String> generated = new ArrayList<>();
    List<String> untyped = new ArrayList<>();
    List<String> driver = new ArrayList<>();
    try (Decoded decoded = decode()) {
      RowIterator<Item> items =
          RowIterator.of(decoded.rows.rowsContent(), decoded.rows.rowCount(), COLUMNS, itemDecoder);
      items.forEachRemaining(
          i -> generated.add(i.id() + "," + i.name() + "," + i.total() + "," + hex(i.payload())));
      RowIterator<CqlRow> rows =
          RowIterator.of(
              decoded.rows.rowsContent(), decoded.rows.rowCount(), COLUMNS, cqlRowDecoder);
      rows.forEachRemaining(
          r ->
              untyped.add(
                  r.getInt("id")
                      + ","
                      + r.getString("name")
                      + ","
                      + r.getLong("total")
                      + ","
                      + hex(r.getBytes("payload"))));
    }
    ByteBuf frame = rowsFrame.retainedDuplicate();
    try {
      Rows rows = (Rows) driverCodec.decode(frame).message;
      ColumnDefinitions definitions = driverDefinitions(rows);
      for (List<ByteBuffer> data : rows.getData()) {
        DefaultRow r = new DefaultRow(definitions, data, DRIVER_CONTEXT);
        driver.add(
            r.getInt("id")
                + ","
                + r.getString("name")
                + ","
                + r.getLong("total")
                + ","
                + hex(r.getByteBuffer("payload")));
      }
    } finally {
      frame.release();
    }
    if (generated.size() != ROWS || !generated.equals(untyped) || !generated.equals(driver)) {
      throw new IllegalStateException(
          "variants disagree: "
              + generated.get(0)
              + " / "
              + untyped.get(0)
              + " / "
              + driver.get(0));
    }
  }

  private static String hex(ByteBuffer bytes) {
    return HexFormat.of().formatHex(ByteBufUtil.getBytes(Unpooled.wrappedBuffer(bytes)));
  }

  /**
   * The buffers one decoding holds (frame and cumulation null for a heap copy); released together.
   */
  private record Decoded(ByteBuf cumulation, Frame frame, RowsResult rows)
      implements AutoCloseable {
    @Override
    public void close() {
      rows.release();
      if (frame != null) {
        frame.release();
        cumulation.release();
      }
    }
  }
}
