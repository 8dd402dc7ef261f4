package org.cql4j.testkit.internal.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.zip.CRC32;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FastDecompressor;

/**
 * The v5 framing format (native_protocol_v5.spec §2.1, §2.2): segments holding envelopes, with a
 * CRC24 over the header and a CRC32 over the payload, optionally LZ4-compressed. Stateless and
 * thread-safe; never releases the buffers it is given.
 *
 * <p>The proxy never compresses: a segment it writes on a compressed connection has the 8-byte
 * header with an uncompressed length of 0, which §2.2 defines as "use the payload as-is".
 */
final class Segments {
  /** §2.1: a payload has at most 2^17 - 1 bytes. */
  static final int MAX_PAYLOAD = (1 << 17) - 1;

  static final int HEADER_UNCOMPRESSED = 6;
  static final int HEADER_COMPRESSED = 8;
  static final int TRAILER = 4;

  private static final int CRC24_INIT = 0x875060;
  private static final int CRC24_POLY = 0x1974F0B;
  // Cassandra's and the drivers' CRC32 starts with these four bytes (Crc.initialBytes)
  private static final byte[] CRC32_INITIAL = {(byte) 0xFA, (byte) 0x2D, (byte) 0x55, (byte) 0xCA};

  private Segments() {}

  /**
   * A decoded segment header.
   *
   * @param headerLength 6 or 8 bytes
   * @param payloadLength the payload's length on the wire
   * @param uncompressedLength the payload's length once decompressed, 0 when it is not compressed
   * @param selfContained whether the payload holds whole envelopes
   */
  record Header(
      int headerLength, int payloadLength, int uncompressedLength, boolean selfContained) {
    int segmentLength() {
      return headerLength + payloadLength + TRAILER;
    }
  }

  /**
   * Reads a header at the reader index without moving it.
   *
   * @return the header, or {@code null} when fewer bytes than a header are readable
   * @throws IllegalStateException if the header's CRC24 does not match
   */
  static Header readHeader(ByteBuf in, boolean compressed) {
    int at = in.readerIndex();
    if (!compressed) {
      if (in.readableBytes() < HEADER_UNCOMPRESSED) {
        return null;
      }
      int header = in.getUnsignedMediumLE(at);
      int crc = in.getUnsignedMediumLE(at + 3);
      if (crc24(header, 3) != crc) {
        throw new IllegalStateException("segment header CRC24 mismatch");
      }
      return new Header(HEADER_UNCOMPRESSED, header & MAX_PAYLOAD, 0, (header & (1 << 17)) != 0);
    }
    if (in.readableBytes() < HEADER_COMPRESSED) {
      return null;
    }
    long eight = in.getLongLE(at);
    long header = eight & 0xFF_FFFF_FFFFL;
    int crc = (int) (eight >>> 40) & 0xFFFFFF;
    if (crc24(header, 5) != crc) {
      throw new IllegalStateException("compressed segment header CRC24 mismatch");
    }
    return new Header(
        HEADER_COMPRESSED,
        (int) (header & MAX_PAYLOAD),
        (int) ((header >>> 17) & MAX_PAYLOAD),
        (header & (1L << 34)) != 0);
  }

  /**
   * Reads a whole segment's payload (the header was read with {@link #readHeader}) and moves the
   * reader index past the segment.
   *
   * @return the payload, decompressed if it was; a new buffer the caller releases
   * @throws IllegalStateException if the payload's CRC32 does not match or it cannot be
   *     decompressed
   */
  static ByteBuf readPayload(ByteBuf in, Header header, ByteBufAllocator alloc) {
    int payloadAt = in.readerIndex() + header.headerLength();
    int length = header.payloadLength();
    int expected = in.getIntLE(payloadAt + length);
    if (crc32(in, payloadAt, length) != expected) {
      throw new IllegalStateException("segment payload CRC32 mismatch");
    }
    ByteBuf payload;
    if (header.uncompressedLength() == 0) {
      payload = alloc.buffer(length);
      payload.writeBytes(in, payloadAt, length);
    } else {
      payload = decompress(in, payloadAt, length, header.uncompressedLength(), alloc);
    }
    in.skipBytes(header.segmentLength());
    return payload;
  }

  private static ByteBuf decompress(
      ByteBuf in, int at, int length, int uncompressedLength, ByteBufAllocator alloc) {
    byte[] source = new byte[length];
    in.getBytes(at, source);
    byte[] target = new byte[uncompressedLength];
    LZ4FastDecompressor lz4 = LZ4Factory.fastestInstance().fastDecompressor();
    try {
      int read = lz4.decompress(source, 0, target, 0, uncompressedLength);
      if (read != length) {
        throw new IllegalStateException(
            "LZ4 segment used " + read + " of its " + length + " compressed bytes");
      }
    } catch (RuntimeException e) {
      throw new IllegalStateException("cannot decompress an LZ4 segment: " + e.getMessage(), e);
    }
    ByteBuf out = alloc.buffer(uncompressedLength);
    out.writeBytes(target);
    return out;
  }

  /**
   * Appends one segment holding {@code length} bytes of {@code payload} from {@code from}.
   *
   * @param out where the segment is written; not released
   * @param compressedFormat whether the connection negotiated LZ4 (8-byte header, payload stored)
   */
  static void write(
      ByteBuf out,
      ByteBuf payload,
      int from,
      int length,
      boolean selfContained,
      boolean compressedFormat) {
    if (compressedFormat) {
      // §2.2: compressed length = the stored bytes, uncompressed length 0 = not compressed
      long header = length | (selfContained ? 1L << 34 : 0);
      long crc = crc24(header, 5);
      out.writeLongLE(header | (crc << 40));
    } else {
      int header = length | (selfContained ? 1 << 17 : 0);
      out.writeMediumLE(header);
      out.writeMediumLE(crc24(header, 3));
    }
    out.writeBytes(payload, from, length);
    out.writeIntLE(crc32(payload, from, length));
  }

  /**
   * Wraps envelope bytes in as many segments as they need: one self-contained segment when they
   * fit, else a sequence of segments that are not self-contained (§1).
   */
  static void wrap(ByteBuf out, ByteBuf envelopes, boolean compressedFormat) {
    int from = envelopes.readerIndex();
    int remaining = envelopes.readableBytes();
    if (remaining <= MAX_PAYLOAD) {
      write(out, envelopes, from, remaining, true, compressedFormat);
      return;
    }
    while (remaining > 0) {
      int chunk = Math.min(remaining, MAX_PAYLOAD);
      write(out, envelopes, from, chunk, false, compressedFormat);
      from += chunk;
      remaining -= chunk;
    }
  }

  /** §2.1: CRC24 over the first {@code length} little-endian bytes of {@code bytes}. */
  static int crc24(long bytes, int length) {
    int crc = CRC24_INIT;
    for (int i = 0; i < length; i++) {
      crc ^= (int) ((bytes & 0xFF) << 16);
      bytes >>= 8;
      for (int bit = 0; bit < 8; bit++) {
        crc <<= 1;
        if ((crc & 0x1000000) != 0) {
          crc ^= CRC24_POLY;
        }
      }
    }
    return crc;
  }

  static int crc32(ByteBuf buf, int from, int length) {
    CRC32 crc = new CRC32();
    crc.update(CRC32_INITIAL);
    crc.update(buf.nioBuffer(from, length));
    return (int) crc.getValue();
  }
}
