package org.cql4j.mapper.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaFileObject;
import org.cql4j.protocol.ProtocolException;
import org.cql4j.protocol.deserialize.DeserializationException;
import org.cql4j.protocol.deserialize.DeserializeRow;
import org.cql4j.protocol.deserialize.RowIterator;
import org.cql4j.protocol.deserialize.TypeCheckException;
import org.cql4j.protocol.frame.Opcode;
import org.cql4j.protocol.fuzz.Fuzzer;
import org.cql4j.protocol.fuzz.Mutations;
import org.cql4j.protocol.message.Messages;
import org.cql4j.protocol.message.ProtocolFeatures;
import org.cql4j.protocol.message.Response;
import org.cql4j.protocol.message.RowsMetadata;
import org.cql4j.protocol.message.RowsResult;
import org.cql4j.protocol.types.ColumnSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded fuzzing of the readers the processor generates: rows of malformed bytes, read through
 * {@link RowIterator} as the session reads them, end in a row or in one of the exceptions the SPI
 * documents ({@link ProtocolException} for the row framing, {@link DeserializationException} for a
 * cell, {@link TypeCheckException} for metadata that does not fit the record); nothing else
 * escapes, nothing leaks, nothing hangs. A {@code DeserializationException} that {@code RawRow}
 * made out of an {@code IndexOutOfBoundsException} (Java type {@code "?"}) fails too: generated
 * code checks every length it reads.
 *
 * <p>The codecs are those of the representative inputs and of {@code input/fuzz/Fuzzed.java} (every
 * built-in Java type, nested collections, user types and tuples inside each other, flattening),
 * compiled with the processor once. Inputs, per record: valid rows for its columns (random values,
 * random nulls, user type values missing their last fields), then mutated (bits flipped, length or
 * count prefixes set to nasty values, truncated, extended, rows count off) and read from heap,
 * offset and direct buffers; or the columns themselves changed (types, names, user type fields,
 * tuple arity) and bound again; or whole RESULT Rows bodies mutated and decoded as the session
 * does. The seed, the count and replaying one input: see {@link Fuzzer}.
 */
class GeneratedCodecFuzzTest {
  // counts exactly what it hands out; no leak detector: stack traces per access would cost 10x
  private final UnpooledByteBufAllocator alloc = new UnpooledByteBufAllocator(false, true);
  private final RandomCells cells = new RandomCells();
  private final List<Target> targets = new ArrayList<>();

  /** A generated row codec, the columns it reads, and its decoder bound to them once. */
  private record Target(
      String name,
      DeserializeRow<?> codec,
      List<ColumnSpec> columns,
      DeserializeRow.Decoder<?> bound) {}

