package org.cql4j.protocol.frame;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;
import org.cql4j.protocol.ProtocolException;
import org.cql4j.protocol.internal.frame.FrameHeaderCodec;

/**
 * Cuts the envelopes (frames) out of the v5 segments a peer sends (native_protocol_v5.spec §2):
 * every envelope of a self-contained segment, and a large envelope reassembled from the segments
 * that are not self-contained. Not thread-safe: one per connection, confined to its event loop.
 *
 * <p>Every check fails with a {@link ProtocolException} naming it, after which nothing on the
 * connection can be trusted: a header or payload CRC that does not match, LZ4 that does not
 * decompress, a self-contained segment that ends inside an envelope, a large envelope interrupted
 * by a self-contained segment or followed by extra bytes, and every check of {@link FrameDecoder}
 * (version, opcode, direction, body length over the limit, checked before a large envelope is
 * buffered).
 */
public final class SegmentDecoder {
  private final FrameDecoder frames;
  private final int maxBodyLength;
  private final boolean expectResponses;
  private final boolean compressed;
  private ByteBuf large; // a large envelope being reassembled
  private int largeLength;

  /**
   * Creates a decoder.
   *
   * @param maxBodyLength the largest envelope body accepted
   * @param expectResponses {@code true} for a client, {@code false} for a server
   * @param compressed whether the connection negotiated LZ4 (8-byte segment headers)
   */
  public SegmentDecoder(int maxBodyLength, boolean expectResponses, boolean compressed) {
    this.frames = new FrameDecoder(maxBodyLength, expectResponses);
    this.maxBodyLength = maxBodyLength;
    this.expectResponses = expectResponses;
    this.compressed = compressed;
  }

  /**
   * Decodes every complete segment of {@code cumulation}.
   *
   * @param cumulation the bytes received so far; not released. Complete segments are consumed, a
   *     partial one is left for the next call
   * @param alloc allocates payloads and reassembled envelopes
   * @param out receives the decoded {@link Frame}s; each holds a retained slice the receiver
   *     releases
   * @throws ProtocolException if a segment or an envelope is corrupted or malformed
   */
  public void decode(ByteBuf cumulation, ByteBufAllocator alloc, List<Object> out) {
    SegmentCodec.Header header;
    while ((header = SegmentCodec.readHeader(cumulation, compressed)) != null
        && cumulation.readableBytes() >= header.segmentLength()) {
      int at = cumulation.readerIndex();
      ByteBuf payload = SegmentCodec.readPayload(cumulation, header, alloc);
      try {
        if (header.selfContained()) {
          envelopes(payload, at, out);
        } else {
          part(payload, at, alloc, out);
        }
      } finally {
        payload.release();
      }
    }
  }

  private void envelopes(ByteBuf payload, int at, List<Object> out) {
    if (large != null) {
      throw new ProtocolException(
          "segment.selfContained",
          at,
          "a self-contained segment arrived before the large envelope in progress was complete");
    }
    while (payload.isReadable()) {
      Frame frame = frames.decode(payload);
      if (frame == null) {
        throw new ProtocolException(
            "segment.payload",
            at,
            "a self-contained segment ends inside an envelope ("
                + payload.readableBytes()
                + " bytes left over)");
      }
      out.add(frame);
    }
  }

  private void part(ByteBuf payload, int at, ByteBufAllocator alloc, List<Object> out) {
    if (large == null) {
      if (payload.readableBytes() < FrameHeader.SIZE) {
        throw new ProtocolException(
            "segment.payload", at, "the first segment of a large envelope holds no whole header");
      }
      FrameHeader header =
          FrameHeaderCodec.read(payload, payload.readerIndex(), maxBodyLength, expectResponses);
      largeLength = FrameHeader.SIZE + header.bodyLength();
    }
    // checked before the first part is buffered: a first segment longer than the envelope its
    // header announces cannot be buffered in a buffer of the envelope's size
    int buffered = large == null ? 0 : large.readableBytes();
    if (buffered + payload.readableBytes() > largeLength) {
      throw new ProtocolException(
          "segment.payload", at, "the segments of a large envelope hold more than the envelope");
    }
    if (large == null) {
      large = alloc.buffer(payload.readableBytes(), largeLength);
    }
    large.writeBytes(payload);
    if (large.readableBytes() == largeLength) {
      ByteBuf whole = large;
      large = null;
      try {
        out.add(frames.decode(whole));
      } finally {
        whole.release();
      }
    }
  }

  /** Releases a large envelope still being reassembled (when the connection closes). */
  public void release() {
    if (large != null) {
      large.release();
      large = null;
    }
  }
}
