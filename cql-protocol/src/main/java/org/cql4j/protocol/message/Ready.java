package org.cql4j.protocol.message;

import io.netty.buffer.ByteBuf;
import org.cql4j.protocol.frame.Opcode;

/**
 * READY: the connection is ready for queries; the body is empty (native_protocol_v4.spec §4.2.2).
 * Immutable and thread-safe.
 */
public record Ready() implements Response {

  @Override
  public Opcode opcode() {
    return Opcode.READY;
  }

  @Override
  public void encode(ByteBuf out, ProtocolFeatures features) {
    // empty body
  }
}
