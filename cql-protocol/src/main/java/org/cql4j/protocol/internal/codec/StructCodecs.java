package org.cql4j.protocol.internal.codec;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cql4j.protocol.deserialize.DeserializeValue;
import org.cql4j.protocol.deserialize.TypeCheckException;
import org.cql4j.protocol.serialize.SerializationException;
import org.cql4j.protocol.serialize.SerializeValue;
import org.cql4j.protocol.types.ColumnType;
import org.cql4j.protocol.value.TupleValue;
import org.cql4j.protocol.value.UdtValue;

/**
 * Tuples and UDT values: a sequence of [bytes], one per component or field, nulls allowed
 * (native_protocol_v4.spec §6.20, §7). A value may have fewer trailing parts than its type; they
 * read as null. Stateless and thread-safe.
 */
public final class StructCodecs {
  private StructCodecs() {}

  private static final String TUPLE = TupleValue.class.getName();
  private static final String UDT = UdtValue.class.getName();

  /** {@code tuple} → TupleValue. */
  public static final DeserializeValue<TupleValue> TUPLE_DESERIALIZER =
      new Named.Deserializer<>(
          TUPLE,
          type -> {
            if (!(type instanceof ColumnType.TupleType t)) {
              throw new TypeCheckException(null, type, TUPLE, "it maps to tuple");
            }
            List<DeserializeValue.Decoder<Object>> parts = bindAll(t.components(), type, TUPLE);
            return cell ->
                cell == null ? null : TupleValue.ofList(readParts(cell, parts, type, TUPLE));
          });

  /** {@code user type} → UdtValue. */
  public static final DeserializeValue<UdtValue> UDT_DESERIALIZER =
      new Named.Deserializer<>(
          UDT,
          type -> {
            if (!(type instanceof ColumnType.UserType u)) {
              throw new TypeCheckException(null, type, UDT, "it maps to a user type");
            }
            List<ColumnType> types = new ArrayList<>();
            u.fields().forEach(f -> types.add(f.type()));
            List<DeserializeValue.Decoder<Object>> parts = bindAll(types, type, UDT);
            return cell -> {
              if (cell == null) {
                return null;
              }
              List<Object> values = readParts(cell, parts, type, UDT);
              Map<String, Object> fields = new LinkedHashMap<>();
              for (int i = 0; i < values.size(); i++) {
                fields.put(u.fields().get(i).name(), values.get(i));
              }
              return UdtValue.of(fields);
            };
          });

  /** TupleValue → {@code tuple}; components written by their runtime class. */
  public static final SerializeValue<TupleValue> TUPLE_SERIALIZER =
      new Named.Serializer<>(
          TUPLE,
          type -> {
            if (!(type instanceof ColumnType.TupleType t)) {
              throw new SerializationException(null, type, TUPLE, "it maps to tuple");
            }
            List<SerializeValue.Writer<Object>> ws = writers(t.components(), type, TUPLE);
            return (value, out) -> {
              if (value == null) {
                return SerializeValue.Writer.NULL;
              }
              if (value.size() > ws.size()) {
                throw new SerializationException(
                    null, type, TUPLE, value.size() + " components for " + ws.size());
              }
              for (int i = 0; i < value.size(); i++) {
                writePart(ws.get(i), value.get(i), out, type, "component " + i);
              }
              return SerializeValue.Writer.VALUE;
            };
          });

  /** UdtValue → {@code user type}; fields matched by name, missing ones written as null. */
  public static final SerializeValue<UdtValue> UDT_SERIALIZER =
      new Named.Serializer<>(
          UDT,
          type -> {
            if (!(type instanceof ColumnType.UserType u)) {
              throw new SerializationException(null, type, UDT, "it maps to a user type");
            }
            List<ColumnType> types = new ArrayList<>();
            u.fields().forEach(f -> types.add(f.type()));
            List<SerializeValue.Writer<Object>> ws = writers(types, type, UDT);
            return (value, out) -> {
              if (value == null) {
                return SerializeValue.Writer.NULL;
              }
              for (String name : value.fields().keySet()) {
                if (u.indexOf(name) < 0) {
                  throw new SerializationException(
                      null, type, UDT, "the type has no field '" + name + "'");
                }
              }
              for (int i = 0; i < ws.size(); i++) {
                String field = u.fields().get(i).name();
                writePart(ws.get(i), value.get(field), out, type, "field '" + field + "'");
              }
              return SerializeValue.Writer.VALUE;
            };
          });

  private static List<DeserializeValue.Decoder<Object>> bindAll(
      List<ColumnType> types, ColumnType type, String name) {
    List<DeserializeValue.Decoder<Object>> ds = new ArrayList<>(types.size());
    for (ColumnType t : types) {
      ds.add(CollectionDecoders.bindElement(AnyCodecs.DESERIALIZER, t, type, name));
    }
    return List.copyOf(ds);
  }

  private static List<SerializeValue.Writer<Object>> writers(
      List<ColumnType> types, ColumnType type, String name) {
    List<SerializeValue.Writer<Object>> ws = new ArrayList<>(types.size());
    for (ColumnType t : types) {
      ws.add(AnyCodecs.SERIALIZER.bind(t));
    }
    return List.copyOf(ws);
  }

  private static List<Object> readParts(
      ByteBuf cell, List<DeserializeValue.Decoder<Object>> parts, ColumnType type, String name) {
    int pos = cell.readerIndex();
    int end = cell.writerIndex();
    List<Object> values = new ArrayList<>(parts.size());
    for (int i = 0; i < parts.size(); i++) {
      if (pos == end) {
        values.add(null); // fewer values than the type has parts
        continue;
      }
      int len = Cells.length(cell, pos, end, type, name);
      pos += 4;
      values.add(parts.get(i).decode(len < 0 ? null : cell.setIndex(pos, pos + len)));
      pos += Math.max(len, 0);
    }
    CollectionDecoders.checkEnd(cell, pos, end, type, name);
    return values;
  }

  private static void writePart(
      SerializeValue.Writer<Object> w, Object value, ByteBuf out, ColumnType type, String what) {
    try {
      if (SerializeValue.Writer.writeBytes(w, value, out) == SerializeValue.Writer.UNSET) {
        throw new SerializationException(null, type, null, what + " cannot be unset");
      }
    } catch (SerializationException e) {
      if (e.cqlType() == type) {
        throw e;
      }
      SerializationException wrapped =
          new SerializationException(null, type, null, what + ": " + e.getMessage());
      wrapped.initCause(e);
      throw wrapped;
    }
  }
}
