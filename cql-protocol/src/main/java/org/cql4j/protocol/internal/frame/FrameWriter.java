package org.cql4j.protocol.internal.frame;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.cql4j.protocol.ProtocolException;
import org.cql4j.protocol.ProtocolVersion;
import org.cql4j.protocol.compression.Compressor;
import org.cql4j.protocol.frame.FrameFlags;
import org.cql4j.protocol.frame.FrameHeader;
import org.cql4j.protocol.frame.Opcode;

/**
 * Writes a whole frame into one pooled buffer: header, then the body written in place by a
 * callback, then the length patched in. Stateless and thread-safe.
 */
public final class FrameWriter {
  private FrameWriter() {}

  /**
   * Writes a frame body from a source object; a stateless instance is shared, so writing a frame
   * allocates no callback.
   *
   * @param <T> what the body is written from
   */
  @FunctionalInterface
  public interface BodyWriter<T> {
    /**
     * Writes the body.
     *
     * @param out the frame buffer; must not be released
     * @param source what to write
     */
    void write(ByteBuf out, T source);
  }

  /**
   * Writes a frame.
   *
   * @param alloc allocates the frame buffer (and, when compressing, a temporary body buffer that is
   *     released here)
   * @param version the version byte's protocol version
   * @param response the direction bit
   * @param flags the flags, without {@link FrameFlags#COMPRESSION} (added when compressing)
   * @param streamId the stream id
   * @param opcode the opcode
   * @param body writes the body into the buffer it is given; must not release it
   * @param source what {@code body} writes
   * @param <T> the type of {@code source}
   * @param compressor compresses the body, or {@code null} for none
   * @param maxBodyLength the largest body allowed
   * @return the frame; the caller owns it and releases it (usually by writing it to a channel)
   */
  public static <T> ByteBuf write(
      ByteBufAllocator alloc,
      ProtocolVersion version,
      boolean response,
      int flags,
      int streamId,
      Opcode opcode,
      BodyWriter<T> body,
      T source,
      Compressor compressor,
      int maxBodyLength) {
    if (compressor == null) {
      ByteBuf frame = alloc.ioBuffer();
      try {
        int start = frame.writerIndex();
        FrameHeaderCodec.write(frame, version, response, flags, streamId, opcode, 0);
        body.write(frame, source);
        finish(frame, start, maxBodyLength);
        return frame;
      } catch (RuntimeException | Error e) {
        frame.release();
        throw e;
      }
    }
    ByteBuf uncompressed = alloc.buffer();
    ByteBuf frame = null;
    try {
      body.write(uncompressed, source);
      checkLength(uncompressed.readableBytes(), maxBodyLength);
      frame = alloc.ioBuffer(FrameHeader.SIZE + uncompressed.readableBytes() / 2 + 16);
      int start = frame.writerIndex();
      FrameHeaderCodec.write(
          frame, version, response, flags | FrameFlags.COMPRESSION, streamId, opcode, 0);
      compressor.compress(uncompressed, frame);
      finish(frame, start, maxBodyLength);
      return frame;
    } catch (RuntimeException | Error e) {
      if (frame != null) {
        frame.release();
      }
      throw e;
    } finally {
      uncompressed.release();
    }
  }

  private static void finish(ByteBuf frame, int start, int maxBodyLength) {
    int length = frame.writerIndex() - start - FrameHeader.SIZE;
    checkLength(length, maxBodyLength);
    FrameHeaderCodec.patchLength(frame, start, length);
  }

  private static void checkLength(int length, int maxBodyLength) {
    if (length > maxBodyLength) {
      throw new ProtocolException(
          "frame.length", -1, "body of " + length + " bytes exceeds the limit of " + maxBodyLength);
    }
  }
}
