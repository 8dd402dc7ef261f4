package org.cql4j.protocol.frame;

import io.netty.buffer.ByteBuf;
import org.cql4j.protocol.internal.frame.FrameHeaderCodec;

/**
 * Cuts frames out of a cumulation buffer, incrementally. Stateless after construction, hence
 * thread-safe; a cumulation buffer itself is confined to its channel's event loop.
 *
 * <p>Meant to be called from a Netty {@code ByteToMessageDecoder}: each call either returns {@code
 * null} (more bytes are needed; nothing consumed) or a complete {@link Frame} whose bytes have been
 * consumed from the cumulation. The header is validated as soon as its 9 bytes are there, so an
 * unknown version, unknown opcode, wrong direction or a body length over the limit fails with a
 * {@link org.cql4j.protocol.ProtocolException} before any byte of the body is buffered or
 * allocated.
 */
public final class FrameDecoder {
  private final int maxBodyLength;
  private final boolean expectResponses;

  /**
   * Creates a decoder.
   *
   * @param maxBodyLength the largest body accepted, in bytes; {@link
   *     FrameHeader#DEFAULT_MAX_BODY_LENGTH} (256 MiB, the spec's limit) is the usual value
   * @param expectResponses {@code true} for a client (frames must be responses), {@code false} for
   *     a server (frames must be requests)
   */
  public FrameDecoder(int maxBodyLength, boolean expectResponses) {
    if (maxBodyLength < 0) {
      throw new IllegalArgumentException("maxBodyLength must be >= 0, was " + maxBodyLength);
    }
    this.maxBodyLength = maxBodyLength;
    this.expectResponses = expectResponses;
  }

  /** A client decoder (responses only) with the default 256 MiB body limit. */
  public static FrameDecoder forClient() {
    return new FrameDecoder(FrameHeader.DEFAULT_MAX_BODY_LENGTH, true);
  }

  /** A server decoder (requests only) with the default 256 MiB body limit. */
  public static FrameDecoder forServer() {
    return new FrameDecoder(FrameHeader.DEFAULT_MAX_BODY_LENGTH, false);
  }

  /** The largest body this decoder accepts, in bytes. */
  public int maxBodyLength() {
    return maxBodyLength;
  }

  /**
   * Decodes the next frame from {@code cumulation} if it is complete.
   *
   * @param cumulation the bytes received so far; not released (the caller owns it). On success its
   *     reader index moves past the frame; when {@code null} is returned it is unchanged
   * @return a frame holding a retained slice of {@code cumulation} as its body (the caller releases
   *     the frame), or {@code null} when more bytes are needed
   * @throws org.cql4j.protocol.ProtocolException if the header is malformed or the body is too long
   */
  public Frame decode(ByteBuf cumulation) {
    if (cumulation.readableBytes() < FrameHeader.SIZE) {
      return null;
    }
    int start = cumulation.readerIndex();
    FrameHeader header = FrameHeaderCodec.read(cumulation, start, maxBodyLength, expectResponses);
    if (cumulation.readableBytes() < FrameHeader.SIZE + header.bodyLength()) {
      return null;
    }
    ByteBuf body = cumulation.retainedSlice(start + FrameHeader.SIZE, header.bodyLength());
    cumulation.skipBytes(FrameHeader.SIZE + header.bodyLength());
    return new Frame(header, body);
  }
}
