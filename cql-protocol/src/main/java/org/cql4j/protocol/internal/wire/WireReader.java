package org.cql4j.protocol.internal.wire;

import io.netty.buffer.ByteBuf;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.ProtocolException;
import org.cql4j.protocol.SerialConsistency;

/**
 * Checked readers of the native protocol notations (native_protocol_v4.spec §3). Stateless and
 * thread-safe; each call is confined to the thread that owns the buffer it reads.
 *
 * <p>Every length read from the wire is checked against the readable bytes of the buffer before
 * anything is allocated, and every failure is a {@link ProtocolException} naming the field and the
 * reader index where reading failed. None of these methods retains or releases the buffer it reads:
 * the caller keeps ownership. Slices returned by {@link #readBytesSlice} are not retained; they are
 * valid while the caller holds the buffer.
 */
public final class WireReader {

  /** The [value] length that stands for {@code null} (native_protocol_v4.spec §3). */
  public static final int NULL_LENGTH = -1;

  /** The [value] length that stands for "not set" (native_protocol_v4.spec §3). */
  public static final int UNSET_LENGTH = -2;

  private WireReader() {}

  /**
   * Throws unless {@code n} bytes are readable.
   *
   * @param in the buffer being read; not released
   * @param n the number of bytes needed
   * @param field the protocol field, named in the exception
   * @throws ProtocolException if fewer than {@code n} bytes remain
   */
  public static void need(ByteBuf in, long n, String field) {
    if (n > in.readableBytes()) {
      throw new ProtocolException(
          field,
          in.readerIndex(),
          "needs " + n + " bytes but only " + in.readableBytes() + " remain");
    }
  }

  /** Reads a [byte] as a signed value; the buffer is not released. */
  public static byte readByte(ByteBuf in, String field) {
    need(in, 1, field);
    return in.readByte();
  }

  /** Reads a [short] (unsigned, 0..65535); the buffer is not released. */
  public static int readShort(ByteBuf in, String field) {
    need(in, 2, field);
    return in.readUnsignedShort();
  }

  /** Reads an [int]; the buffer is not released. */
  public static int readInt(ByteBuf in, String field) {
    need(in, 4, field);
    return in.readInt();
  }

  /** Reads a [long]; the buffer is not released. */
  public static long readLong(ByteBuf in, String field) {
    need(in, 8, field);
    return in.readLong();
  }

  /** Reads a [uuid]; the buffer is not released. */
  public static UUID readUuid(ByteBuf in, String field) {
    need(in, 16, field);
    return new UUID(in.readLong(), in.readLong());
  }

  /** Reads a [string]: a [short] length and that many UTF-8 bytes; the buffer is not released. */
  public static String readString(ByteBuf in, String field) {
    int length = readShort(in, field);
    return readUtf8(in, length, field);
  }

  /**
   * Reads a [string] naming a constant of {@code type} (an event's change, a schema target...).
   *
   * @param in the buffer; not released
   * @param type the enum whose constant names the wire values
   * @param field the field, for error messages
   * @param <E> the enum type
   * @return the constant
   * @throws ProtocolException at the string's offset if no constant has that name
   */
  public static <E extends Enum<E>> E readEnum(ByteBuf in, Class<E> type, String field) {
    int start = in.readerIndex();
    String name = readString(in, field);
    try {
      return Enum.valueOf(type, name);
    } catch (IllegalArgumentException e) {
      throw new ProtocolException(field, start, "unknown value '" + name + "'");
    }
  }

  /** Reads a [long string]: an [int] length and that many UTF-8 bytes; not released. */
  public static String readLongString(ByteBuf in, String field) {
    int start = in.readerIndex();
    int length = readInt(in, field);
    if (length < 0) {
      throw new ProtocolException(field, start, "negative length " + length);
    }
    return readUtf8(in, length, field);
  }

  private static String readUtf8(ByteBuf in, int length, String field) {
    need(in, length, field);
    // Decodes straight from the buffer, no intermediate byte[].
    String s = in.toString(in.readerIndex(), length, StandardCharsets.UTF_8);
    in.skipBytes(length);
    return s;
  }

