package org.cql4j.protocol.internal.compression;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import org.cql4j.protocol.ProtocolException;
import org.cql4j.protocol.compression.Compressor;
import org.xerial.snappy.Snappy;

/**
 * Snappy body compression: the whole body is one raw Snappy block, whose own varint header gives
 * the uncompressed length (native_protocol_v4.spec §5). Stateless and thread-safe.
 */
public final class SnappyCompressor implements Compressor {
  /** A Snappy element of n bytes yields at most about 22n bytes; 64 leaves room. */
  private static final long MAX_RATIO = 64;

  /**
   * Creates the compressor, loading Snappy's native library now so a missing one fails here.
   *
   * @throws IOException if the native library cannot be used
   */
  public SnappyCompressor() throws IOException {
    Snappy.maxCompressedLength(1);
  }

  @Override
  public String algorithm() {
    return "snappy";
  }

  @Override
  public void compress(ByteBuf in, ByteBuf out) {
    int length = in.readableBytes();
    byte[] src = bytes(in);
    int srcOffset = in.hasArray() ? in.arrayOffset() + in.readerIndex() : 0;
    int max = Snappy.maxCompressedLength(length);
    try {
      out.ensureWritable(max);
      if (out.hasArray()) {
        int n =
            Snappy.compress(
                src, srcOffset, length, out.array(), out.arrayOffset() + out.writerIndex());
        out.writerIndex(out.writerIndex() + n);
      } else {
        byte[] dst = new byte[max];
        int n = Snappy.compress(src, srcOffset, length, dst, 0);
        out.writeBytes(dst, 0, n);
      }
    } catch (IOException e) {
      throw new IllegalStateException("Snappy compression failed", e);
    }
  }

  @Override
  public ByteBuf decompress(ByteBuf in, ByteBufAllocator alloc, int maxLength) {
    int start = in.readerIndex();
    int length = in.readableBytes();
    byte[] src = bytes(in);
    int srcOffset = in.hasArray() ? in.arrayOffset() + start : 0;
    long declared = declaredLength(src, srcOffset, length, start);
    Bounds.check("snappy", start, declared, length, maxLength, MAX_RATIO);
    ByteBuf out = alloc.heapBuffer((int) declared);
    try {
      if (!Snappy.isValidCompressedBuffer(src, srcOffset, length)) {
        throw new ProtocolException("snappy.body", start, "malformed Snappy data");
      }
      int n = Snappy.uncompress(src, srcOffset, length, out.array(), out.arrayOffset());
      if (n != declared) {
        throw new ProtocolException(
            "snappy.body", start, "decompressed to " + n + " bytes, " + declared + " declared");
      }
      out.writerIndex(n);
      return out;
    } catch (IOException e) {
      out.release();
      throw new ProtocolException("snappy.body", start, "malformed Snappy data: " + e, e);
    } catch (RuntimeException | Error e) {
      out.release();
      throw e;
    }
  }

  /** Reads Snappy's varint uncompressed length in Java, before calling native code. */
  private static long declaredLength(byte[] src, int offset, int length, int start) {
    long value = 0;
    for (int i = 0; i < 5; i++) {
      if (i >= length) {
        throw new ProtocolException("snappy.uncompressed_length", start, "truncated varint");
      }
      int b = src[offset + i] & 0xFF;
      value |= (long) (b & 0x7F) << (7 * i);
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw new ProtocolException("snappy.uncompressed_length", start, "varint longer than 5 bytes");
  }

  /** The readable bytes as an array: the backing array when there is one, else a copy. */
  private static byte[] bytes(ByteBuf in) {
    if (in.hasArray()) {
      return in.array();
    }
    byte[] copy = new byte[in.readableBytes()];
    in.getBytes(in.readerIndex(), copy);
    return copy;
  }
}
