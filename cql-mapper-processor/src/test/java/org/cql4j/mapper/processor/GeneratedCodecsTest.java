package org.cql4j.mapper.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.tools.JavaFileObject;
import org.cql4j.protocol.deserialize.DeserializationException;
import org.cql4j.protocol.deserialize.DeserializeRow;
import org.cql4j.protocol.deserialize.DeserializeValue;
import org.cql4j.protocol.deserialize.RowIterator;
import org.cql4j.protocol.deserialize.TypeCheckException;
import org.cql4j.protocol.serialize.RowSerializer;
import org.cql4j.protocol.serialize.RowWriter;
import org.cql4j.protocol.serialize.SerializationException;
import org.cql4j.protocol.serialize.SerializeValue;
import org.cql4j.protocol.types.ColumnSpec;
import org.cql4j.protocol.types.ColumnType;
import org.cql4j.protocol.types.ColumnType.UserType.Field;
import org.cql4j.protocol.value.Codecs;
import org.cql4j.protocol.value.GeneratedCodecSupport;
import org.cql4j.protocol.value.TupleValue;
import org.cql4j.protocol.value.Values;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs the generated codecs through the cql-protocol SPI, as the session will. */
class GeneratedCodecsTest {
  private static final UUID ID = UUID.fromString("8e14e760-7fa8-11eb-bc66-000000000001");
  private static final ColumnType.UserType ADDRESS_V2 =
      new ColumnType.UserType(
          "ks",
          "address",
          List.of(
              new Field("street", ColumnType.TEXT),
              new Field("zip_code", ColumnType.INT),
              new Field("country", ColumnType.TEXT)));
  private static final ColumnType.UserType ADDRESS_V1 =
      new ColumnType.UserType(
          "ks",
          "address",
          List.of(new Field("street", ColumnType.TEXT), new Field("zip_code", ColumnType.INT)));
  private static final ColumnType.UserType ADDRESS_WITH_EXCESS =
      new ColumnType.UserType(
          "ks",
          "address",
          List.of(
              new Field("street", ColumnType.TEXT),
              new Field("note", ColumnType.TEXT),
              new Field("zip_code", ColumnType.INT)));

  private static CompiledClasses classes;
  private final List<ByteBuf> buffers = new ArrayList<>();

  @BeforeAll
  static void compile() {
    List<JavaFileObject> sources = new ArrayList<>(Sources.representative());
    sources.add(Sources.input("test/StrictAddress.java"));
    sources.add(Sources.input("test/Order.java"));
    sources.add(Sources.input("test/Primitives.java"));
    sources.add(Sources.input("test/OrderedPrimitives.java"));
    sources.add(Sources.input("test/Numbers.java"));
    classes = new CompiledClasses(Sources.compile(sources));
  }

  @AfterEach
  void release() {
    buffers.forEach(ByteBuf::release);
  }

  private ByteBuf buffer() {
    ByteBuf b = Unpooled.buffer();
    buffers.add(b);
    return b;
  }

  private static ColumnSpec col(String name, ColumnType type) {
    return new ColumnSpec("ks", "t", name, type);
  }

  private static Object address(String street, int zip, String country) {
    return classes.record("test.Address", street, zip, country);
  }

  private static List<ColumnSpec> userColumns() {
    // Deliberately not in component order: MATCH_BY_NAME binds by name.
    return List.of(
        col("name", ColumnType.TEXT),
        col("id", ColumnType.UUID),
        col("login_count", ColumnType.INT),
        col("version", ColumnType.BIGINT),
        col("last_seen", ColumnType.TIMESTAMP),
        col("tags", ColumnType.set(ColumnType.TEXT)),
        col("home", ADDRESS_V2),
        col("previous", ColumnType.list(ADDRESS_V2)),
        col("by_label", ColumnType.map(ColumnType.TEXT, ColumnType.list(ADDRESS_V2))));
  }

