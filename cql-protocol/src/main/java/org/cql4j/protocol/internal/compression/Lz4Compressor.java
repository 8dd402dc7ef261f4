package org.cql4j.protocol.internal.compression;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.ByteBuffer;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import org.cql4j.protocol.ProtocolException;
import org.cql4j.protocol.compression.Compressor;

/**
 * LZ4 body compression: a 4-byte big-endian uncompressed length, then an LZ4 block
 * (native_protocol_v4.spec §5). Stateless and thread-safe.
 *
 * <p>Decompression uses LZ4's safe decompressor (bounds-checked on malformed input) and checks the
 * declared length against the frame limit and LZ4's maximum ratio before allocating.
 */
public final class Lz4Compressor implements Compressor {
  /** LZ4 cannot expand data by more than about 255 times (one length byte per 255 bytes). */
  private static final long MAX_RATIO = 256;

  private final LZ4Compressor compressor;
  private final LZ4SafeDecompressor decompressor;

  /** Creates the compressor with the fastest LZ4 implementation available. */
  public Lz4Compressor() {
    LZ4Factory factory = LZ4Factory.fastestInstance();
    this.compressor = factory.fastCompressor();
    this.decompressor = factory.safeDecompressor();
  }

  @Override
  public String algorithm() {
    return "lz4";
  }

  @Override
  public void compress(ByteBuf in, ByteBuf out) {
    int length = in.readableBytes();
    int max = compressor.maxCompressedLength(length);
    out.ensureWritable(4 + max);
    out.writeInt(length);
    ByteBuffer src = in.nioBuffer(in.readerIndex(), length);
    if (out.nioBufferCount() == 1) {
      ByteBuffer dst = out.nioBuffer(out.writerIndex(), max);
      int n = compressor.compress(src, src.position(), length, dst, dst.position(), max);
      out.writerIndex(out.writerIndex() + n);
    } else {
      ByteBuffer dst = ByteBuffer.allocate(max);
      int n = compressor.compress(src, src.position(), length, dst, 0, max);
      out.writeBytes(dst.array(), 0, n);
    }
  }

  @Override
  public ByteBuf decompress(ByteBuf in, ByteBufAllocator alloc, int maxLength) {
    int start = in.readerIndex();
    if (in.readableBytes() < 4) {
      throw new ProtocolException(
          "lz4.uncompressed_length", start, "needs 4 bytes, " + in.readableBytes() + " remain");
    }
    int declared = in.getInt(start);
    int compressedLength = in.readableBytes() - 4;
    Bounds.check("lz4", start, declared, compressedLength, maxLength, MAX_RATIO);
    ByteBuf out = alloc.buffer(declared);
    try {
      ByteBuffer src = in.nioBuffer(start + 4, compressedLength);
      ByteBuffer dst = out.nioBuffer(0, declared);
      int n;
      if (out.nioBufferCount() == 1) {
        n =
            decompressor.decompress(
                src, src.position(), compressedLength, dst, dst.position(), declared);
      } else {
        ByteBuffer tmp = ByteBuffer.allocate(declared);
        n = decompressor.decompress(src, src.position(), compressedLength, tmp, 0, declared);
        out.setBytes(0, tmp.array(), 0, n);
      }
      if (n != declared) {
        throw new ProtocolException(
            "lz4.body", start + 4, "decompressed to " + n + " bytes, " + declared + " declared");
      }
      out.writerIndex(declared);
      return out;
    } catch (LZ4Exception e) {
      out.release();
      throw new ProtocolException(
          "lz4.body", start + 4, "malformed LZ4 data: " + e.getMessage(), e);
    } catch (RuntimeException | Error e) {
      out.release();
      throw e;
    }
  }
}
