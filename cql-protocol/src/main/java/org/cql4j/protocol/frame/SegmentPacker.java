package org.cql4j.protocol.frame;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.function.Consumer;

/**
 * Packs outgoing envelopes (frames) into v5 segments (native_protocol_v5.spec §2): envelopes
 * written between two {@link #finish} calls share self-contained segments of up to {@value
 * SegmentCodec#MAX_PAYLOAD} bytes, an envelope larger than that is split over segments that are not
 * self-contained. Each envelope is copied once, into the segment that carries it; on a connection
 * that negotiated LZ4 each payload is compressed when that makes it smaller. Not thread-safe: one
 * per connection, confined to its event loop.
 */
public final class SegmentPacker {
  private final ByteBufAllocator alloc;
  private final boolean compressed;
  private final int headerLength;
  private ByteBuf pending; // header space, then the payload of the segment being filled

  /**
   * Creates a packer.
   *
   * @param alloc allocates the segments
   * @param compressed whether the connection negotiated LZ4
   */
  public SegmentPacker(ByteBufAllocator alloc, boolean compressed) {
    this.alloc = alloc;
    this.compressed = compressed;
    this.headerLength =
        compressed ? SegmentCodec.HEADER_COMPRESSED : SegmentCodec.HEADER_UNCOMPRESSED;
  }

  /**
   * Adds whole envelopes.
   *
   * @param envelopes one or more whole envelopes; released here
   * @param sink receives each completed run of segments, to write; it owns what it receives
   */
  public void add(ByteBuf envelopes, Consumer<ByteBuf> sink) {
    try {
      int length = envelopes.readableBytes();
      if (pending != null && payloadLength() + length > SegmentCodec.MAX_PAYLOAD) {
        finish(sink);
      }
      if (length > SegmentCodec.MAX_PAYLOAD) {
        sink.accept(wrapLarge(envelopes, length));
        return;
      }
      if (pending == null) {
        int capacity = Math.max(length, 1024) + headerLength + SegmentCodec.TRAILER;
        pending = alloc.ioBuffer(capacity, SegmentCodec.MAX_PAYLOAD + 16);
        pending.writeZero(headerLength);
      }
      pending.writeBytes(envelopes);
    } finally {
      envelopes.release();
    }
  }

  /**
   * Closes the segment being filled, if any, and hands it to {@code sink}.
   *
   * @param sink receives the segment
   */
  public void finish(Consumer<ByteBuf> sink) {
    ByteBuf segment = pending;
    if (segment == null) {
      return;
    }
    pending = null;
    int length = segment.readableBytes() - headerLength;
    if (!compressed) {
      SegmentCodec.setHeader(segment, segment.readerIndex(), length, true);
      segment.writeIntLE(SegmentCodec.crc32(segment, segment.readerIndex() + headerLength, length));
      sink.accept(segment);
      return;
    }
    ByteBuf out = null;
    try {
      out = alloc.ioBuffer(length + headerLength + SegmentCodec.TRAILER);
      SegmentCodec.writeCompressed(
          out, segment, segment.readerIndex() + headerLength, length, true);
    } catch (RuntimeException | Error e) {
      if (out != null) {
        out.release();
      }
      throw e;
    } finally {
      segment.release();
    }
    sink.accept(out);
  }

  /** Releases the segment being filled without sending it (when the connection closes). */
  public void release() {
    if (pending != null) {
      pending.release();
      pending = null;
    }
  }

  private int payloadLength() {
    return pending.readableBytes() - headerLength;
  }

  private ByteBuf wrapLarge(ByteBuf envelope, int length) {
    int segments = (length + SegmentCodec.MAX_PAYLOAD - 1) / SegmentCodec.MAX_PAYLOAD;
    ByteBuf out = alloc.ioBuffer(length + segments * (headerLength + SegmentCodec.TRAILER));
    try {
      if (compressed) {
        SegmentCodec.wrapCompressed(out, envelope);
      } else {
        SegmentCodec.wrap(out, envelope, false);
      }
      return out;
    } catch (RuntimeException | Error e) {
      out.release();
      throw e;
    }
  }
}