  private static Object user(int logins, Optional<Instant> lastSeen, String displayName) {
    return classes.record(
        "test.User",
        ID,
        "ann",
        logins,
        7L,
        lastSeen,
        Set.of("a", "b"),
        address("Main St", 12345, "PL"),
        List.of(address("Old St", 1, null)),
        Map.of("work", List.of(address("Office St", 2, "DE"))),
        displayName);
  }

  /** Writes rows with a generated serializer, as an EXECUTE would, and reads them back. */
  private <R> List<R> roundTrip(String codec, List<ColumnSpec> columns, List<R> rows) {
    RowSerializer<R> serializer = classes.codec(codec, "serializer");
    DeserializeRow<R> deserializer = classes.codec(codec, "deserializer");
    RowSerializer.Writer<R> writer = serializer.bind(columns);
    ByteBuf body = buffer();
    for (R row : rows) {
      RowWriter out = new RowWriter(body);
      writer.write(row, out);
      assertThat(out.valueCount()).isEqualTo(columns.size());
    }
    List<R> decoded = new ArrayList<>();
    RowIterator.of(body, rows.size(), columns, deserializer.bind(columns))
        .forEachRemaining(decoded::add);
    return decoded;
  }

  @Test
  void rowRoundTripsByNameWithUserTypesCollectionsOptionalAndSkip() {
    Object withDisplay = user(3, Optional.of(Instant.ofEpochMilli(1_700_000_000_000L)), "Ann!");
    Object empty = user(0, Optional.empty(), null);
    List<Object> decoded =
        roundTrip("test.User_CqlRowCodec", userColumns(), List.of(withDisplay, empty));
    assertThat(decoded.get(0))
        .as("@Skip components are not written and read as null")
        .isEqualTo(user(3, Optional.of(Instant.ofEpochMilli(1_700_000_000_000L)), null));
    assertThat(decoded.get(1)).isEqualTo(empty);
  }

  @Test
  void nullCollectionColumnsReadAsEmptyUnlessTheSchemaSaysFrozen() {
    Object nulls =
        classes.record(
            "test.User", ID, "ann", 1, 7L, Optional.empty(), null, null, null, null, null);
    Object empties =
        classes.record(
            "test.User",
            ID,
            "ann",
            1,
            7L,
            Optional.empty(),
            Set.of(),
            null,
            List.of(),
            Map.of(),
            null);
    assertThat(roundTrip("test.User_CqlRowCodec", userColumns(), List.of(nulls)))
        .as("a null non-frozen collection is an empty one")
        .containsExactly(empties);
    List<ColumnSpec> frozen =
        userColumns().stream().map(c -> c.withFrozen(c.isCollection())).toList();
    assertThat(roundTrip("test.User_CqlRowCodec", frozen, List.of(nulls))).containsExactly(nulls);
  }

  @Test
  void rowRoundTripsByOrder() {
    List<ColumnSpec> columns =
        List.of(col("x", ColumnType.INT), col("y", ColumnType.INT), col("label", ColumnType.TEXT));
    Object p = classes.record("test.Point", 1, -2, "a");
    assertThat(roundTrip("test.Point_CqlRowCodec", columns, List.of(p))).containsExactly(p);
  }

