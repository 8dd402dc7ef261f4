package org.cql4j.protocol.internal.codec;

import io.netty.buffer.ByteBuf;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.cql4j.protocol.serialize.SerializationException;
import org.cql4j.protocol.serialize.SerializeValue;
import org.cql4j.protocol.types.ColumnType;

/**
 * Writers of lists, sets, maps, vectors and optionals, element writers bound once. Stateless and
 * thread-safe.
 */
public final class CollectionWriters {
  private CollectionWriters() {}

  /** A Java collection → {@code list}, {@code set} or {@code vector}. */
  public static <E, C extends Collection<E>> SerializeValue<C> collection(
      String javaName, SerializeValue<E> element) {
    String name = javaName + "<" + Named.of(element) + ">";
    return new Named.Serializer<C>(name, type -> bindCollection(type, element, name));
  }

  @SuppressWarnings("unchecked")
  private static <E, C extends Collection<E>> SerializeValue.Writer<C> bindCollection(
      ColumnType type, SerializeValue<E> element, String name) {
    if (type instanceof ColumnType.VectorType v) {
      return (SerializeValue.Writer<C>)
          (SerializeValue.Writer<?>)
              VectorCodecs.writer(v, bindElement(element, v.element(), type, name), name);
    }
    ColumnType elementType;
    if (type instanceof ColumnType.ListType l) {
      elementType = l.element();
    } else if (type instanceof ColumnType.SetType s) {
      elementType = s.element();
    } else {
      throw new SerializationException(null, type, name, "it maps to list, set and vector");
    }
    SerializeValue.Writer<E> w = bindElement(element, elementType, type, name);
    // native_protocol_v4.spec §6.11, §6.13: [int] n, then n [bytes].
    return (value, out) -> {
      if (value == null) {
        return SerializeValue.Writer.NULL;
      }
      out.writeInt(value.size());
      for (E e : value) {
        writeElement(w, e, out, type, name);
      }
      return SerializeValue.Writer.VALUE;
    };
  }

  /** A Java map → {@code map}. */
  public static <K, V> SerializeValue<Map<K, V>> map(
      SerializeValue<K> key, SerializeValue<V> value) {
    String name = "java.util.Map<" + Named.of(key) + ", " + Named.of(value) + ">";
    return new Named.Serializer<>(
        name,
        type -> {
          if (!(type instanceof ColumnType.MapType m)) {
            throw new SerializationException(null, type, name, "it maps to map");
          }
          SerializeValue.Writer<K> kw = bindElement(key, m.key(), type, name);
          SerializeValue.Writer<V> vw = bindElement(value, m.value(), type, name);
          // native_protocol_v4.spec §6.12.
          return (map, out) -> {
            if (map == null) {
              return SerializeValue.Writer.NULL;
            }
            out.writeInt(map.size());
            for (Map.Entry<K, V> e : map.entrySet()) {
              writeElement(kw, e.getKey(), out, type, name);
              writeElement(vw, e.getValue(), out, type, name);
            }
            return SerializeValue.Writer.VALUE;
          };
        });
  }

  /** Optional → the inner type; empty writes null. */
  public static <T> SerializeValue<Optional<T>> optional(SerializeValue<T> inner) {
    String name = "java.util.Optional<" + Named.of(inner) + ">";
    return new Named.Serializer<>(
        name,
        type -> {
          SerializeValue.Writer<T> w = inner.bind(type);
          return (value, out) ->
              value == null || value.isEmpty()
                  ? SerializeValue.Writer.NULL
                  : w.write(value.get(), out);
        });
  }

  static <E> SerializeValue.Writer<E> bindElement(
      SerializeValue<E> element, ColumnType elementType, ColumnType type, String name) {
    try {
      return element.bind(elementType);
    } catch (SerializationException e) {
      SerializationException wrapped =
          new SerializationException(null, type, name, "its elements cannot: " + e.getMessage());
      wrapped.initCause(e);
      throw wrapped;
    }
  }

  private static <E> void writeElement(
      SerializeValue.Writer<E> w, E e, ByteBuf out, ColumnType type, String name) {
    if (e == null) {
      throw new SerializationException(null, type, name, "a collection cannot contain null");
    }
    if (SerializeValue.Writer.writeBytes(w, e, out) != SerializeValue.Writer.VALUE) {
      throw new SerializationException(
          null, type, name, "a collection cannot contain null or unset (element " + e + ")");
    }
  }

  /** See {@code Codecs.mappedSerializer}. */
  public static <A, B> SerializeValue<B> mapped(
      String javaType, SerializeValue<A> inner, Function<? super B, ? extends A> write) {
    return new Named.Serializer<>(
        javaType,
        type -> {
          SerializeValue.Writer<A> w = inner.bind(type);
          return (value, out) -> {
            A converted = value == null ? null : write.apply(value);
            return converted == null ? SerializeValue.Writer.NULL : w.write(converted, out);
          };
        });
  }
}
