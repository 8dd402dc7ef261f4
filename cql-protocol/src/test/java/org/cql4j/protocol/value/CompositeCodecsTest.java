package org.cql4j.protocol.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cql4j.protocol.value.CodecTestSupport.decode;
import static org.cql4j.protocol.value.CodecTestSupport.encode;
import static org.cql4j.protocol.value.CodecTestSupport.roundTripAny;

import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cql4j.protocol.deserialize.DeserializationException;
import org.cql4j.protocol.deserialize.DeserializeValue;
import org.cql4j.protocol.deserialize.TypeCheckException;
import org.cql4j.protocol.serialize.SerializationException;
import org.cql4j.protocol.serialize.SerializeValue;
import org.cql4j.protocol.types.ColumnSpec;
import org.cql4j.protocol.types.ColumnType;
import org.junit.jupiter.api.Test;

class CompositeCodecsTest {
  private static final ColumnType MAP_TEXT_LIST_INT =
      ColumnType.map(ColumnType.TEXT, ColumnType.list(ColumnType.INT));
  private static final ColumnType.UserType ADDRESS =
      new ColumnType.UserType(
          "ks",
          "address",
          List.of(
              new ColumnType.UserType.Field("street", ColumnType.TEXT),
              new ColumnType.UserType.Field("zip", ColumnType.INT)));

  @Test
  void encodesListOfIntAsCountThenBytesElements() {
    assertThat(
            encode(
                Codecs.listSerializer(Codecs.serializer(Integer.class)),
                ColumnType.list(ColumnType.INT),
                List.of(1, 2)))
        .isEqualTo("00000002" + "00000004" + "00000001" + "00000004" + "00000002");
  }

  @Test
  void roundTripsMapOfTextToFrozenListOfIntWithTypedComposedCodecs() {
    Map<String, List<Integer>> value = new LinkedHashMap<>();
    value.put("a", List.of(1, 2, 3));
    value.put("", List.of());
    value.put("😀", List.of(Integer.MIN_VALUE));
    SerializeValue<Map<String, List<Integer>>> s =
        Codecs.mapSerializer(
            Codecs.serializer(String.class),
            Codecs.listSerializer(Codecs.serializer(Integer.class)));
    DeserializeValue<Map<String, List<Integer>>> d =
        Codecs.mapDeserializer(
            Codecs.deserializer(String.class),
            Codecs.listDeserializer(Codecs.deserializer(Integer.class)));
    assertThat(decode(d, MAP_TEXT_LIST_INT, encode(s, MAP_TEXT_LIST_INT, value)))
        .containsExactlyEntriesOf(value);
  }

  @Test
  void resolvesCodecsFromReflectedGenericTypes() throws Exception {
    java.lang.reflect.Type t =
        CompositeCodecsTest.class.getDeclaredField("genericField").getGenericType();
    @SuppressWarnings("unchecked")
    DeserializeValue<Map<String, List<Integer>>> d =
        (DeserializeValue<Map<String, List<Integer>>>) Codecs.deserializer(t);
    String hex =
        encode(Codecs.serializer(Object.class), MAP_TEXT_LIST_INT, Map.of("k", List.of(7)));
    assertThat(decode(d, MAP_TEXT_LIST_INT, hex)).isEqualTo(Map.of("k", List.of(7)));
    assertThat(Codecs.serializer(t)).isNotNull();
  }

  @SuppressWarnings("unused")
  private Map<String, List<Integer>> genericField;

  @Test
  void readsANullCollectionNestedInATupleOrUserTypeAsNull() {
    ColumnType tuple = ColumnType.tuple(ColumnType.INT, ColumnType.list(ColumnType.INT));
    // [bytes] 1, then [bytes] null (native_protocol_v4.spec §6.20)
    TupleValue t = decode(Codecs.deserializer(TupleValue.class), tuple, "0000000400000001ffffffff");
    assertThat(t.get(0)).isEqualTo(1);
    assertThat(t.get(1)).isNull();
    ColumnType udt =
        new ColumnType.UserType(
            "ks",
            "u",
            List.of(
                new ColumnType.UserType.Field("m", ColumnType.map(ColumnType.TEXT, ColumnType.INT)),
                new ColumnType.UserType.Field("s", ColumnType.set(ColumnType.INT))));
    UdtValue u = decode(Codecs.deserializer(UdtValue.class), udt, "ffffffff00000004" + "00000000");
    assertThat(u.fields().get("m")).isNull();
    assertThat(u.fields().get("s")).isEqualTo(Set.of());
    ColumnSpec column = new ColumnSpec("ks", "t", "u", udt);
    assertThat(
            DeserializeValue.bindColumn(Codecs.deserializer(UdtValue.class), column)
                .decode(Unpooled.wrappedBuffer(HexFormat.of().parseHex("ffffffffffffffff")))
                .fields())
        .as("nested collections are frozen even in a non-frozen column")
        .containsEntry("m", null)
        .containsEntry("s", null);
  }

