package org.cql4j.protocol.token;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * The token of a partition key under Cassandra's and ScyllaDB's {@code Murmur3Partitioner}.
 * Stateless and thread-safe; nothing is allocated per call.
 *
 * <p>The hash is the first half of MurmurHash3 x64 128 with seed 0, as Cassandra's {@code
 * MurmurHash.hash3_x64_128} computes it, including its quirk: the bytes of the tail (the last
 * {@code length % 16}) are sign-extended before they are mixed in. A hash of {@link Long#MIN_VALUE}
 * is mapped to {@link Long#MAX_VALUE}, because the minimum is the partitioner's minimum token,
 * which no key has.
 *
 * <p>The key is the partition key as serialized in a bound value: a single-component key is the
 * component's value bytes; a composite key is, for each component, {@code [short length][bytes][0]}
 * (Cassandra's {@code CompositeType}). {@link #compositeToken} hashes that layout without building
 * it.
 */
public final class Murmur3 {
  private static final long C1 = 0x87c37b91114253d5L;
  private static final long C2 = 0x4cf5ad432745937fL;

  private Murmur3() {}

  /**
   * The token of a single-component partition key.
   *
   * @param key the serialized key; not read with its reader index, not released
   * @param index where the key's bytes start in {@code key}
   * @param length how many bytes the key has
   * @return the token
   */
  public static long token(ByteBuf key, int index, int length) {
    return normalize(hash(new Bytes(key, index, length), length));
  }

  /**
   * The token of a single-component partition key.
   *
   * @param key the serialized key
   * @return the token
   */
  public static long token(byte[] key) {
    return token(Unpooled.wrappedBuffer(key), 0, key.length);
  }

  /**
   * The token of a composite partition key, from the serialized value of each component in order.
   *
   * @param components the components' serialized values, each a buffer whose readable bytes are the
   *     value; not released, and their indices are not moved
   * @return the token
   * @throws IllegalArgumentException if a component is longer than 65,535 bytes, which a composite
   *     key cannot encode
   */
  public static long compositeToken(ByteBuf... components) {
    int length = 0;
    for (ByteBuf c : components) {
      if (c.readableBytes() > 0xFFFF) {
        throw new IllegalArgumentException(
            "A partition key component has "
                + c.readableBytes()
                + " bytes; a composite key allows at most 65535 per component");
      }
      length += 2 + c.readableBytes() + 1;
    }
    return normalize(hash(new Composite(components), length));
  }

  private static long normalize(long hash) {
    return hash == Long.MIN_VALUE ? Long.MAX_VALUE : hash;
  }

  /** A sequence of bytes read in order, one at a time or eight at a time. */
  private interface Source {
    /** The next byte, as Cassandra reads it: signed. */
    byte next();

    /** The next eight bytes as a little-endian long. */
    default long nextLong() {
      long v = 0;
      for (int i = 0; i < 8; i++) {
        v |= (next() & 0xFFL) << (8 * i);
      }
      return v;
    }
  }

  /** A contiguous range of a buffer. */
  private static final class Bytes implements Source {
    private final ByteBuf buf;
    private int index;

    Bytes(ByteBuf buf, int index, int length) {
      if (index < 0 || length < 0 || index > buf.capacity() - length) {
        throw new IndexOutOfBoundsException(
            "key at " + index + ", " + length + " bytes, outside a buffer of " + buf.capacity());
      }
      this.buf = buf;
      this.index = index;
    }

    @Override
    public byte next() {
      return buf.getByte(index++);
    }

    @Override
    public long nextLong() {
      long v = buf.getLongLE(index);
      index += 8;
      return v;
    }
  }

  /** The {@code CompositeType} layout of the components, produced on the fly. */
  private static final class Composite implements Source {
    private final ByteBuf[] components;
    private int component;
    private int position = -2; // -2, -1: the length; 0..n-1: the value; n: the end-of-component 0

    Composite(ByteBuf[] components) {
      this.components = components;
    }

    @Override
    public byte next() {
      ByteBuf c = components[component];
      int n = c.readableBytes();
      byte b;
      if (position == -2) {
        b = (byte) (n >>> 8);
      } else if (position == -1) {
        b = (byte) n;
      } else if (position < n) {
        b = c.getByte(c.readerIndex() + position);
      } else {
        b = 0;
      }
      if (position == n) {
        component++;
        position = -2;
      } else {
        position++;
      }
      return b;
    }
  }

  private static long hash(Source in, int length) {
    long h1 = 0;
    long h2 = 0;
    int blocks = length >>> 4;
    for (int i = 0; i < blocks; i++) {
      long k1 = in.nextLong();
      long k2 = in.nextLong();
      h1 ^= mixK1(k1);
      h1 = Long.rotateLeft(h1, 27) + h2;
      h1 = h1 * 5 + 0x52dce729;
      h2 ^= mixK2(k2);
      h2 = Long.rotateLeft(h2, 31) + h1;
      h2 = h2 * 5 + 0x38495ab5;
    }
    int tail = length & 15;
    long k1 = 0;
    long k2 = 0;
    // Cassandra's tail: each byte sign-extended, then shifted (MurmurHash.hash3_x64_128).
    int i = 0;
    if (tail >= 8) {
      k1 = signExtendedBytes(in.nextLong()); // the first eight at once (an 8-byte bigint key)
      i = 8;
    }
    for (; i < tail; i++) {
      long b = in.next();
      if (i < 8) {
        k1 ^= b << (8 * i);
      } else {
        k2 ^= b << (8 * (i - 8));
      }
    }
    if (tail > 8) {
      h2 ^= mixK2(k2);
    }
    if (tail > 0) {
      h1 ^= mixK1(k1);
    }
    h1 ^= length;
    h2 ^= length;
    h1 += h2;
    h2 += h1;
    h1 = fmix(h1);
    h2 = fmix(h2);
    return h1 + h2;
  }

  /**
   * The XOR of each byte of {@code v} (little-endian) sign-extended and shifted to its place:
   * {@code v} with, for each negative byte, every bit above that byte flipped. The flips are the
   * prefix parity of the bytes' sign bits, one place up.
   */
  static long signExtendedBytes(long v) {
    long flips = (v & 0x8080808080808080L) << 1;
    flips ^= flips << 1;
    flips ^= flips << 2;
    flips ^= flips << 4;
    flips ^= flips << 8;
    flips ^= flips << 16;
    flips ^= flips << 32;
    return v ^ flips;
  }

  private static long mixK1(long k1) {
    return Long.rotateLeft(k1 * C1, 31) * C2;
  }

  private static long mixK2(long k2) {
    return Long.rotateLeft(k2 * C2, 33) * C1;
  }

  private static long fmix(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return k;
  }
}
