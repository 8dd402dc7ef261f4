package org.cql4j.testkit.internal.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cql4j.protocol.internal.message.MetadataCodec;
import org.cql4j.protocol.internal.wire.WireReader;
import org.cql4j.protocol.message.RowsMetadata;
import org.cql4j.protocol.types.ColumnSpec;
import org.cql4j.protocol.types.ColumnType;

/**
 * Makes a driver discover the proxy's addresses instead of the nodes': rewrites, in place, every
 * {@code inet} cell of {@code system.local}, {@code system.peers} and {@code system.peers_v2} rows
 * that holds a proxied node's address, the native port columns, and the address of TOPOLOGY_CHANGE
 * and STATUS_CHANGE events (native_protocol_v4.spec §4.2.6). Immutable and thread-safe.
 *
 * <p>An IPv4 address stays an IPv4 address and a port an [int], so lengths never change.
 */
final class TopologyRewriter {
  private static final Set<String> TABLES = Set.of("local", "peers", "peers_v2");
  private static final Set<String> PORT_COLUMNS =
      Set.of("native_port", "rpc_port", "native_transport_port");
  private static final int ROWS = 2;

  private final Map<InetAddress, InetSocketAddress> proxyByNode;
  private final Map<InetAddress, Integer> nodePorts;

  /**
   * @param proxyByNode each node's address to the proxy's address for it
   * @param nodePorts each node's address to its native port
   */
  TopologyRewriter(
      Map<InetAddress, InetSocketAddress> proxyByNode, Map<InetAddress, Integer> nodePorts) {
    this.proxyByNode = Map.copyOf(proxyByNode);
    this.nodePorts = Map.copyOf(nodePorts);
  }

  /**
   * Rewrites a Rows result of a system topology table in place.
   *
   * @param body the decompressed response body
   * @param at where the message starts
   * @return whether anything changed
   */
  boolean rewriteRows(byte[] body, int at) {
    ByteBuf in = Unpooled.wrappedBuffer(body);
    in.readerIndex(at);
    if (in.readInt() != ROWS) {
      return false;
    }
    RowsMetadata metadata = MetadataCodec.readRows(in, "RESULT.Rows.metadata");
    List<ColumnSpec> columns = metadata.columns();
    if (columns.isEmpty()
        || !columns.get(0).keyspace().equals("system")
        || !TABLES.contains(columns.get(0).table())) {
      return false;
    }
    int rows = in.readInt();
    boolean changed = false;
    InetAddress rowNode = null;
    for (int r = 0; r < rows; r++) {
      int rowStart = in.readerIndex();
      // first pass: which node the row is about (for its port columns)
      rowNode = null;
      for (ColumnSpec column : columns) {
        int length = in.readInt();
        if (length > 0 && column.type() == ColumnType.INET && rowNode == null) {
          InetAddress a = address(body, in.readerIndex(), length);
          if (proxyFor(a) != null) {
            rowNode = a;
          }
        }
        in.skipBytes(Math.max(length, 0));
      }
      in.readerIndex(rowStart);
      for (ColumnSpec column : columns) {
        int length = in.readInt();
        int cell = in.readerIndex();
        if (length > 0 && column.type() == ColumnType.INET) {
          InetSocketAddress proxy = proxyFor(address(body, cell, length));
          byte[] replacement = proxy == null ? null : proxy.getAddress().getAddress();
          if (replacement != null && replacement.length == length) {
            System.arraycopy(replacement, 0, body, cell, length);
            changed = true;
          }
        } else if (length == 4
            && column.type() == ColumnType.INT
            && PORT_COLUMNS.contains(column.name())
            && rowNode != null
            && in.getInt(cell) == nodePorts.get(rowNode)) {
          Unpooled.wrappedBuffer(body).setInt(cell, proxyByNode.get(rowNode).getPort());
          changed = true;
        }
        in.skipBytes(Math.max(length, 0));
      }
    }
    return changed;
  }

  /**
   * Rewrites the address of a TOPOLOGY_CHANGE or STATUS_CHANGE event in place: {@code
   * <type><change><inet>}.
   */
  boolean rewriteEvent(byte[] body, int at) {
    ByteBuf in = Unpooled.wrappedBuffer(body);
    in.readerIndex(at);
    String type = WireReader.readString(in, "EVENT.type");
    if (!type.equals("TOPOLOGY_CHANGE") && !type.equals("STATUS_CHANGE")) {
      return false;
    }
    WireReader.readString(in, "EVENT.change");
    int size = in.readUnsignedByte();
    int cell = in.readerIndex();
    InetSocketAddress proxy = proxyFor(address(body, cell, size));
    if (proxy == null || proxy.getAddress().getAddress().length != size) {
      return false;
    }
    System.arraycopy(proxy.getAddress().getAddress(), 0, body, cell, size);
    Unpooled.wrappedBuffer(body).setInt(cell + size, proxy.getPort());
    return true;
  }

  private InetSocketAddress proxyFor(InetAddress node) {
    return node == null ? null : proxyByNode.get(node);
  }

  private static InetAddress address(byte[] body, int at, int length) {
    if (length != 4 && length != 16) {
      return null;
    }
    byte[] raw = new byte[length];
    System.arraycopy(body, at, raw, 0, length);
    try {
      return InetAddress.getByAddress(raw);
    } catch (java.net.UnknownHostException e) {
      return null;
    }
  }
}