  @Test
  void readsANullCollectionAsNullWhenFrozenAndAsEmptyInANonFrozenColumn() {
    ColumnType listText = ColumnType.list(ColumnType.TEXT);
    DeserializeValue<List<String>> list =
        Codecs.listDeserializer(Codecs.deserializer(String.class));
    assertThat(decode(list, listText, null)).as("frozen, or nested").isNull();
    assertThat(list.bindNonFrozenCollection(listText).decode(null)).isEmpty();
    ColumnType setInt = ColumnType.set(ColumnType.INT);
    assertThat(decode(Codecs.deserializer(Set.class), setInt, null)).isNull();
    assertThat(Codecs.deserializer(Set.class).bindNonFrozenCollection(setInt).decode(null))
        .isEmpty();
    assertThat(decode(Codecs.deserializer(Map.class), MAP_TEXT_LIST_INT, null)).isNull();
    assertThat(
            Codecs.deserializer(Object.class)
                .bindNonFrozenCollection(MAP_TEXT_LIST_INT)
                .decode(null))
        .isEqualTo(Map.of());
    ColumnSpec nonFrozen = new ColumnSpec("ks", "t", "l", listText);
    assertThat(DeserializeValue.bindColumn(list, nonFrozen).decode(null)).isEmpty();
    assertThat(DeserializeValue.bindColumn(list, nonFrozen.withFrozen(true)).decode(null)).isNull();
    assertThat(
            DeserializeValue.bindColumn(
                    Codecs.optionalDeserializer(list), nonFrozen.withFrozen(true))
                .decode(null))
        .isEqualTo(Optional.empty());
    assertThat(
            decode(
                Codecs.optionalDeserializer(
                    Codecs.listDeserializer(Codecs.deserializer(Integer.class))),
                ColumnType.list(ColumnType.INT),
                null))
        .isEqualTo(Optional.empty());
    assertThat(
            encode(
                Codecs.optionalSerializer(Codecs.serializer(Integer.class)),
                ColumnType.INT,
                Optional.empty()))
        .isEqualTo("status-1");
  }

  @Test
  void roundTripsNestedEmptyCollections() {
    ColumnType type =
        ColumnType.list(ColumnType.set(ColumnType.map(ColumnType.INT, ColumnType.TEXT)));
    List<Object> value = List.of(Set.of(), Set.of(Map.of()), Set.of(Map.of(1, "x")));
    assertThat(roundTripAny(type, value)).isEqualTo(value);
    assertThat(roundTripAny(ColumnType.list(ColumnType.INT), List.of())).isEqualTo(List.of());
  }

  @Test
  void roundTripsTuplesAndUdtsWithNulls() {
    ColumnType tuple = ColumnType.tuple(ColumnType.INT, ColumnType.TEXT, ADDRESS);
    UdtValue address = UdtValue.builder().set("street", null).set("zip", 1234).build();
    TupleValue value = TupleValue.of(null, "x", address);
    assertThat(roundTripAny(tuple, value)).isEqualTo(value);
    UdtValue partial = UdtValue.builder().set("street", "Main").build();
    assertThat(((UdtValue) roundTripAny(ADDRESS, partial)).fields())
        .containsEntry("street", "Main")
        .containsEntry("zip", null);
    assertThat(
            encode(
                Codecs.serializer(TupleValue.class),
                ColumnType.tuple(ColumnType.INT),
                TupleValue.of((Object) null)))
        .isEqualTo("ffffffff");
  }

  @Test
  void readsUdtWithFewerValuesThanFieldsAsNulls() {
    UdtValue v = decode(Codecs.deserializer(UdtValue.class), ADDRESS, "00000001" + "41");
    assertThat(v.get("street")).isEqualTo("A");
    assertThat(v.has("zip")).isTrue();
    assertThat(v.get("zip")).isNull();
  }

  @Test
  void rejectsUdtFieldsTheTypeDoesNotHave() {
    assertThatThrownBy(
            () ->
                encode(
                    Codecs.serializer(UdtValue.class),
                    ADDRESS,
                    UdtValue.builder().set("city", "x").build()))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("no field 'city'")
        .hasMessageContaining("ks.address");
  }

