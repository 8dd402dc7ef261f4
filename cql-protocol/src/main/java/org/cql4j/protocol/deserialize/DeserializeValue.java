package org.cql4j.protocol.deserialize;

import io.netty.buffer.ByteBuf;
import org.cql4j.protocol.types.ColumnSpec;
import org.cql4j.protocol.types.ColumnType;

/**
 * Decodes CQL values of some set of CQL types into Java type {@code T}; implementations must be
 * thread-safe and are usually stateless singletons.
 *
 * <p>Decoding happens in two steps (see the package documentation): {@link #bind(ColumnType)} runs
 * the type check once per result metadata and returns a {@link Decoder} for exactly that CQL type,
 * with every nested decoder already chosen; the decoder then turns cells into values without any
 * further check or lookup. Built-in instances come from {@code org.cql4j.protocol.value.Codecs};
 * the mapper generates them for {@code @UserType} records.
 *
 * @param <T> the Java type produced
 */
@FunctionalInterface
public interface DeserializeValue<T> {

  /**
   * Checks that values of {@code type} can be decoded into {@code T} and returns a decoder for that
   * type. Thread-safe.
   *
   * @param type the CQL type of the column, element, field or component
   * @return a decoder bound to {@code type}
   * @throws TypeCheckException if {@code T} cannot be decoded from {@code type}; the message names
   *     both types (the row-level caller adds the column)
   */
  Decoder<T> bind(ColumnType type);

  /**
   * Binds for a top-level column of a non-frozen collection type, whose null cell stands for an
   * empty collection: Cassandra stores an empty non-frozen collection as no value, so the two
   * cannot be told apart (api.md: "A null non-frozen collection reads as an empty collection").
   * Thread-safe.
   *
   * <p>Collection decoders bound this way read a null cell as their empty collection; with {@link
   * #bind(ColumnType)} they read it as null, which is right for a frozen collection column and for
   * every collection nested in a collection, tuple or user type (CQL freezes those). The default
   * binds as {@link #bind(ColumnType)}: a decoder of a non-collection Java type, or one that wraps
   * another (as {@code Optional} does, reading a null as empty either way), needs nothing else.
   *
   * @param type the column's CQL type, a list, set or map
   * @return a decoder bound to {@code type}
   * @throws TypeCheckException as {@link #bind(ColumnType)} does
   */
  default Decoder<T> bindNonFrozenCollection(ColumnType type) {
    return bind(type);
  }

  /**
   * Binds a deserializer to a result column, the way every row decoder should: a collection column
   * not known to be frozen with {@link #bindNonFrozenCollection}, any other column with {@link
   * #bind}. Thread-safe.
   *
   * @param deserializer the deserializer of the column's Java type
   * @param column the column
   * @param <T> the Java type
   * @return the bound decoder
   * @throws TypeCheckException if the Java type does not fit the column's type; the message names
   *     the column
   */
  static <T> Decoder<T> bindColumn(DeserializeValue<T> deserializer, ColumnSpec column) {
    try {
      return column.isCollection() && !column.frozen()
          ? deserializer.bindNonFrozenCollection(column.type())
          : deserializer.bind(column.type());
    } catch (TypeCheckException e) {
      throw e.inColumn(column.name());
    }
  }

  /**
   * Decodes the cells of one CQL type, chosen by {@link DeserializeValue#bind(ColumnType)};
   * implementations must be thread-safe (built-ins are immutable), because one bound decoder serves
   * every row of every page of a result.
   *
   * @param <T> the Java type produced
   */
  @FunctionalInterface
  interface Decoder<T> {

    /**
     * Decodes one cell. Thread-safe.
     *
     * <p>Buffer ownership: {@code cell} belongs to the caller and is a view of the frame whose
     * readable bytes are exactly the value (native_protocol_v4.spec §6). The decoder must neither
     * release nor retain it and must not keep it, or a derived buffer, past the call: copy what it
     * keeps, or document (as the {@code ByteBuffer} blob decoder does) that the result is a view
     * valid only while the result frame is alive. The decoder may move the view's reader and writer
     * indices, also by handing it to a nested decoder, so a decoder that decodes nested values
     * keeps its own position in local variables.
     *
     * @param cell the value's bytes, or null for a CQL null (a negative [bytes] length)
     * @return the decoded value; null, an empty collection or a default, as the Java type demands
     * @throws DeserializationException if the bytes are malformed for the bound type or the value
     *     does not fit the Java type
     */
    T decode(ByteBuf cell);
  }
}
