package org.cql4j.protocol.message;

import io.netty.buffer.ByteBuf;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cql4j.protocol.frame.Opcode;
import org.cql4j.protocol.internal.wire.WireReader;
import org.cql4j.protocol.internal.wire.WireWriter;

/**
 * STARTUP: initializes a connection (native_protocol_v4.spec §4.1.1). Immutable and thread-safe.
 *
 * @param options the [string map] of options, e.g. {@code CQL_VERSION}, {@code COMPRESSION}, and
 *     negotiated ScyllaDB extensions; written in iteration order
 */
public record Startup(Map<String, String> options) implements Request {

  /** The mandatory CQL version option. */
  public static final String CQL_VERSION = "CQL_VERSION";

  /** The compression option: {@code "lz4"} or {@code "snappy"}. */
  public static final String COMPRESSION = "COMPRESSION";

  /** Copies the options, keeping their order. */
  public Startup {
    options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
  }

  @Override
  public Opcode opcode() {
    return Opcode.STARTUP;
  }

  @Override
  public void encode(ByteBuf out, ProtocolFeatures features) {
    WireWriter.writeStringMap(out, options, "STARTUP.options");
  }

  /**
   * Decodes a STARTUP body.
   *
   * @param in the body; not released
   * @return the message
   */
  public static Startup decode(ByteBuf in) {
    return new Startup(WireReader.readStringMap(in, "STARTUP.options"));
  }
}