  @Test
  void rowBindingNamesMissingExtraAndMisorderedColumns() {
    DeserializeRow<Object> users = classes.codec("test.User_CqlRowCodec", "deserializer");
    List<ColumnSpec> missing = new ArrayList<>(userColumns());
    missing.remove(0);
    assertThatThrownBy(() -> users.bind(missing))
        .isInstanceOfSatisfying(
            TypeCheckException.class,
            e -> {
              assertThat(e.column()).isEqualTo("name");
              assertThat(e.javaType()).isEqualTo("test.User");
            })
        .hasMessage(
            "Column 'name' required by test.User is missing from the result (columns present:"
                + " id, login_count, version, last_seen, tags, home, previous, by_label); select"
                + " it, or annotate the component that maps to it @AllowMissing or @Skip");
    List<ColumnSpec> extra = new ArrayList<>(userColumns());
    extra.add(col("zzz", ColumnType.INT));
    assertThatThrownBy(() -> users.bind(extra))
        .isInstanceOf(TypeCheckException.class)
        .hasMessageContaining("column 'zzz'")
        .hasMessageContaining("no component of User maps to this column");
    List<ColumnSpec> wrongType = new ArrayList<>(userColumns());
    wrongType.set(0, col("name", ColumnType.INT));
    assertThatThrownBy(() -> users.bind(wrongType))
        .isInstanceOf(TypeCheckException.class)
        .hasMessageContaining("column 'name'")
        .hasMessageContaining("CQL type int");

    DeserializeRow<Object> points = classes.codec("test.Point_CqlRowCodec", "deserializer");
    assertThatThrownBy(
            () ->
                points.bind(
                    List.of(
                        col("y", ColumnType.INT),
                        col("x", ColumnType.INT),
                        col("label", ColumnType.TEXT))))
        .isInstanceOf(TypeCheckException.class)
        .hasMessageContaining("column 0 should be 'x'");
    assertThatThrownBy(() -> points.bind(List.of(col("x", ColumnType.INT))))
        .isInstanceOf(TypeCheckException.class)
        .hasMessageContaining("the result has 1 columns (x)");
  }

  @Test
  void rowSerializerNamesMissingAndUnknownMarkers() {
    RowSerializer<Object> users = classes.codec("test.User_CqlRowCodec", "serializer");
    List<ColumnSpec> markers = new ArrayList<>(userColumns());
    markers.remove(1);
    assertThatThrownBy(() -> users.bind(markers))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("bind marker 'id'")
        .hasMessageContaining("the statement has no bind marker 'id'");
    markers.add(col("id", ColumnType.UUID));
    markers.add(col("other", ColumnType.INT));
    assertThatThrownBy(() -> users.bind(markers))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("bind marker 'other'");
    markers.remove(markers.size() - 1);
    markers.set(0, col("name", ColumnType.INT));
    assertThatThrownBy(() -> users.bind(markers))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("bind marker 'name'")
        .hasMessageContaining("CQL type int");
  }

  @Test
  void primitiveNullFailsNamingTheColumnUnlessDefaultWhenNull() {
    List<ColumnSpec> columns =
        List.of(col("x", ColumnType.INT), col("y", ColumnType.INT), col("label", ColumnType.TEXT));
    ByteBuf body = buffer();
    Values.of(null, 2, "p").serialize(columns, new RowWriter(body));
    DeserializeRow<Object> points = classes.codec("test.Point_CqlRowCodec", "deserializer");
    assertThatThrownBy(() -> RowIterator.of(body, 1, columns, points.bind(columns)).next())
        .isInstanceOf(DeserializationException.class)
        .hasMessageContaining("column 'x'")
        .hasMessageContaining("@DefaultWhenNull");

    // User.logins is @DefaultWhenNull: a null login_count reads as 0.
    List<ColumnSpec> userColumns = userColumns();
    ByteBuf users = buffer();
    Values.of("ann", ID, null, 7L, null, null, null, null, null)
        .serialize(userColumns, new RowWriter(users));
    DeserializeRow<Object> d = classes.codec("test.User_CqlRowCodec", "deserializer");
    Object u = RowIterator.of(users, 1, userColumns, d.bind(userColumns)).next();
    assertThat(u)
        .isEqualTo(
            classes.record(
                "test.User",
                ID,
                "ann",
                0,
                7L,
                Optional.empty(),
                Set.of(),
                null,
                List.of(),
                Map.of(),
                null));
  }

