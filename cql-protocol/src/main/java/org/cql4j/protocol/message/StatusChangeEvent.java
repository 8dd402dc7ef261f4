package org.cql4j.protocol.message;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import java.util.Objects;
import org.cql4j.protocol.internal.wire.WireReader;
import org.cql4j.protocol.internal.wire.WireWriter;

/**
 * A STATUS_CHANGE event: a node went up or down (native_protocol_v4.spec §4.2.6). Immutable and
 * thread-safe.
 *
 * @param change the kind of change
 * @param address the node's RPC address and port
 */
public record StatusChangeEvent(Change change, InetSocketAddress address) implements Event {

  /** The event type name. */
  public static final String TYPE = "STATUS_CHANGE";

  /** The kind of change. Immutable and thread-safe. */
  public enum Change {
    /** {@code UP}. */
    UP,
    /** {@code DOWN}. */
    DOWN
  }

  /** Checks the components are present. */
  public StatusChangeEvent {
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

  static StatusChangeEvent decodeAfterType(ByteBuf in) {
    Change change = WireReader.readEnum(in, Change.class, "EVENT.STATUS_CHANGE.change");
    return new StatusChangeEvent(change, WireReader.readInet(in, "EVENT.STATUS_CHANGE.address"));
  }
}
