package org.cql4j.protocol.message;

import io.netty.buffer.ByteBuf;

/**
 * The bound values of a QUERY, EXECUTE or BATCH statement, written straight into the frame buffer
 * (native_protocol_v4.spec §4.1.4, flags 0x01 and 0x40). Implementations say whether they are
 * thread-safe; the encoder calls them on the thread that writes the frame.
 *
 * <p>The value layer implements this over a row serializer so values are serialized in place, with
 * no intermediate buffer; {@link RawValues} holds pre-serialized values (tests, a fake server).
 */
public interface BoundValues {

  /** No values: the Values flag is not set. */
  BoundValues EMPTY = RawValues.of();

  /** Whether there are no values at all; then the Values flag (0x01) is not set. */
  boolean isEmpty();

  /** Whether each value is preceded by the [string] name of its bind marker (flag 0x40). */
  boolean hasNames();

  /**
   * Writes the values, each as {@code [name]<value>} where the name is present only if {@link
   * #hasNames()}, and the value is a [value] (length -1 for null, -2 for unset). The encoder has
   * already written a placeholder for the [short] count and patches it with the returned count.
   *
   * @param out the frame buffer; not released (the encoder owns it)
   * @return how many values were written (at most 65535)
   */
  int writeTo(ByteBuf out);
}
