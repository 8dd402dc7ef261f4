package org.cql4j.protocol.internal.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cql4j.protocol.ProtocolException;

/**
 * Writers of the native protocol notations (native_protocol_v4.spec §3). Stateless and thread-safe;
 * each call is confined to the thread that owns the buffer it writes.
 *
 * <p>None of these methods retains or releases the buffer it writes to (the caller keeps
 * ownership), nor any buffer it copies from. A value that does not fit its notation (a [string]
 * over 65535 UTF-8 bytes, a list over 65535 elements) is a {@link ProtocolException} naming the
 * field, thrown before anything is written for that value.
 */
public final class WireWriter {

  private static final int MAX_SHORT = 0xFFFF;

  private WireWriter() {}

  /** Writes a [short] (0..65535); the buffer is not released. */
  public static void writeShort(ByteBuf out, int value, String field) {
    checkShort(value, field);
    out.writeShort(value);
  }

  /** Writes a [uuid]; the buffer is not released. */
  public static void writeUuid(ByteBuf out, UUID uuid) {
    out.writeLong(uuid.getMostSignificantBits());
    out.writeLong(uuid.getLeastSignificantBits());
  }

  /** Writes a [string]: a [short] byte length and the UTF-8 bytes, encoded in place. */
  public static void writeString(ByteBuf out, String s, String field) {
    int length = ByteBufUtil.utf8Bytes(s);
    checkShort(length, field);
    out.writeShort(length);
    ByteBufUtil.reserveAndWriteUtf8(out, s, length);
  }

  /** Writes a [long string]: an [int] byte length and the UTF-8 bytes, encoded in place. */
  public static void writeLongString(ByteBuf out, String s) {
    int length = ByteBufUtil.utf8Bytes(s);
    out.writeInt(length);
    ByteBufUtil.reserveAndWriteUtf8(out, s, length);
  }

  /** Writes a [string list]; the buffer is not released. */
  public static void writeStringList(ByteBuf out, List<String> list, String field) {
    checkShort(list.size(), field);
    out.writeShort(list.size());
    for (String s : list) {
      writeString(out, s, field);
    }
  }

  /** Writes a [bytes]: an [int] length and the bytes, or length -1 for {@code null}. */
  public static void writeBytes(ByteBuf out, byte[] bytes) {
    if (bytes == null) {
      out.writeInt(WireReader.NULL_LENGTH);
    } else {
      out.writeInt(bytes.length);
      out.writeBytes(bytes);
    }
  }

  /**
   * Writes a [bytes] from the readable bytes of {@code bytes} (or -1 for {@code null}), leaving its
   * reader index untouched.
   *
   * @param bytes copied, not released: the caller keeps ownership
   */
  public static void writeBytes(ByteBuf out, ByteBuf bytes) {
    if (bytes == null) {
      out.writeInt(WireReader.NULL_LENGTH);
    } else {
      out.writeInt(bytes.readableBytes());
      out.writeBytes(bytes, bytes.readerIndex(), bytes.readableBytes());
    }
  }

  /** Writes the [value] "not set" marker (length -2, native_protocol_v4.spec §3). */
  public static void writeUnset(ByteBuf out) {
    out.writeInt(WireReader.UNSET_LENGTH);
  }

  /** Writes a [short bytes]: a [short] length and the bytes. */
  public static void writeShortBytes(ByteBuf out, byte[] bytes, String field) {
    checkShort(bytes.length, field);
    out.writeShort(bytes.length);
    out.writeBytes(bytes);
  }

  /** Writes an [inetaddr]: the address size byte and the address. */
  public static void writeInetAddr(ByteBuf out, InetAddress address) {
    byte[] bytes = address.getAddress();
    out.writeByte(bytes.length);
    out.writeBytes(bytes);
  }

  /** Writes an [inet]: an [inetaddr] followed by the [int] port. */
  public static void writeInet(ByteBuf out, InetSocketAddress address) {
    writeInetAddr(out, address.getAddress());
    out.writeInt(address.getPort());
  }

  /** Writes a [consistency] code as a [short]. */
  public static void writeConsistency(ByteBuf out, int code) {
    out.writeShort(code);
  }

  /** Writes a [string map] in the map's iteration order. */
  public static void writeStringMap(ByteBuf out, Map<String, String> map, String field) {
    checkShort(map.size(), field);
    out.writeShort(map.size());
    for (Map.Entry<String, String> e : map.entrySet()) {
      writeString(out, e.getKey(), field);
      writeString(out, e.getValue(), field);
    }
  }

  /** Writes a [string multimap] in the map's iteration order. */
  public static void writeStringMultimap(ByteBuf out, Map<String, List<String>> map, String field) {
    checkShort(map.size(), field);
    out.writeShort(map.size());
    for (Map.Entry<String, List<String>> e : map.entrySet()) {
      writeString(out, e.getKey(), field);
      writeStringList(out, e.getValue(), field);
    }
  }

  /** Writes a [bytes map] in the map's iteration order; {@code null} values are written as -1. */
  public static void writeBytesMap(ByteBuf out, Map<String, byte[]> map, String field) {
    checkShort(map.size(), field);
    out.writeShort(map.size());
    for (Map.Entry<String, byte[]> e : map.entrySet()) {
      writeString(out, e.getKey(), field);
      writeBytes(out, e.getValue());
    }
  }

  private static void checkShort(int value, String field) {
    if (value < 0 || value > MAX_SHORT) {
      throw new ProtocolException(
          field, -1, "value " + value + " does not fit a [short] (0.." + MAX_SHORT + ")");
    }
  }
}
