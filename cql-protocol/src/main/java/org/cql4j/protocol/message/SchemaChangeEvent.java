package org.cql4j.protocol.message;

import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * A SCHEMA_CHANGE event: a keyspace, table, type, function or aggregate changed
 * (native_protocol_v4.spec §4.2.6). Immutable and thread-safe.
 *
 * @param change what changed
 */
public record SchemaChangeEvent(SchemaChange change) implements Event {

  /** The event type name. */
  public static final String TYPE = "SCHEMA_CHANGE";

  /** Checks the change is present. */
  public SchemaChangeEvent {
    Objects.requireNonNull(change, "change");
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public void encodeFields(ByteBuf out) {
    change.encode(out);
  }
}
