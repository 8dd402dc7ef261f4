package org.cql4j.protocol.compression;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * A frame body compression algorithm (native_protocol_v4.spec §5). Implementations are stateless
 * and thread-safe.
 *
 * <p>Get one from {@link Compressors}; its {@link #algorithm()} is the value of the STARTUP {@code
 * COMPRESSION} option.
 */
public interface Compressor {

  /** The algorithm name sent in STARTUP: {@code "lz4"} or {@code "snappy"}. */
  String algorithm();

  /**
   * Compresses the readable bytes of {@code in} and appends the result to {@code out}.
   *
   * @param in the uncompressed body; its reader index is left unchanged; not released
   * @param out the frame buffer to append to; not released
   */
  void compress(ByteBuf in, ByteBuf out);

  /**
   * Decompresses the readable bytes of {@code in} into a new buffer. The uncompressed length is
   * checked against {@code maxLength} (and for sanity) before anything is allocated, so a forged
   * length cannot exhaust memory.
   *
   * @param in the compressed body; its reader index is left unchanged; not released
   * @param alloc allocates the result
   * @param maxLength the largest uncompressed body accepted (the frame limit)
   * @return a new buffer holding the uncompressed body; the caller releases it
   * @throws org.cql4j.protocol.ProtocolException if the input is malformed or too large
   */
  ByteBuf decompress(ByteBuf in, ByteBufAllocator alloc, int maxLength);
}