  @Test
  @Timeout(value = 12, unit = TimeUnit.HOURS) // -Pfuzz-long; Fuzzer's watchdog catches a hang
  void generatedReadersThrowOnlyTheDocumentedExceptionsAndNeverLeak() {
    List<JavaFileObject> sources = new ArrayList<>(Sources.representative());
    for (String name :
        List.of("StrictAddress", "Order", "Primitives", "OrderedPrimitives", "Numbers")) {
      sources.add(Sources.input("test/" + name + ".java"));
    }
    sources.add(Sources.input("fuzz/Fuzzed.java"));
    CompiledClasses classes = new CompiledClasses(Sources.compile(sources));
    target(
        classes,
        "test.User",
        "name text, id uuid, login_count int, version bigint, last_seen timestamp, tags set<text>,"
            + " home frozen<address>, previous list<frozen<address>>,"
            + " by_label map<text, frozen<list<frozen<address>>>>");
    target(classes, "test.Point", "x int, y int, label text");
    target(classes, "test.Order", "id uuid, created_at timestamp, created_by text, note text");
    target(
        classes,
        "test.Primitives",
        "score double, flag boolean, tiny tinyint, small smallint, number int, big bigint,"
            + " ratio float, hits bigint, miss_count int");
    target(
        classes, "test.OrderedPrimitives", "id bigint, hits bigint, miss_count int, score double");
    target(
        classes,
        "fuzz.Fuzzed_Everything",
        "id uuid, flag boolean, tiny tinyint, small smallint, number int, big bigint, ratio float,"
            + " score double, visits bigint, maybe boolean, hits counter, event timeuuid,"
            + " text text, blob blob, bytes blob, inet inet, day date, time time, at timestamp,"
            + " raw_day date, raw_time time, raw_at timestamp, duration duration,"
            + " decimal decimal, varint varint, raw_decimal decimal, raw_varint varint,"
            + " embedding vector<float, 3>, words vector<text, 2>,"
            + " nested map<text, frozen<set<int>>>,"
            + " deep list<frozen<map<uuid, frozen<list<bigint>>>>>,"
            + " any_tuple frozen<tuple<int, text, frozen<list<int>>>>, any_udt frozen<thing>,"
            + " place frozen<place>, places map<int, frozen<place>>,"
            + " span frozen<tuple<bigint, timestamp, text>>, created_at timestamp,"
            + " hosts set<inet>");
    target(
        classes,
        "fuzz.Fuzzed_Structs",
        "ordered frozen<ordered_address>, strict frozen<strict_address>,"
            + " pair frozen<tuple<int, text>>,"
            + " numbers frozen<tuple<boolean, tinyint, smallint, int, bigint, float, double>>,"
            + " addresses map<text, frozen<address>>");

    Fuzzer.Result result =
        Fuzzer.of("generated codec readers")
            .expecting(GeneratedCodecFuzzTest::documented)
            .leakCheck(() -> alloc.metric().usedHeapMemory() + alloc.metric().usedDirectMemory())
            .run(this::fuzz);
    if (result.inputs() >= 10_000) {
      assertThat(result.decoded()).as("some rows still decode").isGreaterThan(result.inputs() / 20);
    }
  }

  private static boolean documented(Throwable t) {
    if (t instanceof DeserializationException e) {
      // RawRow's safety net turns a ProtocolException ("Malformed ...") or an
      // IndexOutOfBoundsException from a decoder into one with Java type "?": only the first is
      // fine
      return !"?".equals(e.javaType()) || e.getMessage().contains(": Malformed ");
    }
    return t instanceof ProtocolException || t instanceof TypeCheckException;
  }

  private boolean fuzz(Random random, Fuzzer.Input input) {
    Target target = targets.get(random.nextInt(targets.size()));
    int mode = random.nextInt(10);
    if (mode == 0) {
      return otherColumns(target, random, input);
    } else if (mode == 1) {
      return resultBody(target, random, input);
    }
    int rows = rowCount(random);
    cells.clear();
    cells.rows(target.columns(), rows, 16, random);
    if (random.nextInt(8) != 0) {
      mutate(random);
    }
    if (random.nextInt(16) == 0) {
      rows = random.nextInt(4) == 0 ? random.nextInt() : rows + random.nextInt(3) - 1;
    }
    input.bytes(cells.bytes(), cells.length()).label(target.name() + ", " + rows + " rows");
    return read(target.columns(), target.bound(), rows, random);
  }

  // the columns changed, then bound again: a TypeCheckException, or rows read with the new binding
  private boolean otherColumns(Target target, Random random, Fuzzer.Input input) {
    List<ColumnSpec> columns = new ArrayList<>(target.columns());
    input.label(() -> target.name() + " bound to " + columns);
    int changes = 1 + random.nextInt(2);
    for (int i = 0; i < changes; i++) {
      FuzzColumns.change(columns, random);
    }
    DeserializeRow.Decoder<?> bound = target.codec().bind(columns);
    // rows written for the new columns, or for the old ones
    List<ColumnSpec> written = random.nextInt(3) == 0 ? target.columns() : columns;
    int rows = rowCount(random);
    cells.clear();
    cells.rows(written, rows, 16, random);
    if (random.nextBoolean()) {
      mutate(random);
    }
    input.bytes(cells.bytes(), cells.length());
    return read(columns, bound, rows, random);
  }

