package org.cql4j.cli.stress.generate;

import io.netty.buffer.ByteBuf;

/**
 * Writes one generated [value] (native_protocol_v4.spec §3: an [int] length, then the bytes) for an
 * operation's index straight into the frame being encoded, without a Java object in between.
 * Implementations are stateless and thread-safe: the value depends only on the index.
 */
@FunctionalInterface
public interface ValueWriter {

  /**
   * Appends the value for operation {@code index}.
   *
   * @param index the operation's sequence number in the run (0, 1, 2, ...)
   * @param out the frame buffer; owned by the caller
   */
  void write(long index, ByteBuf out);
}
