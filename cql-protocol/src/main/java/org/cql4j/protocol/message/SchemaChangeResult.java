package org.cql4j.protocol.message;

import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * A Schema_change result: the answer to a schema-altering query (native_protocol_v4.spec §4.2.5.5).
 * Immutable and thread-safe.
 *
 * @param change what changed
 */
public record SchemaChangeResult(SchemaChange change) implements Result {

  /** Checks the change is present. */
  public SchemaChangeResult {
    Objects.requireNonNull(change, "change");
  }

  @Override
  public int kind() {
    return SCHEMA_CHANGE;
  }

  @Override
  public void encode(ByteBuf out, ProtocolFeatures features) {
    out.writeInt(SCHEMA_CHANGE);
    change.encode(out);
  }
}
