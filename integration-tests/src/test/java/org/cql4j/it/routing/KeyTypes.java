package org.cql4j.it.routing;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.type.DataTypes;
import com.datastax.oss.driver.api.core.type.TupleType;
import com.datastax.oss.driver.api.core.type.UserDefinedType;
import com.datastax.oss.driver.api.core.type.codec.TypeCodec;
import com.datastax.oss.driver.api.core.type.codec.TypeCodecs;
import com.datastax.oss.driver.internal.core.type.UserDefinedTypeBuilder;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import org.cql4j.protocol.serialize.SerializeValue;
import org.cql4j.protocol.types.ColumnType;
import org.cql4j.protocol.value.Codecs;
import org.cql4j.protocol.value.TupleValue;
import org.cql4j.protocol.value.UdtValue;

/**
 * The types a partition key can have, each with a random value drawer and the codec of each driver:
 * every native type but {@code counter} and {@code duration} (which CQL refuses in a key), and
 * frozen collections, tuples and user types, nested too.
 */
final class KeyTypes {
  private KeyTypes() {}

  /**
   * One key type.
   *
   * @param cql the type in CQL
   * @param type cql4j's type
   * @param ours cql4j's writer, bound to the type
   * @param theirs the Java driver's codec
   * @param draw a random value, as {@code {cql4j's value, the driver's value}}
   */
  record KeyType(
      String cql,
      ColumnType type,
      SerializeValue.Writer<Object> ours,
      TypeCodec<Object> theirs,
      Function<Random, Object[]> draw) {
    @Override
    public String toString() {
      return cql;
    }
  }

  static final TupleType TUPLE = DataTypes.tupleOf(DataTypes.INT, DataTypes.TEXT, DataTypes.UUID);
  static final UserDefinedType ADDRESS =
      new UserDefinedTypeBuilder(
              CqlIdentifier.fromInternal("ks"), CqlIdentifier.fromInternal("address"))
          .withField(CqlIdentifier.fromInternal("street"), DataTypes.TEXT)
          .withField(CqlIdentifier.fromInternal("zip"), DataTypes.INT)
          .withField(CqlIdentifier.fromInternal("tags"), DataTypes.frozenListOf(DataTypes.TEXT))
          .build();

  static List<KeyType> all() {
    ColumnType listOfText = ColumnType.list(ColumnType.TEXT);
    return List.of(
        same("ascii", ColumnType.ASCII, String.class, TypeCodecs.ASCII, KeyTypes::ascii),
        same("bigint", ColumnType.BIGINT, Long.class, TypeCodecs.BIGINT, Random::nextLong),
        of(
            "blob",
            ColumnType.BLOB,
            Codecs.serializer(byte[].class),
            TypeCodecs.BLOB,
            r -> {
              byte[] bytes = bytes(r, r.nextInt(65));
              return new Object[] {bytes, ByteBuffer.wrap(bytes.clone())};
            }),
        same("boolean", ColumnType.BOOLEAN, Boolean.class, TypeCodecs.BOOLEAN, Random::nextBoolean),
        same("date", ColumnType.DATE, LocalDate.class, TypeCodecs.DATE, KeyTypes::date),
        same(
            "decimal", ColumnType.DECIMAL, BigDecimal.class, TypeCodecs.DECIMAL, KeyTypes::decimal),
        same(
            "double",
            ColumnType.DOUBLE,
            Double.class,
            TypeCodecs.DOUBLE,
            r -> Double.longBitsToDouble(r.nextLong())),
        same(
            "float",
            ColumnType.FLOAT,
            Float.class,
            TypeCodecs.FLOAT,
            r -> Float.intBitsToFloat(r.nextInt())),
        same("inet", ColumnType.INET, InetAddress.class, TypeCodecs.INET, KeyTypes::inet),
        same("int", ColumnType.INT, Integer.class, TypeCodecs.INT, Random::nextInt),
        same(
            "smallint",
            ColumnType.SMALLINT,
            Short.class,
            TypeCodecs.SMALLINT,
            r -> (short) r.nextInt()),
        same("text", ColumnType.TEXT, String.class, TypeCodecs.TEXT, KeyTypes::text),
        same(
            "time",
            ColumnType.TIME,
            LocalTime.class,
            TypeCodecs.TIME,
            r -> LocalTime.ofNanoOfDay(Math.floorMod(r.nextLong(), 86_400_000_000_000L))),
        same(
            "timestamp",
            ColumnType.TIMESTAMP,
            Instant.class,
            TypeCodecs.TIMESTAMP,
            r -> Instant.ofEpochMilli(r.nextLong())),
        same("timeuuid", ColumnType.TIMEUUID, UUID.class, TypeCodecs.TIMEUUID, KeyTypes::timeuuid),
        same(
            "tinyint", ColumnType.TINYINT, Byte.class, TypeCodecs.TINYINT, r -> (byte) r.nextInt()),
        same(
            "uuid",
            ColumnType.UUID,
            UUID.class,
            TypeCodecs.UUID,
            r -> new UUID(r.nextLong(), r.nextLong())),
        same("varint", ColumnType.VARINT, BigInteger.class, TypeCodecs.VARINT, KeyTypes::varint),
        of(
            "frozen<list<int>>",
            ColumnType.list(ColumnType.INT),
            Codecs.listSerializer(Codecs.serializer(Integer.class)),
            TypeCodecs.listOf(TypeCodecs.INT),
            r -> both(list(r, Random::nextInt))),
        of(
            "frozen<set<text>>",
            ColumnType.set(ColumnType.TEXT),
            Codecs.setSerializer(Codecs.serializer(String.class)),
            TypeCodecs.setOf(TypeCodecs.TEXT),
            r -> both(new LinkedHashSet<>(list(r, KeyTypes::text)))),
        of(
            "frozen<map<text, bigint>>",
            ColumnType.map(ColumnType.TEXT, ColumnType.BIGINT),
            Codecs.mapSerializer(Codecs.serializer(String.class), Codecs.serializer(Long.class)),
            TypeCodecs.mapOf(TypeCodecs.TEXT, TypeCodecs.BIGINT),
            r -> both(map(r, KeyTypes::text, Random::nextLong))),
        of(
            "frozen<map<int, frozen<list<text>>>>",
            ColumnType.map(ColumnType.INT, listOfText),
            Codecs.mapSerializer(
                Codecs.serializer(Integer.class),
                Codecs.listSerializer(Codecs.serializer(String.class))),
            TypeCodecs.mapOf(TypeCodecs.INT, TypeCodecs.listOf(TypeCodecs.TEXT)),
            r -> both(map(r, Random::nextInt, rr -> list(rr, KeyTypes::text)))),
        of(
            "frozen<tuple<int, text, uuid>>",
            ColumnType.tuple(ColumnType.INT, ColumnType.TEXT, ColumnType.UUID),
            Codecs.serializer(TupleValue.class),
            TypeCodecs.tupleOf(TUPLE),
            KeyTypes::tuple),
        of(
            "frozen<address>",
            new ColumnType.UserType(
                "ks",
                "address",
                List.of(
                    new ColumnType.UserType.Field("street", ColumnType.TEXT),
                    new ColumnType.UserType.Field("zip", ColumnType.INT),
                    new ColumnType.UserType.Field("tags", listOfText))),
            Codecs.serializer(UdtValue.class),
            TypeCodecs.udtOf(ADDRESS),
            KeyTypes::address));
  }

