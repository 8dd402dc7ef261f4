package org.cql4j.protocol.internal.codec;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cql4j.protocol.deserialize.DeserializeValue;
import org.cql4j.protocol.serialize.SerializeValue;
import org.cql4j.protocol.types.ColumnType;
import org.cql4j.protocol.value.TupleValue;
import org.cql4j.protocol.value.UdtValue;

/** The built-in codecs by Java class. Immutable after class initialization, thread-safe. */
public final class Registry {
  private Registry() {}

  /** blob (and any custom type, as raw bytes) → read-only ByteBuffer view. */
  public static final DeserializeValue<ByteBuffer> BYTE_BUFFER_DESERIALIZER =
      new Named.Deserializer<>(
          "java.nio.ByteBuffer", blobOrCustom(NativeCodecs.BYTE_BUFFER.deserializer()));

  private static final Map<Class<?>, DeserializeValue<?>> DESERIALIZERS = new HashMap<>();
  private static final Map<Class<?>, SerializeValue<?>> SERIALIZERS = new HashMap<>();

  private static final ClassValue<SerializeValue<?>> BY_VALUE_CLASS =
      new ClassValue<>() {
        @Override
        protected SerializeValue<?> computeValue(Class<?> c) {
          return lookupValueClass(c);
        }
      };

  static {
    scalar(Boolean.class, boolean.class, NativeCodecs.BOOLEAN);
    scalar(Byte.class, byte.class, NativeCodecs.BYTE);
    scalar(Short.class, short.class, NativeCodecs.SHORT);
    scalar(Integer.class, int.class, NativeCodecs.INT);
    scalar(Long.class, long.class, NativeCodecs.LONG);
    scalar(Float.class, float.class, NativeCodecs.FLOAT);
    scalar(Double.class, double.class, NativeCodecs.DOUBLE);
    scalar(String.class, null, NativeCodecs.STRING);
    scalar(org.cql4j.protocol.value.Counter.class, null, NativeCodecs.COUNTER);
    scalar(java.util.UUID.class, null, TemporalCodecs.UUID);
    scalar(org.cql4j.protocol.value.CqlTimeuuid.class, null, TemporalCodecs.TIMEUUID);
    scalar(InetAddress.class, null, TemporalCodecs.INET);
    scalar(java.time.LocalDate.class, null, TemporalCodecs.LOCAL_DATE);
    scalar(org.cql4j.protocol.value.CqlDate.class, null, TemporalCodecs.CQL_DATE);
    scalar(java.time.LocalTime.class, null, TemporalCodecs.LOCAL_TIME);
    scalar(org.cql4j.protocol.value.CqlTime.class, null, TemporalCodecs.CQL_TIME);
    scalar(java.time.Instant.class, null, TemporalCodecs.INSTANT);
    scalar(org.cql4j.protocol.value.CqlTimestamp.class, null, TemporalCodecs.CQL_TIMESTAMP);
    scalar(org.cql4j.protocol.value.CqlDuration.class, null, TemporalCodecs.DURATION);
    scalar(java.math.BigInteger.class, null, BigNumberCodecs.BIG_INTEGER);
    scalar(org.cql4j.protocol.value.CqlVarint.class, null, BigNumberCodecs.CQL_VARINT);
    scalar(java.math.BigDecimal.class, null, BigNumberCodecs.BIG_DECIMAL);
    scalar(org.cql4j.protocol.value.CqlDecimal.class, null, BigNumberCodecs.CQL_DECIMAL);
    DESERIALIZERS.put(
        byte[].class,
        new Named.Deserializer<>("byte[]", blobOrCustom(NativeCodecs.BYTE_ARRAY.deserializer())));
    SERIALIZERS.put(
        byte[].class,
        new Named.Serializer<>("byte[]", blobOrCustomWriter(NativeCodecs.BYTE_ARRAY.serializer())));
    DESERIALIZERS.put(ByteBuffer.class, BYTE_BUFFER_DESERIALIZER);
    SERIALIZERS.put(
        ByteBuffer.class,
        new Named.Serializer<>(
            "java.nio.ByteBuffer", blobOrCustomWriter(NativeCodecs.BYTE_BUFFER.serializer())));
    DESERIALIZERS.put(float[].class, VectorCodecs.FLOAT_ARRAY_DESERIALIZER);
    SERIALIZERS.put(float[].class, VectorCodecs.FLOAT_ARRAY_SERIALIZER);
    DESERIALIZERS.put(TupleValue.class, StructCodecs.TUPLE_DESERIALIZER);
    SERIALIZERS.put(TupleValue.class, StructCodecs.TUPLE_SERIALIZER);
    DESERIALIZERS.put(UdtValue.class, StructCodecs.UDT_DESERIALIZER);
    SERIALIZERS.put(UdtValue.class, StructCodecs.UDT_SERIALIZER);
    DESERIALIZERS.put(Object.class, AnyCodecs.DESERIALIZER);
    SERIALIZERS.put(Object.class, AnyCodecs.SERIALIZER);
    DESERIALIZERS.put(List.class, CollectionDecoders.list(AnyCodecs.DESERIALIZER));
    DESERIALIZERS.put(Set.class, CollectionDecoders.set(AnyCodecs.DESERIALIZER));
    DESERIALIZERS.put(
        Map.class, CollectionDecoders.map(AnyCodecs.DESERIALIZER, AnyCodecs.DESERIALIZER));
    DESERIALIZERS.put(Optional.class, CollectionDecoders.optional(AnyCodecs.DESERIALIZER));
    SERIALIZERS.put(
        List.class, CollectionWriters.collection("java.util.List", AnyCodecs.SERIALIZER));
    SERIALIZERS.put(Set.class, CollectionWriters.collection("java.util.Set", AnyCodecs.SERIALIZER));
    SERIALIZERS.put(
        Collection.class,
        CollectionWriters.collection("java.util.Collection", AnyCodecs.SERIALIZER));
    SERIALIZERS.put(Map.class, CollectionWriters.map(AnyCodecs.SERIALIZER, AnyCodecs.SERIALIZER));
    SERIALIZERS.put(Optional.class, CollectionWriters.optional(AnyCodecs.SERIALIZER));
  }