  /** Reads a [string list]; the buffer is not released. The list is unmodifiable. */
  public static List<String> readStringList(ByteBuf in, String field) {
    int n = readShort(in, field);
    // each [string] takes at least its 2-byte length: check before allocating
    need(in, 2L * n, field);
    List<String> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      list.add(readString(in, field));
    }
    return Collections.unmodifiableList(list);
  }

  /**
   * Reads a [bytes] into a new array.
   *
   * @return the bytes, or {@code null} for a negative length
   */
  public static byte[] readBytes(ByteBuf in, String field) {
    int length = readInt(in, field);
    if (length < 0) {
      return null;
    }
    need(in, length, field);
    byte[] bytes = new byte[length];
    in.readBytes(bytes);
    return bytes;
  }

  /**
   * Reads a [bytes] as a slice of {@code in}, without copying.
   *
   * @return a slice that is NOT retained (valid while the caller holds {@code in}), or {@code null}
   *     for a negative length
   */
  public static ByteBuf readBytesSlice(ByteBuf in, String field) {
    int length = readInt(in, field);
    if (length < 0) {
      return null;
    }
    need(in, length, field);
    return in.readSlice(length);
  }

  /**
   * Reads the length of a [value] and checks it: {@code n >= 0} bytes follow (and are readable),
   * {@link #NULL_LENGTH} is null, {@link #UNSET_LENGTH} is "not set"; anything below -2 is invalid.
   * The reader index is left after the length, before the value's bytes.
   *
   * @return the length, {@link #NULL_LENGTH} or {@link #UNSET_LENGTH}
   */
  public static int readValueLength(ByteBuf in, String field) {
    int start = in.readerIndex();
    int length = readInt(in, field);
    if (length < UNSET_LENGTH) {
      throw new ProtocolException(field, start, "invalid [value] length " + length);
    }
    if (length > 0) {
      need(in, length, field);
    }
    return length;
  }

  /** Reads a [short bytes] into a new array; the buffer is not released. */
  public static byte[] readShortBytes(ByteBuf in, String field) {
    int length = readShort(in, field);
    need(in, length, field);
    byte[] bytes = new byte[length];
    in.readBytes(bytes);
    return bytes;
  }

  /** Reads an [inet]: an address size byte (4 or 16), the address and an [int] port. */
  public static InetSocketAddress readInet(ByteBuf in, String field) {
    InetAddress address = readInetAddr(in, field);
    int start = in.readerIndex();
    int port = readInt(in, field);
    if (port < 0 || port > 0xFFFF) {
      throw new ProtocolException(field, start, "port " + port + " out of range 0..65535");
    }
    return new InetSocketAddress(address, port);
  }

  /** Reads an [inetaddr]: an address size byte (4 or 16) and the address, without a port. */
  public static InetAddress readInetAddr(ByteBuf in, String field) {
    int start = in.readerIndex();
    int size = readByte(in, field);
    if (size != 4 && size != 16) {
      throw new ProtocolException(field, start, "address size " + size + " is neither 4 nor 16");
    }
    need(in, size, field);
    byte[] bytes = new byte[size];
    in.readBytes(bytes);
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new ProtocolException(field, start, "invalid address", e);
    }
  }

  /** Reads a [consistency], serial levels included (native_protocol_v4.spec §3). */
  public static Consistency readConsistency(ByteBuf in, String field) {
    int start = in.readerIndex();
    int code = readShort(in, field);
    try {
      return Consistency.fromCode(code);
    } catch (IllegalArgumentException e) {
      throw new ProtocolException(
          field, start, "unknown consistency code 0x" + Integer.toHexString(code));
    }
  }

  /** Reads a [consistency] that must be SERIAL or LOCAL_SERIAL. */
  public static SerialConsistency readSerialConsistency(ByteBuf in, String field) {
    int start = in.readerIndex();
    int code = readShort(in, field);
    try {
      return SerialConsistency.fromCode(code);
    } catch (IllegalArgumentException e) {
      throw new ProtocolException(
          field, start, "unknown serial consistency code 0x" + Integer.toHexString(code));
    }
  }

  /** Reads a [string map]; the map is unmodifiable and keeps wire order. */
  public static Map<String, String> readStringMap(ByteBuf in, String field) {
    int n = readShort(in, field);
    need(in, 4L * n, field); // each pair takes at least two [short] lengths
    Map<String, String> map = new LinkedHashMap<>(capacity(n));
    for (int i = 0; i < n; i++) {
      String key = readString(in, field);
      map.put(key, readString(in, field));
    }
    return Collections.unmodifiableMap(map);
  }

  /** Reads a [string multimap]; the map and its lists are unmodifiable and keep wire order. */
  public static Map<String, List<String>> readStringMultimap(ByteBuf in, String field) {
    int n = readShort(in, field);
    need(in, 4L * n, field);
    Map<String, List<String>> map = new LinkedHashMap<>(capacity(n));
    for (int i = 0; i < n; i++) {
      String key = readString(in, field);
      map.put(key, readStringList(in, field));
    }
    return Collections.unmodifiableMap(map);
  }

  /**
   * Reads a [bytes map]; values may be {@code null} (negative length). The map is unmodifiable and
   * keeps wire order.
   */
  public static Map<String, byte[]> readBytesMap(ByteBuf in, String field) {
    int n = readShort(in, field);
    need(in, 6L * n, field); // a [short] key length and an [int] value length per pair
    Map<String, byte[]> map = new LinkedHashMap<>(capacity(n));
    for (int i = 0; i < n; i++) {
      String key = readString(in, field);
      map.put(key, readBytes(in, field));
    }
    return Collections.unmodifiableMap(map);
  }

  private static int capacity(int n) {
    return (int) (n / 0.75f) + 1;
  }
}
