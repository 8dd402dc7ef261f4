package org.cql4j.protocol.message;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import java.util.Objects;
import org.cql4j.protocol.internal.wire.WireReader;
import org.cql4j.protocol.internal.wire.WireWriter;

/**
 * A TOPOLOGY_CHANGE event: a node joined or left the cluster (native_protocol_v4.spec §4.2.6).
 * Immutable and thread-safe.
 *
 * @param change the kind of change
 * @param address the node's RPC address and port
 */
public record TopologyChangeEvent(Change change, InetSocketAddress address) implements Event {

  /** The event type name. */
  public static final String TYPE = "TOPOLOGY_CHANGE";

  /** The kind of change. Immutable and thread-safe. */
  public enum Change {
    /** {@code NEW_NODE}. */
    NEW_NODE,
    /** {@code REMOVED_NODE}. */
    REMOVED_NODE,
    /** {@code MOVED_NODE}. */
    MOVED_NODE
  }

  /** Checks the components are present. */
  public TopologyChangeEvent {
    Objects.requireNonNull(change, "change");
    Objects.requireNonNull(address, "address");
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public void encodeFields(ByteBuf out) {
    WireWriter.writeString(out, change.name(), "EVENT.change");
    WireWriter.writeInet(out, address);
  }

  static TopologyChangeEvent decodeAfterType(ByteBuf in) {
    Change change = WireReader.readEnum(in, Change.class, "EVENT.TOPOLOGY_CHANGE.change");
    return new TopologyChangeEvent(
        change, WireReader.readInet(in, "EVENT.TOPOLOGY_CHANGE.address"));
  }
}