  @Test
  void flattenedRowsRoundTripAndAllowMissingColumnsMayBeAbsent() {
    Instant at = Instant.ofEpochMilli(1_600_000_000_000L);
    Object audit = classes.record("test.Order$Audit", at, "bob");
    List<ColumnSpec> all =
        List.of(
            col("id", ColumnType.UUID),
            col("created_at", ColumnType.TIMESTAMP),
            col("created_by", ColumnType.TEXT),
            col("note", ColumnType.TEXT));
    Object order = classes.record("test.Order", ID, audit, "n");
    assertThat(roundTrip("test.Order_CqlRowCodec", all, List.of(order))).containsExactly(order);
    List<ColumnSpec> withoutNote = all.subList(0, 3);
    assertThat(roundTrip("test.Order_CqlRowCodec", withoutNote, List.of(order)))
        .containsExactly(classes.record("test.Order", ID, audit, null));
    // A null flattened row writes null for each of its columns.
    Object noAudit = classes.record("test.Order", ID, null, null);
    assertThat(roundTrip("test.Order_CqlRowCodec", withoutNote, List.of(noAudit)))
        .containsExactly(
            classes.record("test.Order", ID, classes.record("test.Order$Audit", null, null), null));
  }

  private <T> ByteBuf write(SerializeValue<T> s, ColumnType type, T value) {
    ByteBuf out = buffer();
    SerializeValue.Writer.writeBytes(s.bind(type), value, out);
    return out.skipBytes(4); // the [bytes] length
  }

  @Test
  void userTypeReadsValuesWrittenBeforeAFieldWasAdded() {
    SerializeValue<Object> s = classes.codec("test.Address_CqlUdtCodec", "serializer");
    DeserializeValue<Object> d = classes.codec("test.Address_CqlUdtCodec", "deserializer");
    // country is @AllowMissing: the old type without it binds, and the value has two fields.
    ByteBuf old = write(s, ADDRESS_V1, address("Main St", 12345, "ignored"));
    assertThat(d.bind(ADDRESS_V2).decode(old)).isEqualTo(address("Main St", 12345, null));
    assertThat(d.bind(ADDRESS_V1).decode(old.readerIndex(4)))
        .isEqualTo(address("Main St", 12345, null));

    // A value that ends after its first field: zip_code (@DefaultWhenNull int) reads as 0.
    ByteBuf oneField = buffer();
    byte[] street = "Elm".getBytes(StandardCharsets.UTF_8);
    oneField.writeInt(street.length).writeBytes(street);
    assertThat(d.bind(ADDRESS_V2).decode(oneField)).isEqualTo(address("Elm", 0, null));
  }

  @Test
  void userTypeRoundTripsAndRejectsAMissingRequiredField() {
    SerializeValue<Object> s = classes.codec("test.Address_CqlUdtCodec", "serializer");
    DeserializeValue<Object> d = classes.codec("test.Address_CqlUdtCodec", "deserializer");
    Object a = address("Main St", 1, "PL");
    assertThat(d.bind(ADDRESS_V2).decode(write(s, ADDRESS_V2, a))).isEqualTo(a);
    ColumnType.UserType noZip =
        new ColumnType.UserType("ks", "address", List.of(new Field("street", ColumnType.TEXT)));
    assertThatThrownBy(() -> d.bind(noZip))
        .isInstanceOf(TypeCheckException.class)
        .hasMessageContaining("no field 'zip_code'");
    assertThatThrownBy(() -> s.bind(noZip))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("no field 'zip_code'");
    assertThatThrownBy(() -> d.bind(ColumnType.TEXT)).isInstanceOf(TypeCheckException.class);
  }

