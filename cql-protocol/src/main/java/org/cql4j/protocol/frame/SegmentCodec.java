package org.cql4j.protocol.frame;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.zip.CRC32;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import org.cql4j.protocol.ProtocolException;

/**
 * The framing format of native protocol v5 (native_protocol_v5.spec §2.1, §2.2): segments that hold
 * envelopes (frames), a CRC24 over each header and a CRC32 over each payload, the payload
 * optionally LZ4-compressed. Stateless and thread-safe; never releases the buffers it is given.
 *
 * <p>Small envelopes travel together in one self-contained segment; an envelope larger than a
 * payload ({@value #MAX_PAYLOAD} bytes) is split over segments that are not self-contained (§1).
 * {@link #wrap} stores payloads as they are (on a connection that negotiated LZ4 such a segment has
 * the 8-byte header with an uncompressed length of 0, which §2.2 defines as "not compressed");
 * {@link #wrapCompressed} compresses each payload that LZ4 makes smaller. Reading accepts both, and
 * decompresses with LZ4's bounds-checked decompressor. Corrupted or malformed segments are a {@link
 * ProtocolException} naming the field: nothing after them can be trusted.
 */
public final class SegmentCodec {
  /** §2.1: a payload has at most 2^17 - 1 bytes. */
  public static final int MAX_PAYLOAD = (1 << 17) - 1;

  /** The header of a segment on a connection without compression: 3 bytes and a CRC24. */
  public static final int HEADER_UNCOMPRESSED = 6;

  /** The header of a segment on a connection with LZ4: 5 bytes and a CRC24. */
  public static final int HEADER_COMPRESSED = 8;

  /** The CRC32 after each payload. */
  public static final int TRAILER = 4;

  private static final int CRC24_INIT = 0x875060;
  private static final int CRC24_POLY = 0x1974F0B;
  // Cassandra's and the drivers' CRC32 starts with these four bytes (Crc.initialBytes)
  private static final byte[] CRC32_INITIAL = {(byte) 0xFA, (byte) 0x2D, (byte) 0x55, (byte) 0xCA};

  private SegmentCodec() {}

  /**
   * A decoded segment header.
   *
   * @param headerLength {@value #HEADER_UNCOMPRESSED} or {@value #HEADER_COMPRESSED} bytes
   * @param payloadLength the payload's length on the wire
   * @param uncompressedLength the payload's length once decompressed; 0 when it is not compressed
   * @param selfContained whether the payload holds whole envelopes
   */
  public record Header(
      int headerLength, int payloadLength, int uncompressedLength, boolean selfContained) {

    /** The whole segment's length on the wire: header, payload and CRC32. */
    public int segmentLength() {
      return headerLength + payloadLength + TRAILER;
    }
  }

