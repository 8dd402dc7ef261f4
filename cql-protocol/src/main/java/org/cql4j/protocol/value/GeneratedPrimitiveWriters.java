package org.cql4j.protocol.value;

import io.netty.buffer.ByteBuf;
import org.cql4j.protocol.serialize.RowWriter;
import org.cql4j.protocol.types.ColumnType;

/**
 * Stateless, thread-safe writes of primitive values for the codecs that cql-mapper-processor
 * generates: a {@code long} component bound to a {@code bigint} marker is appended straight to the
 * frame buffer instead of being boxed for a {@code SerializeValue.Writer<Long>}.
 *
 * <p>Generated code calls these methods; they are public for that reason only, with the same
 * version contract as {@link GeneratedCodecSupport}. A generated writer still binds the boxed
 * writer first (so a type mismatch fails as before, naming the marker or field), then asks {@link
 * #writesDirectly} (or {@link #writesFieldDirectly}) once per bind marker or field. Only if that
 * answers true does it call the {@code write*} methods per value; any other CQL type keeps the
 * bound writer.
 *
 * <p>The natural CQL types and their bytes (native_protocol_v4.spec §6): {@code boolean} one byte,
 * 1 or 0 (§6.4); {@code tinyint} one byte (§6.19); {@code smallint} two (§6.14); {@code int} four
 * (§6.10); {@code bigint} eight (§6.2), and so {@code counter}, which §6 does not list and which
 * Cassandra encodes as a {@code bigint}; {@code float} four, IEEE 754 binary32 (§6.8); {@code
 * double} eight, binary64 (§6.7); integers are big-endian two's complement. These are the bytes the
 * built-in boxed writers append for those types.
 *
 * <p>Buffer ownership: every {@code ByteBuf} and {@link RowWriter} passed in belongs to the caller
 * (the frame encoder), who releases it; these methods only append to it, on the caller's thread.
 */
public final class GeneratedPrimitiveWriters {
  private GeneratedPrimitiveWriters() {}

  /**
   * Whether values of a primitive are written directly (by this class) as {@code type}.
   *
   * @param type the CQL type of the bind marker
   * @param primitive {@code boolean.class}, {@code byte.class}, ... {@code double.class}
   * @return true if {@code type} is the primitive's natural CQL type (for {@code long}: {@code
   *     bigint} or {@code counter}); false for any other type, and for any other class
   */
  public static boolean writesDirectly(ColumnType type, Class<?> primitive) {
    if (primitive == long.class) {
      return type == ColumnType.BIGINT || type == ColumnType.COUNTER;
    }
    return type == naturalType(primitive);
  }

  /**
   * As {@link #writesDirectly}, for field (or element) {@code index} of a user type (or tuple).
   *
   * @param type a {@link ColumnType.UserType} or {@link ColumnType.TupleType}
   * @param index an existing field's (or element's) position
   * @param primitive {@code boolean.class}, {@code byte.class}, ... {@code double.class}
   * @return whether that field's type is the primitive's natural CQL type
   */
  public static boolean writesFieldDirectly(ColumnType type, int index, Class<?> primitive) {
    return writesDirectly(GeneratedCodecMessages.fieldType(type, index), primitive);
  }

  private static ColumnType naturalType(Class<?> primitive) {
    if (primitive == boolean.class) {
      return ColumnType.BOOLEAN;
    } else if (primitive == byte.class) {
      return ColumnType.TINYINT;
    } else if (primitive == short.class) {
      return ColumnType.SMALLINT;
    } else if (primitive == int.class) {
      return ColumnType.INT;
    } else if (primitive == float.class) {
      return ColumnType.FLOAT;
    } else if (primitive == double.class) {
      return ColumnType.DOUBLE;
    }
    return null;
  }

  // ---- bind markers: a [value] (§4.1.4), counted ----
  // Each appends to out.buffer() what RowWriter.write would with the boxed writer, and counts it.

  /** Appends a {@code boolean} [value] (length 1) and counts it. */
  public static void writeBoolean(RowWriter out, boolean value) {
    writeBoolean(out.buffer(), value);
    out.countValue();
  }

  /** Appends a {@code tinyint} [value] (length 1) and counts it. */
  public static void writeByte(RowWriter out, byte value) {
    writeByte(out.buffer(), value);
    out.countValue();
  }

  /** Appends a {@code smallint} [value] (length 2) and counts it. */
  public static void writeShort(RowWriter out, short value) {
    writeShort(out.buffer(), value);
    out.countValue();
  }

  /** Appends an {@code int} [value] (length 4) and counts it. */
  public static void writeInt(RowWriter out, int value) {
    writeInt(out.buffer(), value);
    out.countValue();
  }

  /** Appends a {@code bigint} (or {@code counter}) [value] (length 8) and counts it. */
  public static void writeLong(RowWriter out, long value) {
    writeLong(out.buffer(), value);
    out.countValue();
  }

  /** Appends a {@code float} [value] (length 4) and counts it. */
  public static void writeFloat(RowWriter out, float value) {
    writeFloat(out.buffer(), value);
    out.countValue();
  }

  /** Appends a {@code double} [value] (length 8) and counts it. */
  public static void writeDouble(RowWriter out, double value) {
    writeDouble(out.buffer(), value);
    out.countValue();
  }

  // ---- user type fields and tuple elements: a [bytes] each (§6.20; user types alike) ----

  /** Appends a {@code boolean} as [bytes] (length 1). */
  public static void writeBoolean(ByteBuf out, boolean value) {
    out.writeInt(1).writeByte(value ? 1 : 0);
  }

  /** Appends a {@code tinyint} as [bytes] (length 1). */
  public static void writeByte(ByteBuf out, byte value) {
    out.writeInt(1).writeByte(value);
  }

  /** Appends a {@code smallint} as [bytes] (length 2). */
  public static void writeShort(ByteBuf out, short value) {
    out.writeInt(2).writeShort(value);
  }

  /** Appends an {@code int} as [bytes] (length 4). */
  public static void writeInt(ByteBuf out, int value) {
    out.writeInt(4).writeInt(value);
  }

  /** Appends a {@code bigint} as [bytes] (length 8). */
  public static void writeLong(ByteBuf out, long value) {
    out.writeInt(8).writeLong(value);
  }

  /** Appends a {@code float} as [bytes] (length 4). */
  public static void writeFloat(ByteBuf out, float value) {
    out.writeInt(4).writeFloat(value);
  }

  /** Appends a {@code double} as [bytes] (length 8). */
  public static void writeDouble(ByteBuf out, double value) {
    out.writeInt(8).writeDouble(value);
  }
}