  @Test
  void excessUserTypeFieldsAreSkippedUnlessForbidden() {
    SerializeValue<Object> s = classes.codec("test.Address_CqlUdtCodec", "serializer");
    DeserializeValue<Object> d = classes.codec("test.Address_CqlUdtCodec", "deserializer");
    ByteBuf value = write(s, ADDRESS_WITH_EXCESS, address("Main St", 9, null));
    // street, note (null: no component maps to it), zip_code
    assertThat(value.getInt(value.readerIndex() + 4 + 7)).isEqualTo(-1);
    assertThat(d.bind(ADDRESS_WITH_EXCESS).decode(value)).isEqualTo(address("Main St", 9, null));

    SerializeValue<Object> strictWriter =
        classes.codec("test.StrictAddress_CqlUdtCodec", "serializer");
    DeserializeValue<Object> strict =
        classes.codec("test.StrictAddress_CqlUdtCodec", "deserializer");
    assertThatThrownBy(() -> strict.bind(ADDRESS_WITH_EXCESS))
        .isInstanceOf(TypeCheckException.class)
        .hasMessageContaining("field 'note' maps to no component of StrictAddress");
    assertThatThrownBy(() -> strictWriter.bind(ADDRESS_WITH_EXCESS))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("field 'note'");
    ColumnType.UserType exact =
        new ColumnType.UserType(
            "ks",
            "address",
            List.of(new Field("street", ColumnType.TEXT), new Field("zip", ColumnType.INT)));
    Object sa = classes.record("test.StrictAddress", "x", null);
    assertThat(strict.bind(exact).decode(write(strictWriter, exact, sa))).isEqualTo(sa);
  }

  @Test
  void userTypeByOrderReadsAndWritesFieldsByPosition() {
    SerializeValue<Object> s = classes.codec("test.OrderedAddress_CqlUdtCodec", "serializer");
    DeserializeValue<Object> d = classes.codec("test.OrderedAddress_CqlUdtCodec", "deserializer");
    Object a = classes.record("test.OrderedAddress", "Main St", 7, "PL");
    assertThat(d.bind(ADDRESS_V2).decode(write(s, ADDRESS_V2, a))).isEqualTo(a);

    // country is @AllowMissing: the old type has two fields, and so has the value.
    ByteBuf old = write(s, ADDRESS_V1, a);
    assertThat(old.readableBytes()).isEqualTo(4 + 7 + 4 + 4);
    assertThat(d.bind(ADDRESS_V1).decode(old))
        .isEqualTo(classes.record("test.OrderedAddress", "Main St", 7, null));

    // A field after the last component is written as null, and skipped when read.
    ColumnType.UserType withFloor =
        new ColumnType.UserType(
            "ks",
            "address",
            List.of(
                new Field("street", ColumnType.TEXT),
                new Field("zip_code", ColumnType.INT),
                new Field("country", ColumnType.TEXT),
                new Field("floor", ColumnType.INT)));
    ByteBuf value = write(s, withFloor, a);
    assertThat(value.getInt(value.writerIndex() - 4)).isEqualTo(-1);
    assertThat(d.bind(withFloor).decode(value)).isEqualTo(a);

    // Names are checked position by position.
    assertThatThrownBy(() -> d.bind(ADDRESS_WITH_EXCESS))
        .isInstanceOf(TypeCheckException.class)
        .hasMessageContaining("field 1 is 'note', but the component there maps to 'zip_code'");
    assertThatThrownBy(() -> s.bind(ADDRESS_WITH_EXCESS))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("field 1 is 'note'");
    ColumnType.UserType streetOnly =
        new ColumnType.UserType("ks", "address", List.of(new Field("street", ColumnType.TEXT)));
    assertThatThrownBy(() -> s.bind(streetOnly))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("the user type has no field 1 (for component 'zip_code'");
  }

  @Test
  void tupleRoundTripsAndChecksArity() {
    SerializeValue<Object> s = classes.codec("test.Pair_CqlTupleCodec", "serializer");
    DeserializeValue<Object> d = classes.codec("test.Pair_CqlTupleCodec", "deserializer");
    ColumnType pair = ColumnType.tuple(ColumnType.INT, ColumnType.TEXT);
    Object p = classes.record("test.Pair", 4, "four");
    assertThat(d.bind(pair).decode(write(s, pair, p))).isEqualTo(p);
    assertThat(d.bind(pair).decode(null)).isNull();
    assertThatThrownBy(() -> d.bind(ColumnType.tuple(ColumnType.INT)))
        .isInstanceOf(TypeCheckException.class)
        .hasMessageContaining("tuple of 2 elements");
    ByteBuf nullNumber = buffer().writeInt(-1).writeInt(1).writeByte('a');
    assertThatThrownBy(() -> d.bind(pair).decode(nullNumber))
        .isInstanceOf(DeserializationException.class)
        .hasMessageContaining("element 0 is null");
  }

