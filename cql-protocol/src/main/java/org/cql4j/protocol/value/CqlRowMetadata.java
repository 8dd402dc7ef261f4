package org.cql4j.protocol.value;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.cql4j.protocol.deserialize.DeserializeValue;
import org.cql4j.protocol.types.ColumnSpec;

/**
 * What all {@link CqlRow}s of one result metadata share: the columns, the name index and the bound
 * decoders per (column, Java type). Thread-safe.
 */
final class CqlRowMetadata {
  private final List<ColumnSpec> columns;
  private final Map<String, Integer> byName = new HashMap<>();
  private final List<Map<Object, DeserializeValue.Decoder<?>>> decoders;

  CqlRowMetadata(List<ColumnSpec> columns) {
    this.columns = List.copyOf(columns);
    Map<Object, DeserializeValue.Decoder<?>>[] caches = newCaches(columns.size());
    for (int i = columns.size() - 1; i >= 0; i--) {
      byName.put(columns.get(i).name(), i); // the first of duplicate names wins
      caches[i] = new ConcurrentHashMap<>();
    }
    this.decoders = List.of(caches);
  }

  @SuppressWarnings("unchecked")
  private static Map<Object, DeserializeValue.Decoder<?>>[] newCaches(int n) {
    return (Map<Object, DeserializeValue.Decoder<?>>[]) new Map<?, ?>[n];
  }

  List<ColumnSpec> columns() {
    return columns;
  }

  int indexOf(String name) {
    Integer i = byName.get(name);
    if (i == null) {
      throw new IllegalArgumentException(
          "No column '" + name + "'; the columns are " + byName.keySet());
    }
    return i;
  }

  /** The decoder of column {@code i} for a Java type, bound once per key. */
  @SuppressWarnings("unchecked")
  <T> DeserializeValue.Decoder<T> decoder(int i, Object key, Object deserializerOrClass) {
    Map<Object, DeserializeValue.Decoder<?>> cache = decoders.get(i);
    DeserializeValue.Decoder<?> d = cache.get(key);
    if (d == null) {
      DeserializeValue<?> des =
          deserializerOrClass instanceof Class<?> c
              ? Codecs.deserializer(c)
              : (DeserializeValue<?>) deserializerOrClass;
      d = DeserializeValue.bindColumn(des, columns.get(i));
      cache.put(key, d);
    }
    return (DeserializeValue.Decoder<T>) d;
  }
}