  private static <T> void scalar(Class<T> boxed, Class<?> primitive, Scalar<T> s) {
    DESERIALIZERS.put(boxed, new Named.Deserializer<>(s.javaType(), s.deserializer()));
    SERIALIZERS.put(boxed, new Named.Serializer<>(s.javaType(), s.serializer()));
    if (primitive != null) {
      DESERIALIZERS.put(
          primitive,
          new Named.Deserializer<>(
              primitive.getName(), Scalar.primitive(s.deserializer(), primitive.getName())));
      SERIALIZERS.put(primitive, new Named.Serializer<>(primitive.getName(), s.serializer()));
    }
  }

  private static <T> DeserializeValue<T> blobOrCustom(DeserializeValue<T> blob) {
    return type -> blob.bind(type instanceof ColumnType.Custom ? ColumnType.BLOB : type);
  }

  private static <T> SerializeValue<T> blobOrCustomWriter(SerializeValue<T> blob) {
    return type -> blob.bind(type instanceof ColumnType.Custom ? ColumnType.BLOB : type);
  }

  /**
   * The built-in deserializer of exactly this class, an enum's, or the generated one of a
   * {@code @UserType}, {@code @CqlTuple} or {@code @Transparent} record, or null.
   */
  public static DeserializeValue<?> deserializer(Class<?> javaClass) {
    DeserializeValue<?> d = DESERIALIZERS.get(javaClass);
    if (d != null) {
      return d;
    }
    return javaClass.isEnum()
        ? EnumCodecs.deserializer(javaClass)
        : GeneratedStructCodecs.deserializer(javaClass);
  }

  /**
   * The built-in serializer of exactly this class, an enum's, or the generated one of a
   * {@code @UserType}, {@code @CqlTuple} or {@code @Transparent} record, or null.
   */
  public static SerializeValue<?> serializer(Class<?> javaClass) {
    SerializeValue<?> s = SERIALIZERS.get(javaClass);
    if (s != null) {
      return s;
    }
    return javaClass.isEnum()
        ? EnumCodecs.serializer(javaClass)
        : GeneratedStructCodecs.serializer(javaClass);
  }

  /**
   * The serializer for a value of this runtime class (subclasses included, generated codecs of
   * records too), or null.
   */
  public static SerializeValue<?> serializerForValue(Class<?> javaClass) {
    return BY_VALUE_CLASS.get(javaClass);
  }

  private static SerializeValue<?> lookupValueClass(Class<?> c) {
    SerializeValue<?> s = SERIALIZERS.get(c);
    if (s != null && c != Object.class) {
      return s;
    }
    if (c.isRecord()) {
      return GeneratedStructCodecs.serializer(c);
    }
    Class<?> enumClass = EnumCodecs.enumOf(c);
    if (enumClass != null) {
      return EnumCodecs.serializer(enumClass);
    }
    for (Class<?> general :
        List.of(
            List.class,
            Set.class,
            Collection.class,
            Map.class,
            Optional.class,
            InetAddress.class,
            ByteBuffer.class)) {
      if (general.isAssignableFrom(c)) {
        return SERIALIZERS.get(general);
      }
    }
    return null;
  }
}
