package org.cql4j.benchmarks;

import com.datastax.oss.driver.api.core.ProtocolVersion;
import com.datastax.oss.driver.api.core.type.codec.TypeCodecs;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.cql4j.mapper.Row;
import org.cql4j.protocol.serialize.RowSerializer;
import org.cql4j.protocol.serialize.RowWriter;
import org.cql4j.protocol.types.ColumnSpec;
import org.cql4j.protocol.types.ColumnType;
import org.cql4j.protocol.value.Values;
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
 * Serializing the seven bound values of the benchmark INSERT (bigint, int, uuid, timestamp, text,
 * int, bigint) into a frame buffer: through the generated writer of a {@code @Row} record, through
 * {@code Values.of(...)} (boxed, checked against the markers value by value), and with the Java
 * driver 4.19.3's codecs, which encode each value into a {@code ByteBuffer} (what its {@code
 * BoundStatementBuilder.setX} does) that its frame encoder then copies into the frame. Each
 * benchmark thread has its own state.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ValueSerializeBenchmark {
  /** The row of values, matched to the markers by name. */
  @Row
  public record Item(long pk, int ck, UUID id, Instant ts, String name, int qty, long total) {}

  private static final List<ColumnSpec> MARKERS =
      List.of(
          new ColumnSpec("bench", "items", "pk", ColumnType.BIGINT),
          new ColumnSpec("bench", "items", "ck", ColumnType.INT),
          new ColumnSpec("bench", "items", "id", ColumnType.UUID),
          new ColumnSpec("bench", "items", "ts", ColumnType.TIMESTAMP),
          new ColumnSpec("bench", "items", "name", ColumnType.TEXT),
          new ColumnSpec("bench", "items", "qty", ColumnType.INT),
          new ColumnSpec("bench", "items", "total", ColumnType.BIGINT));

  private final Item item =
      new Item(
          123_456_789L,
          42,
          UUID.nameUUIDFromBytes(new byte[] {1}),
          Instant.parse("2024-01-01T00:00:42Z"),
          "item-0000000042",
          42,
          42_000L);
  private RowSerializer.Writer<Item> generated;
  private ByteBuf out;

  /** Binds the generated writer to the markers, once, as the session does per statement. */
  @Setup
  public void setUp() {
    generated = ValueSerializeBenchmark_Item_CqlRowCodec.SERIALIZER.bind(MARKERS);
    out = PooledByteBufAllocator.DEFAULT.directBuffer(256);
  }

  /** Releases the buffer. */
  @TearDown
  public void tearDown() {
    out.release();
  }

  /** The generated writer of the record. */
  @Benchmark
  public int generatedRecord() {
    out.clear();
    RowWriter writer = new RowWriter(out);
    generated.write(item, writer);
    return out.writerIndex();
  }

  /** {@code Values.of(...)}: boxed values, each type-checked against its marker when written. */
  @Benchmark
  public int valuesOf() {
    out.clear();
    RowWriter writer = new RowWriter(out);
    Values.of(item.pk(), item.ck(), item.id(), item.ts(), item.name(), item.qty(), item.total())
        .serialize(MARKERS, writer);
    return out.writerIndex();
  }

  /** The Java driver's codecs, then the copy of each value into the frame. */
  @Benchmark
  public int javaDriverCodecs() {
    ProtocolVersion v4 = ProtocolVersion.V4;
    ByteBuffer[] values = {
      TypeCodecs.BIGINT.encodePrimitive(item.pk(), v4),
      TypeCodecs.INT.encodePrimitive(item.ck(), v4),
      TypeCodecs.UUID.encode(item.id(), v4),
      TypeCodecs.TIMESTAMP.encode(item.ts(), v4),
      TypeCodecs.TEXT.encode(item.name(), v4),
      TypeCodecs.INT.encodePrimitive(item.qty(), v4),
      TypeCodecs.BIGINT.encodePrimitive(item.total(), v4)
    };
    out.clear();
    for (ByteBuffer value : values) {
      out.writeInt(value.remaining());
      out.writeBytes(value.duplicate());
    }
    return out.writerIndex();
  }
}
