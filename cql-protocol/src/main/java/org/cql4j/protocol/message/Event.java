package org.cql4j.protocol.message;

import io.netty.buffer.ByteBuf;
import org.cql4j.protocol.frame.Opcode;
import org.cql4j.protocol.internal.wire.WireWriter;

/**
 * EVENT: a server push on a registered connection, always on stream -1 (native_protocol_v4.spec
 * §4.2.6). Immutable and thread-safe.
 */
public sealed interface Event extends Response
    permits TopologyChangeEvent, StatusChangeEvent, SchemaChangeEvent {

  /** The event type name, e.g. {@code "STATUS_CHANGE"}: what REGISTER subscribes to. */
  String type();

  @Override
  default Opcode opcode() {
    return Opcode.EVENT;
  }

  /**
   * Writes the event type, then the event's own fields.
   *
   * @param out the buffer; not released
   * @param features the negotiated extensions
   */
  @Override
  default void encode(ByteBuf out, ProtocolFeatures features) {
    WireWriter.writeString(out, type(), "EVENT.type");
    encodeFields(out);
  }

  /**
   * Writes what follows the event type.
   *
   * @param out the buffer; not released
   */
  void encodeFields(ByteBuf out);
}
