package org.cql4j.protocol.value;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.cql4j.protocol.deserialize.DeserializeRow;
import org.cql4j.protocol.deserialize.DeserializeValue;
import org.cql4j.protocol.deserialize.TypeCheckException;
import org.cql4j.protocol.internal.codec.CollectionDecoders;
import org.cql4j.protocol.internal.codec.CollectionWriters;
import org.cql4j.protocol.internal.codec.GeneratedStructCodecs;
import org.cql4j.protocol.internal.codec.Registry;
import org.cql4j.protocol.internal.codec.ValueRows;
import org.cql4j.protocol.serialize.SerializeRow;
import org.cql4j.protocol.serialize.SerializeValue;

/**
 * The entry point to the built-in codecs, used by the session and by generated mapper code.
 * Stateless and thread-safe; every codec it returns is immutable and thread-safe.
 *
 * <p>Codecs for generic types are composed: {@code setDeserializer(deserializer(String.class))} is
 * the decoder of {@code Set<String>}; {@link #deserializer(Type)} does the same from a reflected
 * type. Each returned codec is bound to a {@code ColumnType} once (see the {@code deserialize} and
 * {@code serialize} packages).
 */
public final class Codecs {
  private Codecs() {}

  /**
   * Returns the built-in deserializer of a Java class of api.md's type table: primitives and their
   * boxes, {@code String}, {@code byte[]}, {@code ByteBuffer}, {@code UUID}, the {@code java.time}
   * types, {@code InetAddress}, {@code BigInteger}, {@code BigDecimal}, {@code float[]}, the {@code
   * Cql*} carriers, {@link Counter}, {@link TupleValue}, {@link UdtValue}, and {@code Object} (each
   * CQL type's default Java type). Raw {@code List}, {@code Set}, {@code Map} and {@code Optional}
   * hold default Java types. A {@code @UserType} or {@code @CqlTuple} record gets the codec that
   * cql-mapper-processor generated for it. Thread-safe.
   *
   * @param javaClass the Java class
   * @param <T> the Java type
   * @return the deserializer
   * @throws IllegalArgumentException if there is no built-in codec for the class
   */
  @SuppressWarnings("unchecked")
  public static <T> DeserializeValue<T> deserializer(Class<T> javaClass) {
    DeserializeValue<?> d = Registry.deserializer(javaClass);
    if (d == null) {
      throw new IllegalArgumentException(
          "No CQL codec for Java type "
              + javaClass.getName()
              + (javaClass.isRecord()
                  ? ": " + GeneratedStructCodecs.noCodecReason(javaClass)
                  : ""));
    }
    return (DeserializeValue<T>) d;
  }

  /**
   * Returns the deserializer of a reflected type: a class, or a parameterization of {@code List},
   * {@code Set}, {@code Collection}, {@code Map} or {@code Optional} (nested to any depth).
   * Thread-safe.
   *
   * @param javaType the Java type, e.g. {@code List<Map<String, Integer>>}
   * @return the deserializer
   * @throws IllegalArgumentException if there is no built-in codec for the type
   */
  public static DeserializeValue<?> deserializer(Type javaType) {
    if (javaType instanceof Class<?> c) {
      return deserializer(c);
    }
    if (javaType instanceof WildcardType w && w.getUpperBounds().length == 1) {
      return deserializer(w.getUpperBounds()[0]);
    }
    if (javaType instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
      Type[] args = p.getActualTypeArguments();
      if ((raw == List.class || raw == Collection.class) && args.length == 1) {
        return listDeserializer(deserializer(args[0]));
      }
      if (raw == Set.class && args.length == 1) {
        return setDeserializer(deserializer(args[0]));
      }
      if (raw == Map.class && args.length == 2) {
        return mapDeserializer(deserializer(args[0]), deserializer(args[1]));
      }
      if (raw == Optional.class && args.length == 1) {
        return optionalDeserializer(deserializer(args[0]));
      }
    }
    throw new IllegalArgumentException("No built-in CQL codec for Java type " + javaType);
  }

  /**
   * Returns the deserializer of {@code List<E>} ({@code list}, {@code set} or {@code vector}).
   * Thread-safe.
   *
   * @param element the element deserializer
   * @param <E> the element type
   * @return the list deserializer; a null collection reads as null, or as an empty list in a
   *     non-frozen column ({@link DeserializeValue#bindColumn})
   */
  public static <E> DeserializeValue<List<E>> listDeserializer(DeserializeValue<E> element) {
    return CollectionDecoders.list(element);
  }

