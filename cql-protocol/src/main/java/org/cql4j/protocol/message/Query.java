package org.cql4j.protocol.message;

import io.netty.buffer.ByteBuf;
import java.util.Objects;
import org.cql4j.protocol.frame.Opcode;
import org.cql4j.protocol.internal.message.ParametersCodec;
import org.cql4j.protocol.internal.wire.WireReader;
import org.cql4j.protocol.internal.wire.WireWriter;

/**
 * QUERY: runs a CQL query (native_protocol_v4.spec §4.1.4, native_protocol_v5.spec §4.1.4).
 * Immutable and thread-safe as long as its bound values are.
 *
 * @param query the CQL text, a [long string]
 * @param parameters consistency, values and options
 */
public record Query(String query, QueryParameters parameters) implements Request {

  /** Checks the components are present. */
  public Query {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(parameters, "parameters");
  }

  @Override
  public Opcode opcode() {
    return Opcode.QUERY;
  }

  @Override
  public void encode(ByteBuf out, ProtocolFeatures features) {
    WireWriter.writeLongString(out, query);
    ParametersCodec.write(out, parameters, features.v5());
  }

  /**
   * Decodes a QUERY body; values are copied into {@link RawValues}.
   *
   * @param in the body; not released
   * @param features the negotiated version and extensions
   * @return the message
   */
  public static Query decode(ByteBuf in, ProtocolFeatures features) {
    String query = WireReader.readLongString(in, "QUERY.query");
    return new Query(query, ParametersCodec.read(in, "QUERY", features.v5()));
  }
}
