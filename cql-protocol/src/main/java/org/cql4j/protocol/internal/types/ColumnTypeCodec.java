package org.cql4j.protocol.internal.types;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.cql4j.protocol.ProtocolException;
import org.cql4j.protocol.types.ColumnType;

/**
 * Reads and writes the [option] encoding of a CQL type. Stateless and thread-safe.
 *
 * <p>native_protocol_v4.spec §4.2.5.2 lists the option ids. Types that v4 has no id for arrive as
 * custom types named by their Cassandra class: {@code DurationType} becomes {@link
 * ColumnType#DURATION}, {@code VectorType(FloatType , 3)} a {@link ColumnType.VectorType}; any
 * other class stays a {@link ColumnType.Custom}. Nesting deeper than {@value #MAX_DEPTH} levels is
 * rejected so a hostile frame cannot overflow the stack.
 */
public final class ColumnTypeCodec {
  /** The deepest nesting of parameterized types accepted. */
  public static final int MAX_DEPTH = 64;

  private static final String FIELD = "option";

  private ColumnTypeCodec() {}

  /**
   * Reads one [option] at the reader index and advances past it. Thread-safe.
   *
   * @param in the buffer to read; owned by the caller, who keeps it and releases it
   * @return the type read
   * @throws ProtocolException if the bytes are truncated, an id is unknown, a count is negative or
   *     larger than the remaining bytes allow, or nesting exceeds {@value #MAX_DEPTH}
   */
  public static ColumnType read(ByteBuf in) {
    return read(in, 0);
  }

  private static ColumnType read(ByteBuf in, int depth) {
    int start = in.readerIndex();
    if (depth > MAX_DEPTH) {
      throw new ProtocolException(FIELD, start, "type nesting deeper than " + MAX_DEPTH);
    }
    int id = readShort(in, FIELD + ".id");
    switch (id) {
      case 0x0000:
        return MarshalTypes.parse(readString(in, FIELD + ".custom"), start, depth);
      case 0x0020:
        return new ColumnType.ListType(read(in, depth + 1));
      case 0x0021:
        ColumnType key = read(in, depth + 1);
        return new ColumnType.MapType(key, read(in, depth + 1));
      case 0x0022:
        return new ColumnType.SetType(read(in, depth + 1));
      case 0x0030:
        return readUdt(in, depth);
      case 0x0031:
        return readTuple(in, depth);
      default:
        ColumnType.Native n = nativeById(id);
        if (n == null) {
          throw new ProtocolException(
              FIELD + ".id", start, "unknown type id 0x" + Integer.toHexString(id));
        }
        return n;
    }
  }

  private static ColumnType readUdt(ByteBuf in, int depth) {
    String keyspace = readString(in, FIELD + ".udt.keyspace");
    String name = readString(in, FIELD + ".udt.name");
    int countAt = in.readerIndex();
    int n = readShort(in, FIELD + ".udt.field_count");
    // Each field needs at least a [string] (2 bytes) and an [option] id (2 bytes).
    if ((long) n * 4 > in.readableBytes()) {
      throw new ProtocolException(
          FIELD + ".udt.field_count",
          countAt,
          n + " fields cannot fit in the " + in.readableBytes() + " remaining bytes");
    }
    List<ColumnType.UserType.Field> fields = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String fieldName = readString(in, FIELD + ".udt.field_name");
      fields.add(new ColumnType.UserType.Field(fieldName, read(in, depth + 1)));
    }
    return new ColumnType.UserType(keyspace, name, fields);
  }

  private static ColumnType readTuple(ByteBuf in, int depth) {
    int countAt = in.readerIndex();
    int n = readShort(in, FIELD + ".tuple.count");
    if ((long) n * 2 > in.readableBytes()) {
      throw new ProtocolException(
          FIELD + ".tuple.count",
          countAt,
          n + " components cannot fit in the " + in.readableBytes() + " remaining bytes");
    }
    List<ColumnType> components = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      components.add(read(in, depth + 1));
    }
    return new ColumnType.TupleType(components);
  }

  /**
   * Returns the native type with the given [option] id, or null. Thread-safe.
   *
   * @param id an option id; 0x000D (varchar) maps to text
   * @return the native type, or null if the id is not a native one
   */
  public static ColumnType.Native nativeById(int id) {
    for (ColumnType.Native n : ColumnType.Native.values()) {
      if (n.id() == id) {
        return n;
      }
    }
    return null;
  }

  /**
   * Writes the [option] for a type at the writer index. Thread-safe.
   *
   * <p>Duration and vectors are written as custom types, as a v4 Cassandra server does.
   *
   * @param type the type to write
   * @param out the buffer to write into; owned by the caller, who releases it
   */
  public static void write(ColumnType type, ByteBuf out) {
    if (type instanceof ColumnType.Native n) {
      if (n == ColumnType.Native.DURATION) {
        out.writeShort(0x0000);
        writeString(MarshalTypes.className(n), out);
      } else {
        out.writeShort(n.id());
      }
    } else if (type instanceof ColumnType.ListType l) {
      out.writeShort(0x0020);
      write(l.element(), out);
    } else if (type instanceof ColumnType.MapType m) {
      out.writeShort(0x0021);
      write(m.key(), out);
      write(m.value(), out);
    } else if (type instanceof ColumnType.SetType s) {
      out.writeShort(0x0022);
      write(s.element(), out);
    } else if (type instanceof ColumnType.UserType u) {
      out.writeShort(0x0030);
      writeString(u.keyspace(), out);
      writeString(u.name(), out);
      out.writeShort(u.fields().size());
      for (ColumnType.UserType.Field f : u.fields()) {
        writeString(f.name(), out);
        write(f.type(), out);
      }
    } else if (type instanceof ColumnType.TupleType t) {
      out.writeShort(0x0031);
      out.writeShort(t.components().size());
      for (ColumnType c : t.components()) {
        write(c, out);
      }
    } else if (type instanceof ColumnType.VectorType v) {
      out.writeShort(0x0000);
      writeString(MarshalTypes.className(v), out);
    } else {
      out.writeShort(0x0000);
      writeString(((ColumnType.Custom) type).className(), out);
    }
  }

  // native_protocol_v4.spec §3: [short] is a 2-byte unsigned integer.
  private static int readShort(ByteBuf in, String field) {
    if (in.readableBytes() < 2) {
      throw new ProtocolException(
          field, in.readerIndex(), "needs 2 bytes, " + in.readableBytes() + " remain");
    }
    return in.readUnsignedShort();
  }

  // native_protocol_v4.spec §3: [string] is a [short] n followed by n bytes of UTF-8.
  private static String readString(ByteBuf in, String field) {
    int at = in.readerIndex();
    int n = readShort(in, field);
    if (n > in.readableBytes()) {
      throw new ProtocolException(
          field,
          at,
          "string length " + n + " exceeds the " + in.readableBytes() + " remaining bytes");
    }
    String s = in.toString(in.readerIndex(), n, StandardCharsets.UTF_8);
    in.skipBytes(n);
    return s;
  }

  private static void writeString(String s, ByteBuf out) {
    int lengthAt = out.writerIndex();
    out.writeShort(0);
    int n = out.writeCharSequence(s, StandardCharsets.UTF_8);
    if (n > 0xFFFF) {
      throw new IllegalArgumentException("[string] longer than 65535 bytes: " + n);
    }
    out.setShort(lengthAt, n);
  }
}
