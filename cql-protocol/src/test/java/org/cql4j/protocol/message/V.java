package org.cql4j.protocol.message;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.cql4j.protocol.internal.wire.Hex;

/** Test helper: hex fragments of the spec's notations, to write vectors readably. Thread-safe. */
final class V {
  private V() {}

  static String b(int v) {
    return String.format("%02x", v & 0xFF);
  }

  static String sh(int v) {
    return String.format("%02x %02x", (v >> 8) & 0xFF, v & 0xFF);
  }

  static String i(int v) {
    return String.format(
        "%02x %02x %02x %02x", (v >>> 24) & 0xFF, (v >> 16) & 0xFF, (v >> 8) & 0xFF, v & 0xFF);
  }

  static String l(long v) {
    return i((int) (v >>> 32)) + " " + i((int) v);
  }

  /** A [string]. */
  static String s(String v) {
    byte[] bytes = v.getBytes(StandardCharsets.UTF_8);
    return join(sh(bytes.length), raw(bytes));
  }

  /** A [long string]. */
  static String ls(String v) {
    byte[] bytes = v.getBytes(StandardCharsets.UTF_8);
    return join(i(bytes.length), raw(bytes));
  }

  static String raw(byte[] bytes) {
    ByteBuf buf = Unpooled.wrappedBuffer(bytes);
    return Hex.of(buf);
  }

  static String join(String... parts) {
    StringBuilder sb = new StringBuilder();
    for (String p : parts) {
      if (p.isEmpty()) {
        continue;
      }
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(p);
    }
    return sb.toString();
  }

  /** A request frame header with the given flags, stream, opcode and body hex. */
  static String request(int flags, int stream, int opcode, String body) {
    return frame(0x04, flags, stream, opcode, body);
  }

  /** A response frame header with the given flags, stream, opcode and body hex. */
  static String response(int flags, int stream, int opcode, String body) {
    return frame(0x84, flags, stream, opcode, body);
  }

  /** A v5 request envelope header with the given flags, stream, opcode and body hex. */
  static String request5(int flags, int stream, int opcode, String body) {
    return frame(0x05, flags, stream, opcode, body);
  }

  /** A v5 response envelope header with the given flags, stream, opcode and body hex. */
  static String response5(int flags, int stream, int opcode, String body) {
    return frame(0x85, flags, stream, opcode, body);
  }

  private static String frame(int version, int flags, int stream, int opcode, String body) {
    int length = body.isEmpty() ? 0 : body.split(" ").length;
    return join(b(version), b(flags), sh(stream), b(opcode), i(length), body);
  }
}