  // ---- primitive components: written without boxing, to the same bytes ----

  /** The hex of one row written by a generated serializer; checks that each marker got a value. */
  private String writtenHex(String codec, List<ColumnSpec> markers, Object row) {
    RowSerializer<Object> serializer = classes.codec(codec, "serializer");
    ByteBuf body = buffer();
    RowWriter out = new RowWriter(body);
    serializer.bind(markers).write(row, out);
    assertThat(out.valueCount()).isEqualTo(markers.size());
    return ByteBufUtil.hexDump(body);
  }

  /** The hex of the same values written boxed, each by its runtime class. */
  private String valuesHex(List<ColumnSpec> markers, Object... values) {
    ByteBuf body = buffer();
    Values.of(values).serialize(markers, new RowWriter(body));
    return ByteBufUtil.hexDump(body);
  }

  private static List<ColumnSpec> primitiveMarkers(ColumnType big) {
    // Deliberately not in component order: MATCH_BY_NAME binds by name.
    return List.of(
        col("score", ColumnType.DOUBLE),
        col("flag", ColumnType.BOOLEAN),
        col("tiny", ColumnType.TINYINT),
        col("small", ColumnType.SMALLINT),
        col("number", ColumnType.INT),
        col("big", big),
        col("ratio", ColumnType.FLOAT),
        col("hits", ColumnType.BIGINT),
        col("miss_count", ColumnType.INT));
  }

  @Test
  void primitiveComponentsByNameWriteTheBytesOfTheBoxedValues() {
    Object stats = classes.record("test.Primitives$Stats", 5L, -6);
    Object row =
        classes.record(
            "test.Primitives",
            true,
            (byte) -1,
            (short) 300,
            70000,
            Long.MIN_VALUE,
            0.5f,
            Double.NaN,
            stats);
    for (ColumnType big : List.of(ColumnType.BIGINT, ColumnType.COUNTER)) {
      List<ColumnSpec> markers = primitiveMarkers(big);
      assertThat(writtenHex("test.Primitives_CqlRowCodec", markers, row))
          .as("big as %s", big)
          .isEqualTo(
              valuesHex(
                  markers,
                  Double.NaN,
                  true,
                  (byte) -1,
                  (short) 300,
                  70000,
                  Long.MIN_VALUE,
                  0.5f,
                  5L,
                  -6));
      assertThat(roundTrip("test.Primitives_CqlRowCodec", markers, List.of(row)))
          .containsExactly(row);
    }

    // ratio is @AllowMissing: without its marker, the other values are written.
    List<ColumnSpec> withoutRatio = new ArrayList<>(primitiveMarkers(ColumnType.BIGINT));
    withoutRatio.remove(6);
    assertThat(writtenHex("test.Primitives_CqlRowCodec", withoutRatio, row))
        .isEqualTo(
            valuesHex(
                withoutRatio,
                Double.NaN,
                true,
                (byte) -1,
                (short) 300,
                70000,
                Long.MIN_VALUE,
                5L,
                -6));

    // A null flattened row writes null for each of its columns, primitive or not.
    Object noStats =
        classes.record("test.Primitives", false, (byte) 0, (short) 0, 0, 0L, 0.0f, -0.0, null);
    List<ColumnSpec> markers = primitiveMarkers(ColumnType.BIGINT);
    assertThat(writtenHex("test.Primitives_CqlRowCodec", markers, noStats))
        .isEqualTo(valuesHex(markers, -0.0, false, (byte) 0, (short) 0, 0, 0L, 0.0f, null, null));
  }