  /**
   * Returns the deserializer of {@code Set<E>} ({@code set} or {@code list}). Thread-safe.
   *
   * @param element the element deserializer
   * @param <E> the element type
   * @return the set deserializer; a null collection reads as null, or as an empty set in a
   *     non-frozen column ({@link DeserializeValue#bindColumn})
   */
  public static <E> DeserializeValue<Set<E>> setDeserializer(DeserializeValue<E> element) {
    return CollectionDecoders.set(element);
  }

  /**
   * Returns the deserializer of {@code Map<K, V>}. Thread-safe.
   *
   * @param key the key deserializer
   * @param value the value deserializer
   * @param <K> the key type
   * @param <V> the value type
   * @return the map deserializer; a null map reads as null, or as an empty map in a non-frozen
   *     column ({@link DeserializeValue#bindColumn})
   */
  public static <K, V> DeserializeValue<Map<K, V>> mapDeserializer(
      DeserializeValue<K> key, DeserializeValue<V> value) {
    return CollectionDecoders.map(key, value);
  }

  /**
   * Returns the deserializer of {@code Optional<T>}: empty for a null (or empty) cell. Thread-safe.
   *
   * @param inner the deserializer of the present value
   * @param <T> the value type
   * @return the optional deserializer
   */
  public static <T> DeserializeValue<Optional<T>> optionalDeserializer(DeserializeValue<T> inner) {
    return CollectionDecoders.optional(inner);
  }

  /**
   * Returns the built-in serializer of a Java class (the classes of {@link #deserializer(Class)};
   * {@code Object} writes each value by its runtime class). Thread-safe.
   *
   * @param javaClass the Java class
   * @param <T> the Java type
   * @return the serializer
   * @throws IllegalArgumentException if there is no built-in codec for the class
   */
  @SuppressWarnings("unchecked")
  public static <T> SerializeValue<T> serializer(Class<T> javaClass) {
    SerializeValue<?> s = Registry.serializer(javaClass);
    if (s == null) {
      throw new IllegalArgumentException(
          "No CQL codec for Java type "
              + javaClass.getName()
              + (javaClass.isRecord()
                  ? ": " + GeneratedStructCodecs.noCodecReason(javaClass)
                  : ""));
    }
    return (SerializeValue<T>) s;
  }

  /**
   * Returns the serializer of a reflected type (see {@link #deserializer(Type)}). Thread-safe.
   *
   * @param javaType the Java type
   * @return the serializer
   * @throws IllegalArgumentException if there is no built-in codec for the type
   */
  public static SerializeValue<?> serializer(Type javaType) {
    if (javaType instanceof Class<?> c) {
      return serializer(c);
    }
    if (javaType instanceof WildcardType w && w.getUpperBounds().length == 1) {
      return serializer(w.getUpperBounds()[0]);
    }
    if (javaType instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
      Type[] args = p.getActualTypeArguments();
      if ((raw == List.class || raw == Set.class || raw == Collection.class) && args.length == 1) {
        return CollectionWriters.collection(raw.getName(), serializer(args[0]));
      }
      if (raw == Map.class && args.length == 2) {
        return mapSerializer(serializer(args[0]), serializer(args[1]));
      }
      if (raw == Optional.class && args.length == 1) {
        return optionalSerializer(serializer(args[0]));
      }
    }
    throw new IllegalArgumentException("No built-in CQL codec for Java type " + javaType);
  }

  /**
   * Returns the serializer of {@code List<E>} ({@code list}, {@code set} or {@code vector}).
   * Thread-safe.
   *
   * @param element the element serializer
   * @param <E> the element type
   * @return the list serializer
   */
  public static <E> SerializeValue<List<E>> listSerializer(SerializeValue<E> element) {
    return CollectionWriters.collection("java.util.List", element);
  }

  /**
   * Returns the serializer of {@code Set<E>} ({@code set} or {@code list}). Thread-safe.
   *
   * @param element the element serializer
   * @param <E> the element type
   * @return the set serializer
   */
  public static <E> SerializeValue<Set<E>> setSerializer(SerializeValue<E> element) {
    return CollectionWriters.collection("java.util.Set", element);
  }

  /**
   * Returns the serializer of {@code Map<K, V>}. Thread-safe.
   *
   * @param key the key serializer
   * @param value the value serializer
   * @param <K> the key type
   * @param <V> the value type
   * @return the map serializer
   */
  public static <K, V> SerializeValue<Map<K, V>> mapSerializer(
      SerializeValue<K> key, SerializeValue<V> value) {
    return CollectionWriters.map(key, value);
  }

