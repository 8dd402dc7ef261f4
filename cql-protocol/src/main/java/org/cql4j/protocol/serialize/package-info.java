/**
 * The serialization SPI: writing bound values into a request frame, with type checking separated
 * from writing. All types here are thread-safe except {@link
 * org.cql4j.protocol.serialize.RowWriter}, which is confined to the thread encoding the frame.
 *
 * <h2>Bind once, write straight into the frame</h2>
 *
 * <ul>
 *   <li>{@link org.cql4j.protocol.serialize.SerializeValue#bind} checks a Java type against a
 *       {@link org.cql4j.protocol.types.ColumnType} once and returns a {@code Writer}; the writer
 *       appends the value's bytes to the frame buffer. The [bytes] length is reserved and patched
 *       ({@code SerializeValue.Writer.writeBytes}), so no value is encoded into a temporary buffer
 *       (vectors of variable-size elements excepted: their unsigned-vint element lengths precede
 *       the bytes).
 *   <li>{@link org.cql4j.protocol.serialize.RowSerializer} is the typed, check-once path: a
 *       generated serializer for a {@code @Row} record binds its components to a prepared
 *       statement's bind markers once; the session caches the bound writer with the statement.
 *   <li>{@link org.cql4j.protocol.serialize.SerializeRow} is what a row of values implements
 *       ({@code Values.of(...)}, a list, an array, a map by marker name, or a hand-written row). It
 *       checks its values against the markers when it is written, because the Java types of an
 *       untyped row are known only then; the built-in adapters still bind each marker once per
 *       execution and check each value with one class comparison.
 * </ul>
 *
 * <p>Errors are a {@link org.cql4j.protocol.serialize.SerializationException} naming the bind
 * marker, its CQL type and the Java type, thrown before anything is sent.
 *
 * <h2>Buffer ownership</h2>
 *
 * <p>Every {@code ByteBuf} passed to this package is the frame buffer being encoded: it belongs to
 * the caller (the session's frame encoder), who releases it, also when serialization fails. Writers
 * only append to it; they neither release nor retain it.
 */
package org.cql4j.protocol.serialize;