  private static <T> KeyType same(
      String cql,
      ColumnType type,
      Class<T> javaType,
      TypeCodec<T> theirs,
      Function<Random, T> draw) {
    return of(cql, type, Codecs.serializer(javaType), theirs, r -> both(draw.apply(r)));
  }

  @SuppressWarnings("unchecked")
  private static KeyType of(
      String cql,
      ColumnType type,
      SerializeValue<?> ours,
      TypeCodec<?> theirs,
      Function<Random, Object[]> draw) {
    return new KeyType(
        cql,
        type,
        (SerializeValue.Writer<Object>) ours.bind(type),
        (TypeCodec<Object>) theirs,
        draw);
  }

  private static Object[] both(Object value) {
    return new Object[] {value, value};
  }

  // --- random values

  private static String ascii(Random r) {
    char[] chars = new char[r.nextInt(41)];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = (char) r.nextInt(128);
    }
    return new String(chars);
  }

  /** Any code point but the surrogates, which no valid string holds alone. */
  static String text(Random r) {
    StringBuilder text = new StringBuilder();
    for (int i = r.nextInt(31); i > 0; i--) {
      int codePoint =
          switch (r.nextInt(4)) {
            case 0 -> r.nextInt(0x80);
            case 1 -> 0x80 + r.nextInt(0x800 - 0x80);
            case 2 -> 0xE000 + r.nextInt(0x10000 - 0xE000);
            default -> 0x10000 + r.nextInt(0x110000 - 0x10000);
          };
      text.appendCodePoint(codePoint);
    }
    return text.toString();
  }

  private static byte[] bytes(Random r, int length) {
    byte[] bytes = new byte[length];
    r.nextBytes(bytes);
    return bytes;
  }

  private static LocalDate date(Random r) {
    return LocalDate.ofEpochDay(r.nextInt()); // the whole range of date: 2^32 days around 1970
  }

  private static BigInteger varint(Random r) {
    BigInteger value = new BigInteger(r.nextInt(160), r);
    return r.nextBoolean() ? value.negate() : value;
  }

  private static BigDecimal decimal(Random r) {
    int scale = r.nextInt(8) == 0 ? r.nextInt() : r.nextInt(41) - 20;
    return new BigDecimal(varint(r), scale);
  }

  private static InetAddress inet(Random r) {
    try {
      return InetAddress.getByAddress(bytes(r, r.nextBoolean() ? 4 : 16));
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  private static UUID timeuuid(Random r) {
    long msb = (r.nextLong() & ~0xF000L) | 0x1000L; // version 1
    long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
    return new UUID(msb, lsb);
  }

  private static <T> List<T> list(Random r, Function<Random, T> element) {
    List<T> list = new ArrayList<>();
    for (int i = r.nextInt(6); i > 0; i--) {
      list.add(element.apply(r));
    }
    return list;
  }

  private static <K, V> Map<K, V> map(
      Random r, Function<Random, K> key, Function<Random, V> value) {
    Map<K, V> map = new LinkedHashMap<>();
    for (int i = r.nextInt(6); i > 0; i--) {
      map.put(key.apply(r), value.apply(r));
    }
    return map;
  }

  private static Object[] tuple(Random r) {
    Integer i = r.nextInt(4) == 0 ? null : r.nextInt();
    String s = r.nextInt(4) == 0 ? null : text(r);
    UUID u = r.nextInt(4) == 0 ? null : new UUID(r.nextLong(), r.nextLong());
    return new Object[] {TupleValue.of(i, s, u), TUPLE.newValue(i, s, u)};
  }

  private static Object[] address(Random r) {
    String street = r.nextInt(4) == 0 ? null : text(r);
    Integer zip = r.nextInt(4) == 0 ? null : r.nextInt();
    List<String> tags = r.nextInt(4) == 0 ? null : list(r, KeyTypes::text);
    UdtValue ours =
        UdtValue.builder().set("street", street).set("zip", zip).set("tags", tags).build();
    return new Object[] {ours, ADDRESS.newValue(street, zip, tags)};
  }
}
