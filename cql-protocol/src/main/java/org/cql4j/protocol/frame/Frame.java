package org.cql4j.protocol.frame;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * A decoded frame: its header and its body, which this frame owns. Not thread-safe: confined to the
 * thread (event loop) that decoded it, until handed over.
 *
 * <p>The body is a retained slice of the buffer the frame was read from; whoever holds the frame
 * releases it exactly once ({@link #release()}, in {@code finally}), which releases the body.
 * Messages decoded from the body that keep bytes (a rows result) retain their own slice, so the
 * frame can be released as soon as the message is decoded.
 */
public final class Frame extends DefaultByteBufHolder {
  private final FrameHeader header;

  /**
   * Creates a frame that takes ownership of {@code body}.
   *
   * @param header the header, whose {@code bodyLength} is the wire length of the body
   * @param body the body; released when this frame is released
   */
  public Frame(FrameHeader header, ByteBuf body) {
    super(body);
    this.header = header;
  }

  /** The frame header. */
  public FrameHeader header() {
    return header;
  }

  /** The body, owned by this frame: do not release it separately. */
  public ByteBuf body() {
    return content();
  }

  @Override
  public Frame replace(ByteBuf content) {
    return new Frame(header, content);
  }

  @Override
  public String toString() {
    return "Frame[" + header + "]";
  }
}
