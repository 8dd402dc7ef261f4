package org.cql4j.protocol.internal.codec;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.cql4j.protocol.deserialize.DeserializeValue;
import org.cql4j.protocol.deserialize.TypeCheckException;
import org.cql4j.protocol.types.ColumnType;

/**
 * Decoders of lists, sets, maps, vectors and optionals with element decoders bound once. Stateless
 * and thread-safe. A null collection decodes as null, or as an empty one when bound with {@link
 * DeserializeValue#bindNonFrozenCollection} (a top-level non-frozen column, api.md); decoded
 * collections are new, mutable and owned by the caller.
 */
public final class CollectionDecoders {
  private CollectionDecoders() {}

  /** {@code list}, {@code set}, {@code vector} → List. */
  public static <E> DeserializeValue<List<E>> list(DeserializeValue<E> element) {
    String name = "java.util.List<" + Named.of(element) + ">";
    return new Named.Deserializer<>(
        name,
        (CollectionBinder<List<E>>)
            (type, nullAsEmpty) -> collection(type, element, name, ArrayList::new, nullAsEmpty));
  }

  /** {@code set}, {@code list} → Set (insertion-ordered). */
  public static <E> DeserializeValue<Set<E>> set(DeserializeValue<E> element) {
    String name = "java.util.Set<" + Named.of(element) + ">";
    return new Named.Deserializer<>(
        name,
        (CollectionBinder<Set<E>>)
            (type, nullAsEmpty) ->
                collection(
                    type, element, name, n -> new LinkedHashSet<>(capacity(n)), nullAsEmpty));
  }

  /** {@code map} → Map (insertion-ordered). */
  public static <K, V> DeserializeValue<Map<K, V>> map(
      DeserializeValue<K> key, DeserializeValue<V> value) {
    String name = "java.util.Map<" + Named.of(key) + ", " + Named.of(value) + ">";
    return new Named.Deserializer<>(
        name,
        (CollectionBinder<Map<K, V>>)
            (type, nullAsEmpty) -> mapDecoder(type, key, value, name, nullAsEmpty));
  }

  /**
   * A collection deserializer: {@link #bind} reads a null cell as null, {@link
   * #bindNonFrozenCollection} as the empty collection.
   */
  @FunctionalInterface
  private interface CollectionBinder<C> extends DeserializeValue<C> {
    Decoder<C> bind(ColumnType type, boolean nullAsEmpty);

    @Override
    default Decoder<C> bind(ColumnType type) {
      return bind(type, false);
    }

    @Override
    default Decoder<C> bindNonFrozenCollection(ColumnType type) {
      return bind(type, true);
    }
  }

  /** Any type → Optional, empty for a null or empty cell. */
  public static <T> DeserializeValue<Optional<T>> optional(DeserializeValue<T> inner) {
    String name = "java.util.Optional<" + Named.of(inner) + ">";
    return new Named.Deserializer<>(
        name,
        type -> {
          DeserializeValue.Decoder<T> d = inner.bind(type);
          return cell -> cell == null ? Optional.empty() : Optional.ofNullable(d.decode(cell));
        });
  }

  /** See {@code Codecs.mappedDeserializer}. */
  public static <A, B> DeserializeValue<B> mapped(
      String javaType, DeserializeValue<A> inner, Function<? super A, ? extends B> read) {
    return new Named.Deserializer<>(
        javaType,
        new DeserializeValue<B>() {
          @Override
          public Decoder<B> bind(ColumnType type) {
            return convert(inner.bind(type));
          }

          @Override
          public Decoder<B> bindNonFrozenCollection(ColumnType type) {
            return convert(inner.bindNonFrozenCollection(type));
          }

          private Decoder<B> convert(Decoder<A> d) {
            return cell -> {
              A value = d.decode(cell);
              return value == null ? null : read.apply(value);
            };
          }
        });
  }

