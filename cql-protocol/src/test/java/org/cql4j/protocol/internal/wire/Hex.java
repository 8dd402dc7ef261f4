package org.cql4j.protocol.internal.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/** Test helper: hex strings with spaces to buffers and back. Thread-safe. */
public final class Hex {
  private Hex() {}

  /**
   * A new unpooled heap buffer holding the bytes of {@code hex} (spaces ignored); caller releases.
   */
  public static ByteBuf buf(String hex) {
    return Unpooled.wrappedBuffer(bytes(hex));
  }

  /** The bytes of {@code hex}, spaces ignored. */
  public static byte[] bytes(String hex) {
    return ByteBufUtil.decodeHexDump(hex.replaceAll("\\s+", ""));
  }

  /**
   * The readable bytes of {@code buf} as lower-case hex with a space between bytes; not released.
   */
  public static String of(ByteBuf buf) {
    String plain = ByteBufUtil.hexDump(buf);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < plain.length(); i += 2) {
      if (i > 0) {
        sb.append(' ');
      }
      sb.append(plain, i, i + 2);
    }
    return sb.toString();
  }

  /** Hex of an ASCII string's bytes, spaced, for building vectors. */
  public static String ascii(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      sb.append(String.format("%02x ", (int) c));
    }
    return sb.toString().trim();
  }
}
