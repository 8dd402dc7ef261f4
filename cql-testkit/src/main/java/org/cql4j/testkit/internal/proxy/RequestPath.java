package org.cql4j.testkit.internal.proxy;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.cql4j.protocol.frame.Opcode;
import org.cql4j.protocol.internal.wire.WireWriter;
import org.cql4j.testkit.proxy.Direction;
import org.cql4j.testkit.proxy.ScyllaEmulation;

/**
 * What happens to a frame from the client before the rules see it: the handshake is followed
 * (version, compression, the ScyllaDB extensions asked for), the request remembered for its
 * response, and with the emulation the routing counted and the extensions' extra bytes taken off.
 * Confined to the connection's event loop.
 */
final class RequestPath {
  private static final Set<Opcode> PARSED =
      EnumSet.of(Opcode.STARTUP, Opcode.QUERY, Opcode.PREPARE, Opcode.EXECUTE, Opcode.BATCH);

  private final ProxiedConnection c;

  RequestPath(ProxiedConnection connection) {
    this.c = connection;
  }

  void handle(RawFrame frame) {
    NodeProxy node = c.nodeProxy();
    ScyllaEmulation emulation = node.emulation();
    Framing framing = c.framing();
    Opcode opcode = frame.opcode();
    if (emulation != null && frame.version() > 4 && framing.startupVersion == 0) {
      c.refuseVersion(frame);
      return;
    }
    ParsedRequest parsed = null;
    byte[] body = null;
    if (opcode != null && PARSED.contains(opcode)) {
      try {
        body = Bodies.uncompressed(frame, framing);
        parsed =
            RequestParser.parse(
                opcode,
                frame.version(),
                c.negotiated.metadataId(),
                body,
                frame.hasFlag(RawFrame.FLAG_CUSTOM_PAYLOAD));
      } catch (RuntimeException e) {
        c.countersImpl().malformed(frame.body().readableBytes());
      }
    }
    if (opcode == Opcode.REGISTER) {
      c.markControl();
    }
    if (opcode == Opcode.STARTUP && parsed != null) {
      frame = startup(frame, parsed.startupOptions(), emulation);
    }
    RequestInfo info =
        parsed == null ? new RequestInfo(opcode, null, null, null, null, null) : info(parsed);
    if (frame.streamId() >= 0) {
      c.inflight().put(frame.streamId(), info);
    }
    if (emulation != null && parsed != null && isStatement(opcode)) {
      frame = emulate(frame, body, parsed, info, emulation);
    }
    c.decide(new FrameView(frame, Direction.REQUEST, c, info, parsed));
  }

  private static boolean isStatement(Opcode opcode) {
    return opcode == Opcode.QUERY || opcode == Opcode.EXECUTE || opcode == Opcode.BATCH;
  }

  private RawFrame startup(RawFrame frame, Map<String, String> options, ScyllaEmulation emulation) {
    Framing framing = c.framing();
    framing.startupVersion = frame.version();
    String compression = options.get("COMPRESSION");
    framing.compression = compression == null ? null : compression.toLowerCase(Locale.ROOT);
    if (emulation == null) {
      return frame;
    }
    c.negotiated = ScyllaHandshake.negotiate(options, emulation);
    Map<String, String> kept = ScyllaHandshake.withoutScyllaKeys(options);
    if (kept == null) {
      return frame;
    }
    io.netty.buffer.ByteBuf body = c.alloc().buffer();
    WireWriter.writeStringMap(body, kept, "STARTUP.options");
    RawFrame stripped = frame.with(frame.flags() & ~RawFrame.FLAG_CUSTOM_PAYLOAD, body);
    frame.release();
    return stripped;
  }

  private RequestInfo info(ParsedRequest parsed) {
    PreparedStatements prepared = c.nodeProxy().runtime().prepared();
    String query = parsed.query();
    String keyspace = null;
    String table = null;
    switch (parsed.opcode()) {
      case EXECUTE -> {
        PreparedStatements.Statement s = prepared.get(parsed.preparedId());
        if (s != null) {
          query = s.query();
          keyspace = s.keyspace();
          table = s.table();
        }
      }
      case BATCH -> {
        StringJoiner texts = new StringJoiner("; ");
        for (ParsedRequest.BatchEntry entry : parsed.batch()) {
          String text = entry.query();
          PreparedStatements.Statement s = prepared.get(entry.preparedId());
          if (s != null) {
            text = s.query();
            keyspace = keyspace == null ? s.keyspace() : keyspace;
            table = table == null ? s.table() : table;
          }
          if (text != null) {
            texts.add(text);
            if (keyspace == null) {
              String[] names = CqlNames.keyspaceAndTable(text, c.keyspace);
              keyspace = names[0];
              table = names[1];
            }
          }
        }
        query = texts.length() == 0 ? null : texts.toString();
      }
      default -> {
        if (query != null) {
          String[] names = CqlNames.keyspaceAndTable(query, c.keyspace);
          keyspace = names[0];
          table = names[1];
        }
      }
    }
    if (parsed.keyspace() != null) {
      keyspace = parsed.keyspace();
    }
    return new RequestInfo(
        parsed.opcode(), query, keyspace, table, parsed.consistency(), parsed.preparedId());
  }

  private RawFrame emulate(
      RawFrame frame,
      byte[] body,
      ParsedRequest parsed,
      RequestInfo info,
      ScyllaEmulation emulation) {
    NodeProxy node = c.nodeProxy();
    ScyllaHandshake.Negotiated negotiated = c.negotiated;
    int versionBlock = -1;
    boolean changed = false;
    if (parsed.opcode() == Opcode.EXECUTE) {
      int end = parsed.parametersEnd();
      if (negotiated.tabletsV2() && end >= 0 && end < body.length) {
        // scylla-protocol-extensions.md, "Tablets routing v2": <id><query_parameters><block>
        versionBlock = body[end] & 0xFF;
        body = Arrays.copyOf(body, end);
        changed = true;
      }
      if (negotiated.metadataId() && frame.version() < 5) {
        body =
            PreparedAnswers.stripExecuteMetadataId(
                body, frame.hasFlag(RawFrame.FLAG_CUSTOM_PAYLOAD));
        changed = true;
      }
    }
    node.runtime()
        .routing()
        .check(
            parsed,
            info,
            node.number(),
            c.shardNumber(),
            node.shards(),
            emulation.ignoreMsb(),
            negotiated,
            versionBlock,
            node.routingImpl());
    if (!changed) {
      return frame;
    }
    RawFrame out = Bodies.withBody(frame, frame.flags(), body, c.framing(), c.alloc());
    frame.release();
    return out;
  }
}
