package org.cql4j.protocol.value;

/**
 * The unset marker for a bound value: the server leaves the column as it is
 * (native_protocol_v4.spec §3, [value] length -2). Immutable and thread-safe.
 *
 * <p>Use {@code Unset.VALUE} as a value in {@code Values.of(...)}, a list, an array or a map. It is
 * valid only as a bind-marker value, never inside a collection, tuple or UDT.
 */
public enum Unset {
  /** The unset value. */
  VALUE
}
