package org.cql4j.testkit.internal.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.cql4j.protocol.frame.Opcode;
import org.cql4j.protocol.internal.wire.WireReader;
import org.cql4j.testkit.proxy.Direction;
import org.cql4j.testkit.proxy.ScyllaEmulation;

/**
 * What happens to a frame from the node before the rules see it: the v5 switch, the topology
 * rewrite (system tables and events name the proxy's addresses), the prepared statements
 * remembered, and with the emulation SUPPORTED, the LWT mark, metadata ids and tablet payloads.
 * After a schema change the emulation reads the keyspaces' replication again before the client sees
 * the answer. Confined to the connection's event loop.
 */
final class ResponsePath {
  private static final int ROWS = 2;
  private static final int SET_KEYSPACE = 3;
  private static final int PREPARED = 4;
  private static final int SCHEMA_CHANGE = 5;

  private final ProxiedConnection c;

  ResponsePath(ProxiedConnection connection) {
    this.c = connection;
  }

  void handle(RawFrame frame) {
    RequestInfo info = frame.streamId() >= 0 ? c.inflight().remove(frame.streamId()) : null;
    Opcode opcode = frame.opcode();
    Framing framing = c.framing();
    if (framing.switchesToSegments()
        && !framing.nodeInSegments
        && (opcode == Opcode.READY || opcode == Opcode.AUTHENTICATE)) {
      // native_protocol_v5.spec §2.3.1: the node's next bytes are segments
      framing.nodeInSegments = true;
    }
    boolean schemaChange = false;
    if (opcode == Opcode.SUPPORTED || opcode == Opcode.RESULT || opcode == Opcode.EVENT) {
      try {
        Rewrite r = rewrite(frame, opcode, info);
        schemaChange = r.schemaChange;
        if (r.body != null) {
          RawFrame changed = Bodies.withBody(frame, r.flags, r.body, framing, c.alloc());
          frame.release();
          frame = changed;
        }
      } catch (RuntimeException e) {
        c.countersImpl().malformed(frame.body().readableBytes());
      }
    }
    FrameView view = new FrameView(frame, Direction.RESPONSE, c, info, null);
    if (schemaChange) {
      c.nodeProxy().runtime().refreshMetadataThen(c.eventLoop(), () -> c.decide(view));
    } else {
      c.decide(view);
    }
  }

  /** A response body to send instead (null: unchanged), and whether it reports a schema change. */
  private static final class Rewrite {
    byte[] body;
    int flags;
    boolean schemaChange;
  }

  private Rewrite rewrite(RawFrame frame, Opcode opcode, RequestInfo info) {
    NodeProxy node = c.nodeProxy();
    ScyllaEmulation emulation = node.emulation();
    Rewrite out = new Rewrite();
    out.flags = frame.flags();
    byte[] body = Bodies.uncompressed(frame, c.framing());
    int at = Bodies.messageStart(body, frame.flags());
    boolean changed = false;
    if (opcode == Opcode.SUPPORTED) {
      if (emulation != null) {
        body =
            ScyllaHandshake.supported(
                body, at, emulation, c.shardNumber(), node.shards(), node.hostId());
        changed = true;
      }
    } else if (opcode == Opcode.EVENT) {
      changed = node.runtime().rewriter().rewriteEvent(body, at);
    } else {
      ByteBuf in = Unpooled.wrappedBuffer(body);
      int kind = in.getInt(at);
      if (kind == ROWS) {
        changed = node.runtime().rewriter().rewriteRows(body, at);
      } else if (kind == SET_KEYSPACE) {
        in.readerIndex(at + 4);
        c.keyspace = WireReader.readString(in, "RESULT.Set_keyspace");
      } else if (kind == PREPARED) {
        body =
            PreparedAnswers.handle(
                body,
                at,
                frame.version(),
                info,
                c.keyspace,
                node.runtime().prepared(),
                emulation != null && c.negotiated.lwtMark() ? emulation.lwtMask() : 0,
                emulation != null && c.negotiated.metadataId());
        changed = true;
      } else if (kind == SCHEMA_CHANGE) {
        out.schemaChange = emulation != null;
      }
      if (info != null && info.tabletPayload != null) {
        String key = info.tabletV2 ? ScyllaRouting.TABLETS_V2 : ScyllaRouting.TABLETS_V1;
        body =
            Bodies.withPayloadEntry(
                body, out.flags, key, ScyllaRouting.payload(info.tabletPayload, info.tabletV2));
        out.flags |= RawFrame.FLAG_CUSTOM_PAYLOAD;
        changed = true;
      }
    }
    out.body = changed ? body : null;
    return out;
  }
}
