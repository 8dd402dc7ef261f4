package org.cql4j.protocol.message;

import io.netty.buffer.ByteBuf;
import org.cql4j.protocol.frame.Opcode;

/**
 * OPTIONS: asks which STARTUP options the server supports; the body is empty
 * (native_protocol_v4.spec §4.1.3). Immutable and thread-safe.
 */
public record Options() implements Request {

  @Override
  public Opcode opcode() {
    return Opcode.OPTIONS;
  }

  @Override
  public void encode(ByteBuf out, ProtocolFeatures features) {
    // empty body
  }
}