  static int capacity(int n) {
    return (int) Math.min(1L << 30, n * 4L / 3 + 1);
  }

  static <E> DeserializeValue.Decoder<E> bindElement(
      DeserializeValue<E> element, ColumnType elementType, ColumnType type, String name) {
    try {
      return element.bind(elementType);
    } catch (TypeCheckException e) {
      TypeCheckException wrapped =
          new TypeCheckException(null, type, name, "its elements cannot: " + e.getMessage());
      wrapped.initCause(e);
      throw wrapped;
    }
  }

  private static <E, C extends Collection<E>> DeserializeValue.Decoder<C> collection(
      ColumnType type,
      DeserializeValue<E> element,
      String name,
      IntFunction<C> factory,
      boolean nullAsEmpty) {
    if (type instanceof ColumnType.VectorType v) {
      return VectorCodecs.decoder(v, bindElement(element, v.element(), type, name), name, factory);
    }
    ColumnType elementType;
    if (type instanceof ColumnType.ListType l) {
      elementType = l.element();
    } else if (type instanceof ColumnType.SetType s) {
      elementType = s.element();
    } else {
      throw new TypeCheckException(null, type, name, "it maps to list, set and vector");
    }
    DeserializeValue.Decoder<E> decoder = bindElement(element, elementType, type, name);
    // native_protocol_v4.spec §6.11, §6.13: [int] n, then n [bytes].
    return cell -> {
      if (cell == null) {
        return nullAsEmpty ? factory.apply(0) : null;
      }
      int pos = cell.readerIndex();
      int end = cell.writerIndex();
      int n = Cells.count(cell, pos, end, 4, type, name);
      pos += 4;
      C result = factory.apply(n);
      for (int i = 0; i < n; i++) {
        int len = Cells.length(cell, pos, end, type, name);
        pos += 4;
        result.add(decoder.decode(len < 0 ? null : cell.setIndex(pos, pos + len)));
        pos += Math.max(len, 0);
      }
      checkEnd(cell, pos, end, type, name);
      return result;
    };
  }

  private static <K, V> DeserializeValue.Decoder<Map<K, V>> mapDecoder(
      ColumnType type,
      DeserializeValue<K> key,
      DeserializeValue<V> value,
      String name,
      boolean nullAsEmpty) {
    if (!(type instanceof ColumnType.MapType m)) {
      throw new TypeCheckException(null, type, name, "it maps to map");
    }
    DeserializeValue.Decoder<K> kd = bindElement(key, m.key(), type, name);
    DeserializeValue.Decoder<V> vd = bindElement(value, m.value(), type, name);
    // native_protocol_v4.spec §6.12: [int] n, then n pairs of [bytes].
    return cell -> {
      Map<K, V> result;
      if (cell == null) {
        return nullAsEmpty ? new LinkedHashMap<>() : null;
      }
      int pos = cell.readerIndex();
      int end = cell.writerIndex();
      int n = Cells.count(cell, pos, end, 8, type, name);
      pos += 4;
      result = new LinkedHashMap<>(capacity(n));
      for (int i = 0; i < n; i++) {
        int klen = Cells.length(cell, pos, end, type, name);
        pos += 4;
        K k = kd.decode(klen < 0 ? null : cell.setIndex(pos, pos + klen));
        pos += Math.max(klen, 0);
        int vlen = Cells.length(cell, pos, end, type, name);
        pos += 4;
        V v = vd.decode(vlen < 0 ? null : cell.setIndex(pos, pos + vlen));
        pos += Math.max(vlen, 0);
        result.put(k, v);
      }
      checkEnd(cell, pos, end, type, name);
      return result;
    };
  }

  static void checkEnd(ByteBuf cell, int pos, int end, ColumnType type, String name) {
    if (pos != end) {
      cell.setIndex(pos, end);
      throw Cells.malformed(cell, type, name, (end - pos) + " bytes after the last element");
    }
  }
}
