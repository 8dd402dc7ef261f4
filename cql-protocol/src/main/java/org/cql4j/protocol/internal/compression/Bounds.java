package org.cql4j.protocol.internal.compression;

import org.cql4j.protocol.ProtocolException;

/** Checks a declared uncompressed length before anything is allocated. Stateless, thread-safe. */
final class Bounds {
  private Bounds() {}

  /**
   * Rejects a negative length, one over the frame limit, and one the algorithm could not reach from
   * the compressed size (a decompression bomb that would make us allocate for nothing).
   */
  static void check(
      String algorithm, int offset, long declared, int compressedLength, int max, long maxRatio) {
    if (declared < 0) {
      throw new ProtocolException(
          algorithm + ".uncompressed_length", offset, "negative length " + declared);
    }
    if (declared > max) {
      throw new ProtocolException(
          algorithm + ".uncompressed_length",
          offset,
          "declared " + declared + " bytes, over the frame limit of " + max);
    }
    if (declared > compressedLength * maxRatio + 64) {
      throw new ProtocolException(
          algorithm + ".uncompressed_length",
          offset,
          "declared "
              + declared
              + " bytes cannot come from "
              + compressedLength
              + " compressed bytes");
    }
  }
}
