package org.cql4j.protocol.serialize;

import io.netty.buffer.ByteBuf;
import org.cql4j.protocol.types.ColumnType;

/**
 * Encodes Java values of type {@code T} as values of some set of CQL types; implementations must be
 * thread-safe and are usually stateless singletons.
 *
 * <p>{@link #bind(ColumnType)} checks the CQL type once (per prepared statement's bind marker, or
 * per collection element type) and returns a {@link Writer} that encodes straight into the frame
 * buffer. Built-in instances come from {@code org.cql4j.protocol.value.Codecs}; the mapper
 * generates them for {@code @UserType} records.
 *
 * @param <T> the Java type consumed
 */
@FunctionalInterface
public interface SerializeValue<T> {

  /**
   * Checks that {@code T} can be written as {@code type} and returns a writer for it. Thread-safe.
   *
   * @param type the CQL type of the bind marker, element, field or component
   * @return a writer bound to {@code type}
   * @throws SerializationException if {@code T} cannot be written as {@code type}; the message
   *     names both types (the row-level caller adds the marker)
   */
  Writer<T> bind(ColumnType type);

  /**
   * Writes values as the CQL type it was bound to; implementations must be thread-safe (one bound
   * writer serves every execution of a prepared statement).
   *
   * @param <T> the Java type consumed
   */
  @FunctionalInterface
  interface Writer<T> {
    /** {@link #write} wrote a value. */
    int VALUE = 0;

    /** {@link #write} wrote nothing: the value is a CQL null (wire length -1). */
    int NULL = -1;

    /** {@link #write} wrote nothing: the value is unset (wire length -2, bind markers only). */
    int UNSET = -2;

    /**
     * Writes one value's bytes, without the [bytes] length, at the writer index. Thread-safe.
     *
     * <p>The caller reserves the length and patches it afterwards (see {@link #writeBytes}). Buffer
     * ownership: {@code out} belongs to the caller (one pooled buffer per frame); the writer only
     * appends to it, and neither releases nor retains it.
     *
     * @param value the value; may be null, which a writer reports as {@link #NULL}
     * @param out the buffer to append to
     * @return {@link #VALUE}, or {@link #NULL} or {@link #UNSET} when nothing was written
     * @throws SerializationException if the value cannot be written (out of range, null inside a
     *     collection, ...)
     */
    int write(T value, ByteBuf out);

    /**
     * Writes a value as a [bytes] (or [value]): the 4-byte length, then the bytes. Thread-safe.
     *
     * <p>native_protocol_v4.spec §3: a negative length is a null (-1) or, for bind markers, unset
     * (-2).
     *
     * @param writer the bound writer
     * @param value the value, may be null
     * @param out the buffer to append to; owned by the caller
     * @param <T> the Java type
     * @return what was written: {@link #VALUE}, {@link #NULL} or {@link #UNSET}
     */
    static <T> int writeBytes(Writer<T> writer, T value, ByteBuf out) {
      int lengthAt = out.writerIndex();
      out.writeInt(0);
      int status = value == null ? NULL : writer.write(value, out);
      if (status < 0) {
        out.writerIndex(lengthAt + 4);
        out.setInt(lengthAt, status);
      } else {
        out.setInt(lengthAt, out.writerIndex() - lengthAt - 4);
      }
      return status;
    }
  }
}