  @Test
  void primitiveComponentsInOrderWriteTheBytesOfTheBoxedValues() {
    List<ColumnSpec> all =
        List.of(
            col("id", ColumnType.BIGINT),
            col("hits", ColumnType.BIGINT),
            col("miss_count", ColumnType.INT),
            col("score", ColumnType.DOUBLE));
    Object stats = classes.record("test.Primitives$Stats", 1L, 2);
    Object row = classes.record("test.OrderedPrimitives", 9L, stats, 2.5);
    assertThat(writtenHex("test.OrderedPrimitives_CqlRowCodec", all, row))
        .isEqualTo(valuesHex(all, 9L, 1L, 2, 2.5));
    assertThat(roundTrip("test.OrderedPrimitives_CqlRowCodec", all, List.of(row)))
        .containsExactly(row);

    // score is @AllowMissing, and a null flattened row writes nulls.
    List<ColumnSpec> withoutScore = all.subList(0, 3);
    assertThat(writtenHex("test.OrderedPrimitives_CqlRowCodec", withoutScore, row))
        .isEqualTo(valuesHex(withoutScore, 9L, 1L, 2));
    Object noStats = classes.record("test.OrderedPrimitives", 9L, null, 2.5);
    assertThat(writtenHex("test.OrderedPrimitives_CqlRowCodec", all, noStats))
        .isEqualTo(valuesHex(all, 9L, null, null, 2.5));
  }

  @Test
  void tupleOfPrimitivesWritesTheBytesOfATupleValue() {
    SerializeValue<Object> s = classes.codec("test.Numbers_CqlTupleCodec", "serializer");
    DeserializeValue<Object> d = classes.codec("test.Numbers_CqlTupleCodec", "deserializer");
    ColumnType type =
        ColumnType.tuple(
            ColumnType.BOOLEAN,
            ColumnType.TINYINT,
            ColumnType.SMALLINT,
            ColumnType.INT,
            ColumnType.BIGINT,
            ColumnType.FLOAT,
            ColumnType.DOUBLE);
    Object n = classes.record("test.Numbers", true, (byte) 1, (short) -2, 3, -4L, 5.5f, 6.25);
    ByteBuf generated = write(s, type, n);
    ByteBuf boxed =
        write(
            Codecs.serializer(TupleValue.class),
            type,
            TupleValue.of(true, (byte) 1, (short) -2, 3, -4L, 5.5f, 6.25));
    assertThat(ByteBufUtil.hexDump(generated)).isEqualTo(ByteBufUtil.hexDump(boxed));
    assertThat(d.bind(type).decode(generated)).isEqualTo(n);
  }

  @Test
  void primitiveBoundToAnotherCqlTypeFailsAsTheBoxedWriterDoes() {
    ColumnSpec varint = col("number", ColumnType.VARINT);
    Throwable boxed =
        catchThrowable(
            () -> GeneratedCodecSupport.bindMarker(Codecs.serializer(Integer.class), varint));
    assertThat(boxed).isInstanceOf(SerializationException.class);
    List<ColumnSpec> markers = new ArrayList<>(primitiveMarkers(ColumnType.BIGINT));
    markers.set(4, varint);
    RowSerializer<Object> rows = classes.codec("test.Primitives_CqlRowCodec", "serializer");
    assertThatThrownBy(() -> rows.bind(markers))
        .isInstanceOf(SerializationException.class)
        .hasMessage(boxed.getMessage())
        .hasMessageContaining("bind marker 'number'");

    SerializeValue<Object> tuples = classes.codec("test.Numbers_CqlTupleCodec", "serializer");
    ColumnType wrong =
        ColumnType.tuple(
            ColumnType.BOOLEAN,
            ColumnType.TINYINT,
            ColumnType.SMALLINT,
            ColumnType.BIGINT,
            ColumnType.BIGINT,
            ColumnType.FLOAT,
            ColumnType.DOUBLE);
    assertThatThrownBy(() -> tuples.bind(wrong))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("element 3");
  }
}