  /**
   * Returns the serializer of {@code Optional<T>}: empty writes a null. Thread-safe.
   *
   * @param inner the serializer of the present value
   * @param <T> the value type
   * @return the optional serializer
   */
  public static <T> SerializeValue<Optional<T>> optionalSerializer(SerializeValue<T> inner) {
    return CollectionWriters.optional(inner);
  }

  /**
   * Returns a deserializer that reads a value with {@code inner} and converts it with {@code read}:
   * the way to map a type of one's own onto a type with a codec, as a {@code @Transparent} record
   * maps onto its component ({@code Codecs.mappedDeserializer("Email", Codecs.deserializer(
   * String.class), Email::new)}). A null cell reads as null without calling {@code read}.
   * Thread-safe if {@code read} is.
   *
   * @param javaType the name of the Java type read, for messages
   * @param inner the deserializer of the type converted from
   * @param read converts a non-null value
   * @param <A> the type converted from
   * @param <B> the type read
   * @return the deserializer
   */
  public static <A, B> DeserializeValue<B> mappedDeserializer(
      String javaType, DeserializeValue<A> inner, Function<? super A, ? extends B> read) {
    return CollectionDecoders.mapped(javaType, inner, read);
  }

  /**
   * Returns a serializer that converts a value with {@code write} and writes the result with {@code
   * inner}; the counterpart of {@link #mappedDeserializer}. A null value, or a null result of
   * {@code write}, writes a null. Thread-safe if {@code write} is.
   *
   * @param javaType the name of the Java type written, for messages
   * @param inner the serializer of the type converted to
   * @param write converts a non-null value
   * @param <A> the type converted to
   * @param <B> the type written
   * @return the serializer
   */
  public static <A, B> SerializeValue<B> mappedSerializer(
      String javaType, SerializeValue<A> inner, Function<? super B, ? extends A> write) {
    return CollectionWriters.mapped(javaType, inner, write);
  }

  /**
   * Returns the row deserializer of {@link CqlRow}: untyped rows. Thread-safe.
   *
   * @return the deserializer
   */
  public static DeserializeRow<CqlRow> cqlRow() {
    return CqlRow.DESERIALIZER;
  }

  /**
   * Returns a row deserializer for results with exactly one column, decoded with {@code value}
   * ({@code rows(String.class)} for {@code SELECT name FROM ...}). Thread-safe.
   *
   * @param value the deserializer of the column
   * @param <T> the Java type
   * @return the row deserializer
   */
  public static <T> DeserializeRow<T> singleColumn(DeserializeValue<T> value) {
    return columns -> {
      if (columns.size() != 1) {
        throw new TypeCheckException(
            columns.isEmpty() ? null : columns.get(0).name(),
            columns.isEmpty() ? null : columns.get(0).type(),
            org.cql4j.protocol.internal.codec.Named.of(value),
            "a single-column row type needs exactly 1 column, the result has " + columns.size());
      }
      DeserializeValue.Decoder<T> d = DeserializeValue.bindColumn(value, columns.get(0));
      return row -> row.decode(0, d);
    };
  }

  /**
   * Returns the built-in row deserializer of a class: {@link CqlRow}, or a single column of a type
   * that {@link #deserializer(Class)} knows. Records annotated {@code @Row} use their generated
   * deserializer instead. Thread-safe.
   *
   * @param rowClass the row class
   * @param <R> the row type
   * @return the row deserializer
   * @throws IllegalArgumentException if there is no built-in row codec for the class
   */
  @SuppressWarnings("unchecked")
  public static <R> DeserializeRow<R> rowDeserializer(Class<R> rowClass) {
    if (rowClass == CqlRow.class) {
      return (DeserializeRow<R>) CqlRow.DESERIALIZER;
    }
    return singleColumn(deserializer(rowClass));
  }

  /**
   * Adapts a row of bound values: a {@link SerializeRow} (returned as is, {@link Values} included),
   * a {@code List<?>} or {@code Object[]} (by position), or a {@code Map<String, ?>} (by
   * bind-marker name). Values are written by their runtime class and type-checked against the
   * markers when written. Thread-safe.
   *
   * @param values the row of values
   * @return the row
   * @throws IllegalArgumentException if {@code values} is none of these
   */
  public static SerializeRow row(Object values) {
    return ValueRows.of(values);
  }
}
