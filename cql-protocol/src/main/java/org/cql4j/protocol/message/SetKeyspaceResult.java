package org.cql4j.protocol.message;

import io.netty.buffer.ByteBuf;
import java.util.Objects;
import org.cql4j.protocol.internal.wire.WireReader;
import org.cql4j.protocol.internal.wire.WireWriter;

/**
 * A Set_keyspace result: the answer to {@code USE} (native_protocol_v4.spec §4.2.5.3). Immutable
 * and thread-safe.
 *
 * @param keyspace the keyspace now in use
 */
public record SetKeyspaceResult(String keyspace) implements Result {

  /** Checks the keyspace is present. */
  public SetKeyspaceResult {
    Objects.requireNonNull(keyspace, "keyspace");
  }

  @Override
  public int kind() {
    return SET_KEYSPACE;
  }

  @Override
  public void encode(ByteBuf out, ProtocolFeatures features) {
    out.writeInt(SET_KEYSPACE);
    WireWriter.writeString(out, keyspace, "RESULT.Set_keyspace.keyspace");
  }

  /**
   * Decodes the part after the kind.
   *
   * @param in the body after the kind; not released
   * @return the result
   */
  static SetKeyspaceResult decodeAfterKind(ByteBuf in) {
    return new SetKeyspaceResult(WireReader.readString(in, "RESULT.Set_keyspace.keyspace"));
  }
}
