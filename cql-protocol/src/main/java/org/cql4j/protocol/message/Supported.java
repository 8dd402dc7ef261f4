package org.cql4j.protocol.message;

import io.netty.buffer.ByteBuf;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cql4j.protocol.frame.Opcode;
import org.cql4j.protocol.internal.wire.WireReader;
import org.cql4j.protocol.internal.wire.WireWriter;

/**
 * SUPPORTED: the STARTUP options the server supports (native_protocol_v4.spec §4.2.4), including
 * ScyllaDB's extensions (see {@code org.cql4j.protocol.scylla.ScyllaExtensions}). Immutable and
 * thread-safe.
 *
 * @param options the [string multimap] of option names to supported values, in wire order
 */
public record Supported(Map<String, List<String>> options) implements Response {

  /** Copies the options, keeping their order. */
  public Supported {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    options.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    options = Collections.unmodifiableMap(copy);
  }

  @Override
  public Opcode opcode() {
    return Opcode.SUPPORTED;
  }

  @Override
  public void encode(ByteBuf out, ProtocolFeatures features) {
    WireWriter.writeStringMultimap(out, options, "SUPPORTED.options");
  }

  /**
   * Decodes a SUPPORTED body.
   *
   * @param in the body; not released
   * @return the message
   */
  public static Supported decode(ByteBuf in) {
    return new Supported(WireReader.readStringMultimap(in, "SUPPORTED.options"));
  }
}
