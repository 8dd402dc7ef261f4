/**
 * The deserialization SPI: decoding RESULT rows into Java values, with type checking separated from
 * per-row decoding. All types here are thread-safe except {@link
 * org.cql4j.protocol.deserialize.RawRow} and {@link org.cql4j.protocol.deserialize.RowIterator},
 * which are confined to the thread iterating the rows.
 *
 * <h2>Bind once, decode positionally</h2>
 *
 * <ol>
 *   <li>When a rows result is to be read as {@code R}, the session asks a {@link
 *       org.cql4j.protocol.deserialize.DeserializeRow DeserializeRow&lt;R&gt;} to {@code
 *       bind(columns)}. This is the type check: it runs once per result metadata (a prepared
 *       statement's result metadata is shared by all its pages), resolves which column feeds which
 *       part of {@code R}, and binds a {@link org.cql4j.protocol.deserialize.DeserializeValue} to
 *       each column's {@link org.cql4j.protocol.types.ColumnType}. Mismatches are a {@link
 *       org.cql4j.protocol.deserialize.TypeCheckException} naming the column, its CQL type and the
 *       Java type, before any row is read.
 *   <li>The bound {@code DeserializeRow.Decoder} then decodes each row from a {@link
 *       org.cql4j.protocol.deserialize.RawRow}: the cells were located by one scan of their [bytes]
 *       lengths, and are read by position, with the element decoders of collections, tuples and
 *       UDTs already chosen. No lookup, type check or per-cell allocation happens per row.
 * </ol>
 *
 * <p>A generated decoder for {@code record User(UUID id, String name, Set<String> tags)} binds like
 * this (the mapper generates exactly this shape):
 *
 * <pre>{@code
 * public DeserializeRow.Decoder<User> bind(List<ColumnSpec> columns) {
 *   int id = indexOf(columns, "id"), name = indexOf(columns, "name"), tags = indexOf(columns, "tags");
 *   var dId = Codecs.deserializer(UUID.class).bind(columns.get(id).type());
 *   var dName = Codecs.deserializer(String.class).bind(columns.get(name).type());
 *   var dTags = Codecs.setDeserializer(Codecs.deserializer(String.class))
 *       .bind(columns.get(tags).type());
 *   return row -> new User(row.decode(id, dId), row.decode(name, dName), row.decode(tags, dTags));
 * }
 * }</pre>
 *
 * <p>(A real implementation wraps each {@code bind} failure with {@code
 * TypeCheckException.inColumn(name)}.)
 *
 * <h2>Buffer ownership</h2>
 *
 * <p>The rows buffer passed to {@link org.cql4j.protocol.deserialize.RowIterator#of} belongs to the
 * session's result; it is never released or retained by this package. Cells are handed to decoders
 * as a view of it ({@code DeserializeValue.Decoder#decode}); decoders must not keep the view, and
 * copy what they keep, except where a Java type is documented as a view (a {@code blob} read as
 * {@code ByteBuffer}, and {@code CqlRow}), which is valid only while the result is alive. Text is
 * decoded straight from the buffer, without an intermediate {@code byte[]}.
 *
 * <h2>Malformed input</h2>
 *
 * <p>Row framing errors (a length below -1, a length past the end) are a {@link
 * org.cql4j.protocol.ProtocolException}; cell content errors (a wrong fixed length, an element
 * count larger than the remaining bytes, an out-of-range value) are a {@link
 * org.cql4j.protocol.deserialize.DeserializationException}. Both name the column and the offset.
 * Counts are checked against the remaining bytes before anything is allocated.
 */
package org.cql4j.protocol.deserialize;