  @Test
  void encodesFixedSizeVectorsWithoutElementLengths() {
    ColumnType type = ColumnType.vector(ColumnType.FLOAT, 3);
    assertThat(encode(Codecs.serializer(float[].class), type, new float[] {1f, 0f, -2f}))
        .isEqualTo("3f800000" + "00000000" + "c0000000");
    assertThat(decode(Codecs.deserializer(float[].class), type, "3f80000000000000c0000000"))
        .containsExactly(1f, 0f, -2f);
    assertThat(roundTripAny(type, List.of(1.5f, Float.NaN, 3f)))
        .isEqualTo(List.of(1.5f, Float.NaN, 3f));
    assertThatThrownBy(() -> encode(Codecs.serializer(float[].class), type, new float[2]))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("2 elements for 3 dimensions");
    assertThatThrownBy(() -> decode(Codecs.deserializer(float[].class), type, "3f800000"))
        .isInstanceOf(DeserializationException.class);
  }

  @Test
  void encodesVariableSizeVectorsWithUnsignedVintLengths() {
    ColumnType type = ColumnType.vector(ColumnType.TEXT, 2);
    assertThat(encode(Codecs.serializer(Object.class), type, List.of("ab", "")))
        .isEqualTo("02" + "6162" + "00");
    String big = "x".repeat(200);
    assertThat(roundTripAny(type, List.of(big, "é"))).isEqualTo(List.of(big, "é"));
    ColumnType nested = ColumnType.vector(ColumnType.list(ColumnType.INT), 2);
    assertThat(roundTripAny(nested, List.of(List.of(), List.of(1, 2))))
        .isEqualTo(List.of(List.of(), List.of(1, 2)));
  }

  @Test
  void rejectsCollectionCountsLargerThanTheBytes() {
    assertThatThrownBy(
            () ->
                decode(
                    Codecs.deserializer(List.class),
                    ColumnType.list(ColumnType.INT),
                    "7fffffff00000004"))
        .isInstanceOf(DeserializationException.class)
        .hasMessageContaining("element count 2147483647");
    assertThatThrownBy(
            () ->
                decode(
                    Codecs.deserializer(List.class),
                    ColumnType.list(ColumnType.INT),
                    "00000001fffffff0"))
        .isInstanceOf(DeserializationException.class)
        .hasMessageContaining("element length -16");
    assertThatThrownBy(
            () ->
                decode(
                    Codecs.deserializer(List.class),
                    ColumnType.list(ColumnType.INT),
                    "000000010000000400000001ff"))
        .isInstanceOf(DeserializationException.class)
        .hasMessageContaining("1 bytes after the last element");
    assertThatThrownBy(
            () ->
                decode(
                    Codecs.deserializer(List.class),
                    ColumnType.vector(ColumnType.TEXT, 1000),
                    "00"))
        .isInstanceOf(DeserializationException.class);
  }

  @Test
  void rejectsVectorElementLengthsOverLongMaxValue() {
    // found by GeneratedCodecFuzzTest: a 9-byte unsigned vint length of 2^64 - 1 read as the long
    // -1 and went past the length check to setIndex (an IndexOutOfBoundsException)
    assertThatThrownBy(
            () ->
                decode(
                    Codecs.deserializer(List.class),
                    ColumnType.vector(ColumnType.TEXT, 1),
                    "ff" + "ffffffffffffffff" + "61"))
        .isInstanceOf(DeserializationException.class)
        .hasMessageContaining("element length 18446744073709551615 exceeds 1 bytes");
  }

  @Test
  void rejectsNullElementsInCollectionsOnWrite() {
    List<Integer> withNull = new ArrayList<>(Arrays.asList(1, null));
    assertThatThrownBy(
            () ->
                encode(Codecs.serializer(Object.class), ColumnType.list(ColumnType.INT), withNull))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("cannot contain null");
  }

  @Test
  void typeCheckOfNestedTypesNamesTheWholeTypes() {
    DeserializeValue<List<String>> d = Codecs.listDeserializer(Codecs.deserializer(String.class));
    assertThatThrownBy(() -> d.bind(ColumnType.list(ColumnType.INT)))
        .isInstanceOf(TypeCheckException.class)
        .hasMessageContaining("list<int>")
        .hasMessageContaining("java.util.List<java.lang.String>");
    assertThatThrownBy(() -> d.bind(ColumnType.TEXT))
        .isInstanceOf(TypeCheckException.class)
        .hasMessageContaining("it maps to list, set and vector");
  }

  @Test
  void decodesEveryCqlTypeIntoItsDefaultJavaType() {
    assertThat(roundTripAny(ColumnType.BIGINT, 5L)).isEqualTo(5L);
    assertThat(roundTripAny(ColumnType.DURATION, new CqlDuration(1, 2, 3)))
        .isEqualTo(new CqlDuration(1, 2, 3));
    assertThat(roundTripAny(new ColumnType.Custom("x.Y"), new byte[] {1}))
        .isEqualTo(java.nio.ByteBuffer.wrap(new byte[] {1}));
    assertThatThrownBy(() -> encode(Codecs.serializer(Object.class), ColumnType.INT, new Object()))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("java.lang.Object")
        .hasMessageContaining("no CQL mapping");
  }
}