  // a whole RESULT Rows body, mutated, decoded and read as the session does
  private boolean resultBody(Target target, Random random, Fuzzer.Input input) {
    int rows = rowCount(random);
    cells.clear();
    cells.rows(target.columns(), rows, 16, random);
    ByteBuf body = alloc.heapBuffer();
    try {
      ByteBuf content =
          alloc.heapBuffer(cells.length()).writeBytes(cells.bytes(), 0, cells.length());
      RowsResult result =
          new RowsResult(
              RowsMetadata.of(target.columns(), random.nextBoolean() ? new byte[] {1, 2} : null),
              rows,
              content);
      result.encode(body, ProtocolFeatures.NONE);
      result.release();
      cells.clear();
      cells.length(body.readableBytes());
      body.getBytes(0, cells.bytes(), 0, body.readableBytes());
    } finally {
      body.release();
    }
    mutate(random);
    input.bytes(cells.bytes(), cells.length()).label(target.name() + ", a RESULT body");
    ByteBuf wire = alloc.heapBuffer(cells.length()).writeBytes(cells.bytes(), 0, cells.length());
    try {
      Response response = Messages.decodeResponse(Opcode.RESULT, wire, ProtocolFeatures.NONE);
      if (!(response instanceof RowsResult decoded)) {
        return false;
      }
      try {
        List<ColumnSpec> columns = decoded.metadata().columns();
        if (decoded.metadata().hasFlag(RowsMetadata.NO_METADATA)) {
          columns = target.columns(); // as the session does with a prepared statement's
        }
        return readAll(
            decoded.rowsContent(), decoded.rowCount(), columns, target.codec().bind(columns));
      } finally {
        decoded.release();
      }
    } finally {
      wire.release();
    }
  }

  private static int rowCount(Random random) {
    return random.nextInt(8) == 0 ? 0 : 1 + random.nextInt(3);
  }

  /** Mutates the bytes in {@link #cells}; often aims at a length or count prefix. */
  private void mutate(Random random) {
    byte[] b = cells.bytes();
    int length = cells.length();
    switch (random.nextInt(7)) {
      case 0, 1 -> {
        int at = cells.randomPrefix(random);
        if (at >= 0 && at + 4 <= length) {
          int v = random.nextInt(3) == 0 ? random.nextInt() : random.nextInt(40) - 4;
          cells.putInt(at, random.nextBoolean() ? v : 0x7fffffff - random.nextInt(4));
        } else {
          Mutations.nastyInt(b, length, random);
        }
      }
      case 2 -> Mutations.flipBits(b, length, 4, random);
      case 3 -> Mutations.nastyInt(b, length, random);
      case 4 -> cells.length(random.nextInt(length + 1));
      case 5 -> {
        int extra = 1 + random.nextInt(8);
        cells.length(length + extra);
        Mutations.scramble(cells.bytes(), length, length + extra, 1, random);
      }
      default -> Mutations.scramble(b, 0, length, 16, random);
    }
  }

  /** Reads every row from a heap, an offset heap or a direct buffer holding the cells. */
  private boolean read(
      List<ColumnSpec> columns, DeserializeRow.Decoder<?> bound, int rows, Random random) {
    int length = cells.length();
    int kind = random.nextInt(8);
    int offset = kind == 1 ? 1 + random.nextInt(7) : 0;
    ByteBuf buf = kind == 0 ? alloc.directBuffer(length) : alloc.heapBuffer(offset + length);
    try {
      buf.writeZero(offset).writeBytes(cells.bytes(), 0, length);
      ByteBuf rowsContent =
          offset == 0
              ? buf
              : random.nextBoolean() ? buf.slice(offset, length) : buf.readerIndex(offset);
      return readAll(rowsContent, rows, columns, bound);
    } finally {
      buf.release();
    }
  }

  private static <R> boolean readAll(
      ByteBuf rows, int rowCount, List<ColumnSpec> columns, DeserializeRow.Decoder<R> bound) {
    RowIterator<R> it = RowIterator.of(rows, rowCount, columns, bound);
    while (it.hasNext()) {
      it.next();
    }
    return true;
  }

  private void target(CompiledClasses classes, String record, String columnsCql) {
    DeserializeRow<?> codec = classes.codec(record + "_CqlRowCodec", "deserializer");
    List<ColumnSpec> columns = FuzzColumns.parse(columnsCql);
    targets.add(new Target(record, codec, columns, codec.bind(columns)));
  }
}
