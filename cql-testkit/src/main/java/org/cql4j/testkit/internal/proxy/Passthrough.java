package org.cql4j.testkit.internal.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * Bytes the proxy could not cut into frames (a malformed or truncated frame, a segment whose CRC
 * does not match), forwarded as they are. Confined to its connection's event loop; the holder owns
 * the bytes until written.
 */
final class Passthrough extends DefaultByteBufHolder {
  private final boolean segmentPayload;

  /**
   * @param bytes the bytes, taken over
   * @param segmentPayload whether they came out of a valid v5 segment, so they go back into one
   *     when the other side speaks segments; otherwise they are written exactly as read
   */
  Passthrough(ByteBuf bytes, boolean segmentPayload) {
    super(bytes);
    this.segmentPayload = segmentPayload;
  }

  boolean segmentPayload() {
    return segmentPayload;
  }

  @Override
  public Passthrough replace(ByteBuf content) {
    return new Passthrough(content, segmentPayload);
  }
}
