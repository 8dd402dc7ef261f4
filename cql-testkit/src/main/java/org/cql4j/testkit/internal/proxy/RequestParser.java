package org.cql4j.testkit.internal.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.frame.Opcode;
import org.cql4j.protocol.internal.wire.WireReader;

/**
 * Reads the parts of a request body the proxy needs, in protocol v3, v4 (with ScyllaDB's metadata
 * id) and v5 layouts. Stateless and thread-safe.
 *
 * <p>The layouts differ in three places: the query flags are a [byte] before v5 and an [int] in v5
 * (native_protocol_v5.spec §4.1.4), v5 adds the keyspace (0x80) and now_in_seconds (0x100)
 * parameters, and an EXECUTE carries a result metadata id after the statement id in v5 and with
 * {@code SCYLLA_USE_METADATA_ID}.
 */
final class RequestParser {
  private static final int VALUES = 0x01;
  private static final int PAGE_SIZE = 0x04;
  private static final int PAGING_STATE = 0x08;
  private static final int SERIAL_CONSISTENCY = 0x10;
  private static final int TIMESTAMP = 0x20;
  private static final int NAMES = 0x40;
  private static final int KEYSPACE = 0x80;
  private static final int NOW_IN_SECONDS = 0x100;

  private RequestParser() {}

  /**
   * Parses a request body.
   *
   * @param opcode the frame's opcode
   * @param version the protocol version
   * @param metadataId whether an EXECUTE carries a result metadata id (v5, or negotiated)
   * @param body the decompressed body, custom payload included
   * @param hasPayload whether the custom payload flag is set
   * @return what was read
   * @throws RuntimeException if the body is malformed
   */
  static ParsedRequest parse(
      Opcode opcode, int version, boolean metadataId, byte[] body, boolean hasPayload) {
    ByteBuf in = Unpooled.wrappedBuffer(body);
    if (hasPayload) {
      WireReader.readBytesMap(in, "custom_payload");
    }
    boolean v5 = version >= 5;
    return switch (opcode) {
      case STARTUP -> startup(in);
      case QUERY -> {
        String query = WireReader.readLongString(in, "QUERY.query");
        yield parameters(opcode, query, null, in, v5);
      }
      case PREPARE ->
          new ParsedRequest(
              opcode,
              WireReader.readLongString(in, "PREPARE.query"),
              null,
              null,
              List.of(),
              null,
              -1,
              List.of(),
              Map.of());
      case EXECUTE -> {
        byte[] id = WireReader.readShortBytes(in, "EXECUTE.id");
        if (metadataId || v5) {
          WireReader.readShortBytes(in, "EXECUTE.result_metadata_id");
        }
        yield parameters(opcode, null, id, in, v5);
      }
      case BATCH -> batch(in, v5);
      default -> ParsedRequest.other(opcode);
    };
  }

  private static ParsedRequest startup(ByteBuf in) {
    Map<String, String> options = WireReader.readStringMap(in, "STARTUP.options");
    return new ParsedRequest(
        Opcode.STARTUP, null, null, null, List.of(), null, -1, List.of(), options);
  }

  private static ParsedRequest parameters(
      Opcode opcode, String query, byte[] id, ByteBuf in, boolean v5) {
    Consistency consistency = WireReader.readConsistency(in, "consistency");
    int flags = v5 ? WireReader.readInt(in, "flags") : in.readUnsignedByte();
    List<byte[]> values = List.of();
    if ((flags & VALUES) != 0) {
      values = values(in, (flags & NAMES) != 0);
    }
    if ((flags & PAGE_SIZE) != 0) {
      in.skipBytes(4);
    }
    if ((flags & PAGING_STATE) != 0) {
      WireReader.readBytes(in, "paging_state");
    }
    if ((flags & SERIAL_CONSISTENCY) != 0) {
      in.skipBytes(2);
    }
    if ((flags & TIMESTAMP) != 0) {
      in.skipBytes(8);
    }
    String keyspace = null;
    if (v5 && (flags & KEYSPACE) != 0) {
      keyspace = WireReader.readString(in, "keyspace");
    }
    if (v5 && (flags & NOW_IN_SECONDS) != 0) {
      in.skipBytes(4);
    }
    return new ParsedRequest(
        opcode, query, id, consistency, values, keyspace, in.readerIndex(), List.of(), Map.of());
  }

  private static List<byte[]> values(ByteBuf in, boolean named) {
    int n = WireReader.readShort(in, "values");
    List<byte[]> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      if (named) {
        WireReader.readString(in, "value name");
      }
      int length = WireReader.readValueLength(in, "value");
      if (length < 0) {
        out.add(null);
      } else {
        byte[] v = new byte[length];
        in.readBytes(v);
        out.add(v);
      }
    }
    return out;
  }

  private static ParsedRequest batch(ByteBuf in, boolean v5) {
    in.readUnsignedByte(); // type
    int n = WireReader.readShort(in, "BATCH.n");
    List<ParsedRequest.BatchEntry> entries = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int kind = in.readUnsignedByte();
      String query = null;
      byte[] id = null;
      if (kind == 0) {
        query = WireReader.readLongString(in, "BATCH.query");
      } else {
        id = WireReader.readShortBytes(in, "BATCH.id");
      }
      entries.add(new ParsedRequest.BatchEntry(query, id, values(in, false)));
    }
    Consistency consistency = WireReader.readConsistency(in, "BATCH.consistency");
    return new ParsedRequest(
        Opcode.BATCH, null, null, consistency, List.of(), null, -1, entries, Map.of());
  }
}
