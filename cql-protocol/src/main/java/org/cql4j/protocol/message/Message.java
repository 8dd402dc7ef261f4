package org.cql4j.protocol.message;

import io.netty.buffer.ByteBuf;
import org.cql4j.protocol.frame.Opcode;

/**
 * A native protocol message: the body of one frame (native_protocol_v4.spec §4). Implementations
 * are immutable and thread-safe unless they say otherwise.
 */
public interface Message {

  /** The opcode of the frame that carries this message. */
  Opcode opcode();

  /**
   * Writes the message body (without the frame header or the tracing/warnings/payload prefix).
   *
   * @param out the frame buffer to write to; not released (the caller owns it)
   * @param features the extensions negotiated on the connection
   */
  void encode(ByteBuf out, ProtocolFeatures features);
}
