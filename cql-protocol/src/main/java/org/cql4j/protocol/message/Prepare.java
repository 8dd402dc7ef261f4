package org.cql4j.protocol.message;

import io.netty.buffer.ByteBuf;
import java.util.Objects;
import org.cql4j.protocol.ProtocolException;
import org.cql4j.protocol.frame.Opcode;
import org.cql4j.protocol.internal.wire.WireReader;
import org.cql4j.protocol.internal.wire.WireWriter;

/**
 * PREPARE: prepares a query (native_protocol_v4.spec §4.1.5; native_protocol_v5.spec §4.1.5 adds
 * [int] flags and a keyspace). Immutable and thread-safe.
 *
 * @param query the CQL text, a [long string]
 * @param keyspace the keyspace the statement is prepared in instead of the connection's, or {@code
 *     null} (v5 only)
 */
public record Prepare(String query, String keyspace) implements Request {
  private static final int WITH_KEYSPACE = 0x01;

  /** Checks the query is present. */
  public Prepare {
    Objects.requireNonNull(query, "query");
  }

  /**
   * A PREPARE in the connection's keyspace.
   *
   * @param query the CQL text
   */
  public Prepare(String query) {
    this(query, null);
  }

  @Override
  public Opcode opcode() {
    return Opcode.PREPARE;
  }

  @Override
  public void encode(ByteBuf out, ProtocolFeatures features) {
    WireWriter.writeLongString(out, query);
    if (!features.v5()) {
      if (keyspace != null) {
        throw new ProtocolException(
            "PREPARE.keyspace",
            -1,
            "a per-request keyspace needs native protocol v5; this connection speaks v4");
      }
      return;
    }
    out.writeInt(keyspace == null ? 0 : WITH_KEYSPACE);
    if (keyspace != null) {
      WireWriter.writeString(out, keyspace, "PREPARE.keyspace");
    }
  }

  /**
   * Decodes a PREPARE body.
   *
   * @param in the body; not released
   * @param features the negotiated version and extensions
   * @return the message
   */
  public static Prepare decode(ByteBuf in, ProtocolFeatures features) {
    String query = WireReader.readLongString(in, "PREPARE.query");
    if (!features.v5()) {
      return new Prepare(query);
    }
    int flags = WireReader.readInt(in, "PREPARE.flags");
    String keyspace =
        (flags & WITH_KEYSPACE) != 0 ? WireReader.readString(in, "PREPARE.keyspace") : null;
    return new Prepare(query, keyspace);
  }
}
