package org.cql4j.protocol.message;

import io.netty.buffer.ByteBuf;
import java.util.List;
import org.cql4j.protocol.frame.Opcode;
import org.cql4j.protocol.internal.wire.WireReader;
import org.cql4j.protocol.internal.wire.WireWriter;

/**
 * REGISTER: subscribes the connection to server events (native_protocol_v4.spec §4.1.8). Immutable
 * and thread-safe.
 *
 * @param eventTypes e.g. {@code TOPOLOGY_CHANGE}, {@code STATUS_CHANGE}, {@code SCHEMA_CHANGE}
 */
public record Register(List<String> eventTypes) implements Request {

  /** Copies the event types. */
  public Register {
    eventTypes = List.copyOf(eventTypes);
  }

  @Override
  public Opcode opcode() {
    return Opcode.REGISTER;
  }

  @Override
  public void encode(ByteBuf out, ProtocolFeatures features) {
    WireWriter.writeStringList(out, eventTypes, "REGISTER.event_types");
  }

  /**
   * Decodes a REGISTER body.
   *
   * @param in the body; not released
   * @return the message
   */
  public static Register decode(ByteBuf in) {
    return new Register(WireReader.readStringList(in, "REGISTER.event_types"));
  }
}
