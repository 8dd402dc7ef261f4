package org.cql4j.protocol.message;

import io.netty.buffer.ByteBuf;
import java.util.Objects;
import org.cql4j.protocol.frame.Opcode;
import org.cql4j.protocol.internal.wire.WireReader;
import org.cql4j.protocol.internal.wire.WireWriter;

/**
 * PREPARE: prepares a query (native_protocol_v4.spec §4.1.5). Immutable and thread-safe.
 *
 * @param query the CQL text, a [long string]
 */
public record Prepare(String query) implements Request {

  /** Checks the query is present. */
  public Prepare {
    Objects.requireNonNull(query, "query");
  }

  @Override
  public Opcode opcode() {
    return Opcode.PREPARE;
  }

  @Override
  public void encode(ByteBuf out, ProtocolFeatures features) {
    WireWriter.writeLongString(out, query);
  }

  /**
   * Decodes a PREPARE body.
   *
   * @param in the body; not released
   * @return the message
   */
  public static Prepare decode(ByteBuf in) {
    return new Prepare(WireReader.readLongString(in, "PREPARE.query"));
  }
}