  /**
   * Reads a header at the reader index without moving it.
   *
   * @param in the bytes read
   * @param compressed whether the connection negotiated LZ4 (8-byte headers)
   * @return the header, or {@code null} when fewer bytes than a header are readable
   * @throws ProtocolException if the header's CRC24 does not match
   */
  public static Header readHeader(ByteBuf in, boolean compressed) {
    int at = in.readerIndex();
    if (!compressed) {
      if (in.readableBytes() < HEADER_UNCOMPRESSED) {
        return null;
      }
      int header = in.getUnsignedMediumLE(at);
      int crc = in.getUnsignedMediumLE(at + 3);
      if (crc24(header, 3) != crc) {
        throw new ProtocolException("segment.header.crc24", at, "does not match the header");
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
      throw new ProtocolException("segment.header.crc24", at, "does not match the header");
    }
    return new Header(
        HEADER_COMPRESSED,
        (int) (header & MAX_PAYLOAD),
        (int) ((header >>> 17) & MAX_PAYLOAD),
        (header & (1L << 34)) != 0);
  }

  /**
   * Reads a whole segment's payload, its header read with {@link #readHeader}, and moves the reader
   * index past the segment; the caller checked that {@link Header#segmentLength()} bytes are
   * readable.
   *
   * @param in the bytes read
   * @param header the segment's header
   * @param alloc allocates the payload
   * @return the payload, decompressed if it was; a new buffer the caller releases
   * @throws ProtocolException if the payload's CRC32 does not match or it does not decompress to
   *     its declared length
   */
  public static ByteBuf readPayload(ByteBuf in, Header header, ByteBufAllocator alloc) {
    int payloadAt = in.readerIndex() + header.headerLength();
    int length = header.payloadLength();
    int expected = in.getIntLE(payloadAt + length);
    if (crc32(in, payloadAt, length) != expected) {
      throw new ProtocolException("segment.payload.crc32", payloadAt, "does not match the payload");
    }
    ByteBuf payload =
        header.uncompressedLength() == 0
            ? alloc.buffer(length).writeBytes(in, payloadAt, length)
            : decompress(in, payloadAt, length, header.uncompressedLength(), alloc);
    in.skipBytes(header.segmentLength());
    return payload;
  }

  private static ByteBuf decompress(
      ByteBuf in, int at, int length, int uncompressedLength, ByteBufAllocator alloc) {
    byte[] source = new byte[length];
    in.getBytes(at, source);
    byte[] target = new byte[uncompressedLength];
    int written;
    try {
      written =
          LZ4Factory.fastestInstance()
              .safeDecompressor()
              .decompress(source, 0, length, target, 0, uncompressedLength);
    } catch (LZ4Exception e) {
      throw new ProtocolException("segment.payload.lz4", at, "does not decompress", e);
    }
    if (written != uncompressedLength) {
      throw new ProtocolException(
          "segment.payload.lz4",
          at,
          "decompresses to " + written + " bytes, the header says " + uncompressedLength);
    }
    return alloc.buffer(uncompressedLength).writeBytes(target);
  }

  /**
   * Appends one segment holding {@code length} bytes of {@code payload} from {@code from}, stored
   * as they are.
   *
   * @param out where the segment is written; not released
   * @param payload the bytes; not released, its indexes unchanged
   * @param from the first byte's index
   * @param length at most {@value #MAX_PAYLOAD}
   * @param selfContained whether the bytes are whole envelopes
   * @param compressedFormat whether the connection negotiated LZ4 (8-byte header)
   */
  public static void write(
      ByteBuf out,
      ByteBuf payload,
      int from,
      int length,
      boolean selfContained,
      boolean compressedFormat) {
    if (length < 0 || length > MAX_PAYLOAD) {
      throw new IllegalArgumentException(
          "a segment payload has 0 to " + MAX_PAYLOAD + " bytes, not " + length);
    }
    if (compressedFormat) {
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
   * Writes the 6-byte header of an uncompressed segment at {@code index}, for a payload written
   * after it in place.
   *
   * @param buf the buffer holding the segment; not released, indexes unchanged
   * @param index where the header goes
   * @param length the payload's length, at most {@value #MAX_PAYLOAD}
   * @param selfContained whether the payload is whole envelopes
   */
  public static void setHeader(ByteBuf buf, int index, int length, boolean selfContained) {
    if (length < 0 || length > MAX_PAYLOAD) {
      throw new IllegalArgumentException(
          "a segment payload has 0 to " + MAX_PAYLOAD + " bytes, not " + length);
    }
    int header = length | (selfContained ? 1 << 17 : 0);
    buf.setMediumLE(index, header);
    buf.setMediumLE(index + 3, crc24(header, 3));
  }

  /**
   * Appends one segment of a connection that negotiated LZ4 holding {@code length} bytes of {@code
   * payload} from {@code from}, compressed; stored as they are when compressing would not make them
   * smaller (§2.2: an uncompressed length of 0).
   *
   * @param out where the segment is written; not released
   * @param payload the bytes; not released, their indexes unchanged
   * @param from the first byte's index
   * @param length at most {@value #MAX_PAYLOAD}
   * @param selfContained whether the bytes are whole envelopes
   */
  public static void writeCompressed(
      ByteBuf out, ByteBuf payload, int from, int length, boolean selfContained) {
    if (length < 0 || length > MAX_PAYLOAD) {
      throw new IllegalArgumentException(
          "a segment payload has 0 to " + MAX_PAYLOAD + " bytes, not " + length);
    }
    byte[] source = new byte[length];
    payload.getBytes(from, source);
    LZ4Compressor lz4 = LZ4Factory.fastestInstance().fastCompressor();
    byte[] target = new byte[lz4.maxCompressedLength(length)];
    int compressed = lz4.compress(source, 0, length, target, 0, target.length);
    if (compressed >= length) {
      write(out, payload, from, length, selfContained, true);
      return;
    }
    long header = compressed | ((long) length << 17) | (selfContained ? 1L << 34 : 0);
    long crc = crc24(header, 5);
    out.writeLongLE(header | (crc << 40));
    int payloadAt = out.writerIndex();
    out.writeBytes(target, 0, compressed);
    out.writeIntLE(crc32(out, payloadAt, compressed));
  }

  /**
   * As {@link #wrap}, on a connection that negotiated LZ4, each segment's payload compressed when
   * that makes it smaller.
   *
   * @param out where the segments are written; not released
   * @param envelopes the envelopes' bytes, readable; not released, their indexes unchanged
   */
  public static void wrapCompressed(ByteBuf out, ByteBuf envelopes) {
    int from = envelopes.readerIndex();
    int remaining = envelopes.readableBytes();
    boolean selfContained = remaining <= MAX_PAYLOAD;
    do {
      int chunk = Math.min(remaining, MAX_PAYLOAD);
      writeCompressed(out, envelopes, from, chunk, selfContained);
      from += chunk;
      remaining -= chunk;
    } while (remaining > 0);
  }

  /**
   * Wraps envelopes in as many segments as they need: one self-contained segment when they fit in a
   * payload, else segments that are not self-contained, in order (§1: only one large envelope may
   * be split that way).
   *
   * @param out where the segments are written; not released
   * @param envelopes the envelopes' bytes, readable; not released, their indexes unchanged
   * @param compressedFormat whether the connection negotiated LZ4 (8-byte headers)
   */
  public static void wrap(ByteBuf out, ByteBuf envelopes, boolean compressedFormat) {
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

  /**
   * §2.1: the CRC24 of a header.
   *
   * @param bytes the header's bytes, little-endian in a long
   * @param length how many of them: 3 or 5
   * @return the CRC24
   */
  public static int crc24(long bytes, int length) {
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

  /**
   * §2.1: the CRC32 of a payload, seeded as Cassandra seeds it.
   *
   * @param buf the bytes; indexes unchanged
   * @param from the first byte's index
   * @param length how many bytes
   * @return the CRC32
   */
  public static int crc32(ByteBuf buf, int from, int length) {
    CRC32 crc = new CRC32();
    crc.update(CRC32_INITIAL);
    crc.update(buf.nioBuffer(from, length));
    return (int) crc.getValue();
  }
}
