package org.cql4j.protocol.internal.codec;

import io.netty.buffer.ByteBuf;
import java.util.Collection;
import java.util.function.IntFunction;
import org.cql4j.protocol.deserialize.DeserializeValue;
import org.cql4j.protocol.deserialize.TypeCheckException;
import org.cql4j.protocol.serialize.SerializationException;
import org.cql4j.protocol.serialize.SerializeValue;
import org.cql4j.protocol.types.ColumnType;

/**
 * Vectors (native_protocol_v5.spec §5.25): fixed-size elements back to back, variable-size ones
 * each preceded by an unsigned vint length; the dimension count is in the type, not the value.
 * Stateless and thread-safe.
 */
public final class VectorCodecs {
  private VectorCodecs() {}

  static <E, C extends Collection<E>> DeserializeValue.Decoder<C> decoder(
      ColumnType.VectorType type,
      DeserializeValue.Decoder<E> element,
      String name,
      IntFunction<C> factory) {
    int dims = type.dimensions();
    int size = ColumnType.fixedSize(type.element());
    return cell -> {
      if (cell == null) {
        return null;
      }
      int pos = cell.readerIndex();
      int end = cell.writerIndex();
      if (size > 0) {
        if ((long) size * dims != end - pos) {
          throw Cells.malformed(
              cell, type, name, "expected " + (long) size * dims + " bytes, got " + (end - pos));
        }
        C result = factory.apply(dims);
        for (int i = 0; i < dims; i++, pos += size) {
          result.add(element.decode(cell.setIndex(pos, pos + size)));
        }
        return result;
      }
      // Each element takes at least one byte (its vint length): check before allocating.
      if (end - pos < dims) {
        throw Cells.malformed(cell, type, name, dims + " elements cannot fit in " + (end - pos));
      }
      C result = factory.apply(dims);
      for (int i = 0; i < dims; i++) {
        cell.setIndex(pos, end);
        long len = Cells.readUnsignedVint(cell, type, name);
        pos = cell.readerIndex();
        // a 9-byte vint can exceed Long.MAX_VALUE, which reads as negative
        if (len < 0 || len > end - pos) {
          throw Cells.malformed(
              cell,
              type,
              name,
              "element length "
                  + Long.toUnsignedString(len)
                  + " exceeds "
                  + (end - pos)
                  + " bytes");
        }
        result.add(element.decode(cell.setIndex(pos, pos + (int) len)));
        pos += (int) len;
      }
      CollectionDecoders.checkEnd(cell, pos, end, type, name);
      return result;
    };
  }

  /** Writes a collection of {@code dims} elements as a vector. */
  static <E> SerializeValue.Writer<Collection<E>> writer(
      ColumnType.VectorType type, SerializeValue.Writer<E> element, String name) {
    int dims = type.dimensions();
    int size = ColumnType.fixedSize(type.element());
    return (value, out) -> {
      if (value == null) {
        return SerializeValue.Writer.NULL;
      }
      if (value.size() != dims) {
        throw new SerializationException(
            null, type, name, value.size() + " elements for " + dims + " dimensions");
      }
      for (E e : value) {
        if (e == null) {
          throw new SerializationException(null, type, name, "a vector cannot contain null");
        }
        if (size > 0) {
          int start = out.writerIndex();
          int status = element.write(e, out);
          if (status != SerializeValue.Writer.VALUE || out.writerIndex() - start != size) {
            throw new SerializationException(
                null, type, name, "element " + e + " is not " + size + " bytes");
          }
        } else {
          // The vint length precedes the bytes, so the element is encoded aside first.
          ByteBuf tmp = out.alloc().buffer();
          try {
            if (element.write(e, tmp) != SerializeValue.Writer.VALUE) {
              throw new SerializationException(null, type, name, "a vector cannot contain null");
            }
            Cells.writeUnsignedVint(tmp.readableBytes(), out);
            out.writeBytes(tmp);
          } finally {
            tmp.release();
          }
        }
      }
      return SerializeValue.Writer.VALUE;
    };
  }

  /** {@code vector<float, n>} ↔ float[], with no boxing. */
  public static final Named.Deserializer<float[]> FLOAT_ARRAY_DESERIALIZER =
      new Named.Deserializer<>(
          "float[]",
          type -> {
            ColumnType.VectorType v = floatVector(type);
            int bytes = v.dimensions() * 4;
            return cell -> {
              if (cell == null) {
                return null;
              }
              int at = Cells.fixed(cell, bytes, type, "float[]");
              float[] result = new float[v.dimensions()];
              for (int i = 0; i < result.length; i++) {
                result[i] = cell.getFloat(at + 4 * i);
              }
              return result;
            };
          });

  /** float[] → {@code vector<float, n>}. */
  public static final Named.Serializer<float[]> FLOAT_ARRAY_SERIALIZER =
      new Named.Serializer<>(
          "float[]",
          type -> {
            ColumnType.VectorType v;
            try {
              v = floatVector(type);
            } catch (TypeCheckException e) {
              throw new SerializationException(
                  null, type, "float[]", "it maps to vector<float, n>");
            }
            return (value, out) -> {
              if (value == null) {
                return SerializeValue.Writer.NULL;
              }
              if (value.length != v.dimensions()) {
                throw new SerializationException(
                    null,
                    type,
                    "float[]",
                    value.length + " elements for " + v.dimensions() + " dimensions");
              }
              for (float f : value) {
                out.writeFloat(f);
              }
              return SerializeValue.Writer.VALUE;
            };
          });

  private static ColumnType.VectorType floatVector(ColumnType type) {
    if (type instanceof ColumnType.VectorType v && v.element() == ColumnType.FLOAT) {
      return v;
    }
    throw new TypeCheckException(null, type, "float[]", "it maps to vector<float, n>");
  }
}
