package org.cql4j.protocol.message;

import io.netty.buffer.ByteBuf;

/**
 * A Void result: success with nothing to report (native_protocol_v4.spec §4.2.5.1). Immutable and
 * thread-safe.
 */
public record VoidResult() implements Result {
  /** The one instance decoding returns (every instance is equal; this one saves allocations). */
  public static final VoidResult INSTANCE = new VoidResult();

  @Override
  public int kind() {
    return VOID;
  }

  @Override
  public void encode(ByteBuf out, ProtocolFeatures features) {
    out.writeInt(VOID);
  }
}
