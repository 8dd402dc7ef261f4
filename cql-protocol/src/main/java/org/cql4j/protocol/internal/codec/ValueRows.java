package org.cql4j.protocol.internal.codec;

import java.util.List;
import java.util.Map;
import org.cql4j.protocol.serialize.RowWriter;
import org.cql4j.protocol.serialize.SerializationException;
import org.cql4j.protocol.serialize.SerializeRow;
import org.cql4j.protocol.serialize.SerializeValue;
import org.cql4j.protocol.types.ColumnSpec;
import org.cql4j.protocol.value.Unset;

/** Lists, arrays and maps as rows of bound values. Stateless and thread-safe. */
public final class ValueRows {
  private ValueRows() {}

  /** Adapts a row of values; see {@code Codecs.row}. */
  public static SerializeRow of(Object values) {
    if (values instanceof SerializeRow r) {
      return r;
    }
    if (values instanceof List<?> l) {
      Object[] copy = l.toArray();
      return (markers, out) -> writePositional(copy, markers, out);
    }
    if (values instanceof Object[] a) {
      return (markers, out) -> writePositional(a, markers, out);
    }
    if (values instanceof Map<?, ?> m) {
      return (markers, out) -> writeByName(m, markers, out);
    }
    throw new IllegalArgumentException(
        "A row of values is a @Row record, Values, a List, an Object[], a Map<String, ?> or a"
            + " SerializeRow, not "
            + (values == null ? "null" : values.getClass().getName()));
  }

  /** Writes values by position, each by its runtime class. */
  public static void writePositional(Object[] values, List<ColumnSpec> markers, RowWriter out) {
    if (values.length != markers.size()) {
      throw new SerializationException(
          null,
          null,
          null,
          values.length + " values for " + markers.size() + " bind markers " + names(markers));
    }
    for (int i = 0; i < values.length; i++) {
      write(markers.get(i), values[i], out);
    }
  }

  /** Writes values by bind-marker name. */
  public static void writeByName(Map<?, ?> values, List<ColumnSpec> markers, RowWriter out) {
    for (Object key : values.keySet()) {
      boolean found = false;
      for (ColumnSpec m : markers) {
        found |= m.name().equals(key);
      }
      if (!found) {
        throw new SerializationException(
            String.valueOf(key), null, null, "no such bind marker; markers are " + names(markers));
      }
    }
    for (ColumnSpec m : markers) {
      if (!values.containsKey(m.name())) {
        throw new SerializationException(
            m.name(), m.type(), null, "no value for this bind marker (use Unset.VALUE to skip it)");
      }
      write(m, values.get(m.name()), out);
    }
  }

  @SuppressWarnings("unchecked")
  private static void write(ColumnSpec marker, Object value, RowWriter out) {
    if (value == null) {
      out.writeNull();
    } else if (value == Unset.VALUE) {
      out.writeUnset();
    } else {
      SerializeValue<?> s = Registry.serializerForValue(value.getClass());
      if (s == null) {
        throw new SerializationException(
            marker.name(),
            marker.type(),
            value.getClass().getName(),
            GeneratedStructCodecs.noCodecReason(value.getClass()));
      }
      SerializeValue.Writer<Object> w;
      try {
        w = (SerializeValue.Writer<Object>) s.bind(marker.type());
      } catch (SerializationException e) {
        throw e.atMarker(marker.name(), marker.type());
      }
      out.write(marker, w, value);
    }
  }

  private static String names(List<ColumnSpec> markers) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < markers.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append(markers.get(i).name());
    }
    return sb.append(')').toString();
  }
}
