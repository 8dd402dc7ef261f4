package org.cql4j.protocol.internal.codec;

import io.netty.buffer.ByteBuf;
import java.util.EnumMap;
import java.util.Map;
import org.cql4j.protocol.deserialize.DeserializationException;
import org.cql4j.protocol.deserialize.DeserializeValue;
import org.cql4j.protocol.deserialize.TypeCheckException;
import org.cql4j.protocol.serialize.SerializationException;
import org.cql4j.protocol.serialize.SerializeValue;
import org.cql4j.protocol.types.ColumnType;

/**
 * The codec of one Java type for the native CQL types it maps to, in both directions. Immutable
 * once built, thread-safe.
 *
 * @param <T> the Java type
 */
public final class Scalar<T> {
  /** Reads a non-null, non-empty cell. */
  @FunctionalInterface
  public interface Reader<T> {
    /** Decodes the readable bytes of {@code cell}. */
    T read(ByteBuf cell, ColumnType type, String javaType);
  }

  /** Writes a non-null value. */
  @FunctionalInterface
  public interface Appender<T> {
    /** Appends the value's bytes. */
    void append(T value, ByteBuf out, ColumnType type);
  }

  private final String javaType;
  private final boolean emptyIsNull;
  private final Map<ColumnType.Native, Reader<T>> readers = new EnumMap<>(ColumnType.Native.class);
  private final Map<ColumnType.Native, Appender<T>> appenders =
      new EnumMap<>(ColumnType.Native.class);
  private final DeserializeValue<T> deserializer = this::bindDecoder;
  private final SerializeValue<T> serializer = this::bindWriter;

  /**
   * @param javaType the Java type's name, for messages
   * @param emptyIsNull whether a zero-length cell reads as null (legacy empty values of fixed-size
   *     types, native_protocol_v4.spec §6) rather than going to the reader
   */
  Scalar(String javaType, boolean emptyIsNull) {
    this.javaType = javaType;
    this.emptyIsNull = emptyIsNull;
  }

  /** Maps one CQL type. */
  Scalar<T> with(ColumnType.Native type, Reader<T> reader, Appender<T> appender) {
    readers.put(type, reader);
    appenders.put(type, appender);
    return this;
  }

  /** The Java type's name. */
  public String javaType() {
    return javaType;
  }

  /** The deserializer of this Java type. */
  public DeserializeValue<T> deserializer() {
    return deserializer;
  }

  /** The serializer of this Java type. */
  public SerializeValue<T> serializer() {
    return serializer;
  }

  /** Whether this Java type maps to {@code type}. */
  public boolean accepts(ColumnType type) {
    return type instanceof ColumnType.Native n && readers.containsKey(n);
  }

  private DeserializeValue.Decoder<T> bindDecoder(ColumnType type) {
    Reader<T> reader = type instanceof ColumnType.Native n ? readers.get(n) : null;
    if (reader == null) {
      throw new TypeCheckException(null, type, javaType, "it maps to " + readers.keySet());
    }
    boolean nullOnEmpty = emptyIsNull;
    return cell -> {
      if (cell == null || (nullOnEmpty && !cell.isReadable())) {
        return null;
      }
      return reader.read(cell, type, javaType);
    };
  }

  private SerializeValue.Writer<T> bindWriter(ColumnType type) {
    Appender<T> appender = type instanceof ColumnType.Native n ? appenders.get(n) : null;
    if (appender == null) {
      throw new SerializationException(null, type, javaType, "it maps to " + appenders.keySet());
    }
    return (value, out) -> {
      if (value == null) {
        return SerializeValue.Writer.NULL;
      }
      appender.append(value, out, type);
      return SerializeValue.Writer.VALUE;
    };
  }

  /**
   * Returns the decoder for a primitive: a null cell is an error instead of null.
   *
   * @param boxed the decoder of the boxed type
   * @param primitive the primitive's name
   */
  public static <T> DeserializeValue<T> primitive(DeserializeValue<T> boxed, String primitive) {
    return type -> {
      DeserializeValue.Decoder<T> d = boxed.bind(type);
      return cell -> {
        T value = d.decode(cell);
        if (value == null) {
          throw new DeserializationException(
              null,
              type,
              primitive,
              cell == null ? -1 : cell.readerIndex(),
              "null cannot be decoded into a primitive; use the boxed type or Optional");
        }
        return value;
      };
    };
  }
}
