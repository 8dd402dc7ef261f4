package org.cql4j.protocol.internal.codec;

import io.netty.buffer.ByteBuf;
import org.cql4j.protocol.deserialize.DeserializeValue;
import org.cql4j.protocol.serialize.SerializationException;
import org.cql4j.protocol.serialize.SerializeValue;
import org.cql4j.protocol.types.ColumnType;
import org.cql4j.protocol.value.Unset;

/**
 * {@code Object}: decoding into each CQL type's default Java type, and writing a value by its
 * runtime class. Stateless (apart from a benign per-writer cache) and thread-safe.
 */
public final class AnyCodecs {
  private AnyCodecs() {}

  /** Decodes any CQL type into its default Java type (api.md's table). */
  public static final DeserializeValue<Object> DESERIALIZER =
      new Named.Deserializer<>(
          "java.lang.Object",
          new DeserializeValue<>() {
            @Override
            @SuppressWarnings("unchecked")
            public Decoder<Object> bind(ColumnType type) {
              return (Decoder<Object>) defaultDeserializer(type).bind(type);
            }

            @Override
            @SuppressWarnings("unchecked")
            public Decoder<Object> bindNonFrozenCollection(ColumnType type) {
              return (Decoder<Object>) defaultDeserializer(type).bindNonFrozenCollection(type);
            }
          });

  /** Writes any value as any CQL type it maps to, chosen by the value's runtime class. */
  public static final SerializeValue<Object> SERIALIZER =
      new Named.Serializer<>("java.lang.Object", DynamicWriter::new);

  /** The deserializer of a CQL type's default Java type. */
  public static DeserializeValue<?> defaultDeserializer(ColumnType type) {
    if (type instanceof ColumnType.Native n) {
      return switch (n) {
        case ASCII, TEXT -> NativeCodecs.STRING.deserializer();
        case BIGINT, COUNTER -> NativeCodecs.LONG.deserializer();
        case BLOB -> NativeCodecs.BYTE_BUFFER.deserializer();
        case BOOLEAN -> NativeCodecs.BOOLEAN.deserializer();
        case DECIMAL -> BigNumberCodecs.BIG_DECIMAL.deserializer();
        case DOUBLE -> NativeCodecs.DOUBLE.deserializer();
        case FLOAT -> NativeCodecs.FLOAT.deserializer();
        case INT -> NativeCodecs.INT.deserializer();
        case TIMESTAMP -> TemporalCodecs.INSTANT.deserializer();
        case UUID, TIMEUUID -> TemporalCodecs.UUID.deserializer();
        case VARINT -> BigNumberCodecs.BIG_INTEGER.deserializer();
        case INET -> TemporalCodecs.INET.deserializer();
        case DATE -> TemporalCodecs.LOCAL_DATE.deserializer();
        case TIME -> TemporalCodecs.LOCAL_TIME.deserializer();
        case SMALLINT -> NativeCodecs.SHORT.deserializer();
        case TINYINT -> NativeCodecs.BYTE.deserializer();
        case DURATION -> TemporalCodecs.DURATION.deserializer();
      };
    }
    if (type instanceof ColumnType.ListType || type instanceof ColumnType.VectorType) {
      return CollectionDecoders.list(DESERIALIZER);
    }
    if (type instanceof ColumnType.SetType) {
      return CollectionDecoders.set(DESERIALIZER);
    }
    if (type instanceof ColumnType.MapType) {
      return CollectionDecoders.map(DESERIALIZER, DESERIALIZER);
    }
    if (type instanceof ColumnType.TupleType) {
      return StructCodecs.TUPLE_DESERIALIZER;
    }
    if (type instanceof ColumnType.UserType) {
      return StructCodecs.UDT_DESERIALIZER;
    }
    return Registry.BYTE_BUFFER_DESERIALIZER; // custom: raw bytes
  }

  /** Binds, per runtime class, the serializer of that class; caches the last class seen. */
  private static final class DynamicWriter implements SerializeValue.Writer<Object> {
    private final ColumnType type;
    private volatile Bound cache;

    private record Bound(Class<?> javaClass, SerializeValue.Writer<Object> writer) {}

    DynamicWriter(ColumnType type) {
      this.type = type;
    }

    @Override
    @SuppressWarnings("unchecked")
    public int write(Object value, ByteBuf out) {
      if (value == null) {
        return NULL;
      }
      if (value == Unset.VALUE) {
        return UNSET;
      }
      Bound b = cache;
      if (b == null || b.javaClass != value.getClass()) {
        SerializeValue<?> s = Registry.serializerForValue(value.getClass());
        if (s == null) {
          throw new SerializationException(
              null,
              type,
              value.getClass().getName(),
              GeneratedStructCodecs.noCodecReason(value.getClass()));
        }
        b = new Bound(value.getClass(), (SerializeValue.Writer<Object>) s.bind(type));
        cache = b;
      }
      return b.writer.write(value, out);
    }
  }
}
