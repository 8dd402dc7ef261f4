package org.cql4j.testkit.internal.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.frame.FrameCodec;
import org.cql4j.protocol.message.AuthResponse;
import org.cql4j.protocol.message.Authenticate;
import org.cql4j.protocol.message.BoundValues;
import org.cql4j.protocol.message.ErrorMessage;
import org.cql4j.protocol.message.Query;
import org.cql4j.protocol.message.QueryParameters;
import org.cql4j.protocol.message.Response;
import org.cql4j.protocol.message.RowsResult;
import org.cql4j.protocol.message.Startup;
import org.cql4j.protocol.types.ColumnSpec;

/**
 * A tiny blocking CQL v4 client the proxy uses to read a node's topology and the keyspaces'
 * replication (the emulation's routing accounting needs them); not thread-safe, one per refresh. It
 * never goes through the proxy.
 */
final class MetadataReader implements AutoCloseable {
  private final BlockingConnection connection;

  MetadataReader(InetSocketAddress node, String username, String password) throws IOException {
    connection = new BlockingConnection(node, 0, FrameCodec.defaults());
    try {
      Response answer = send(new Startup(Map.of(Startup.CQL_VERSION, "3.0.0")));
      if (answer instanceof Authenticate) {
        byte[] user = (username == null ? "" : username).getBytes(StandardCharsets.UTF_8);
        byte[] pass = (password == null ? "" : password).getBytes(StandardCharsets.UTF_8);
        byte[] token = new byte[user.length + pass.length + 2];
        System.arraycopy(user, 0, token, 1, user.length);
        System.arraycopy(pass, 0, token, user.length + 2, pass.length);
        answer = send(new AuthResponse(token));
      }
      if (answer instanceof ErrorMessage e) {
        throw new IOException("node " + node + " refused the proxy's login: " + e.message());
      }
    } catch (IOException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  /** Runs a query; each row maps column names to raw cell bytes (null for a null cell). */
  List<Map<String, byte[]>> rows(String cql) throws IOException {
    Response answer = send(new Query(cql, QueryParameters.of(Consistency.ONE, BoundValues.EMPTY)));
    if (!(answer instanceof RowsResult rows)) {
      throw new IOException("'" + cql + "' answered " + answer);
    }
    try {
      List<ColumnSpec> columns = rows.metadata().columns();
      ByteBuf content = rows.rowsContent().duplicate();
      List<Map<String, byte[]>> out = new ArrayList<>(rows.rowCount());
      for (int r = 0; r < rows.rowCount(); r++) {
        Map<String, byte[]> row = new HashMap<>();
        for (ColumnSpec column : columns) {
          int length = content.readInt();
          byte[] cell = null;
          if (length >= 0) {
            cell = new byte[length];
            content.readBytes(cell);
          }
          row.put(column.name(), cell);
        }
        out.add(row);
      }
      return out;
    } finally {
      rows.release();
    }
  }

  private Response send(org.cql4j.protocol.message.Request request) throws IOException {
    connection.send(request);
    return connection.read(java.time.Duration.ofSeconds(10)).message();
  }

  /** Decodes a {@code uuid} cell. */
  static UUID uuid(byte[] cell) {
    ByteBuf b = Unpooled.wrappedBuffer(cell);
    return new UUID(b.readLong(), b.readLong());
  }

  /** Decodes an {@code inet} cell. */
  static InetAddress inet(byte[] cell) throws IOException {
    return InetAddress.getByAddress(cell);
  }

  /** Decodes a {@code set<text>} or {@code list<text>} cell. */
  static List<String> texts(byte[] cell) {
    ByteBuf b = Unpooled.wrappedBuffer(cell);
    int n = b.readInt();
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(b.readCharSequence(b.readInt(), StandardCharsets.UTF_8).toString());
    }
    return out;
  }

  /** Decodes a {@code map<text, text>} cell. */
  static Map<String, String> textMap(byte[] cell) {
    ByteBuf b = Unpooled.wrappedBuffer(cell);
    int n = b.readInt();
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      String k = b.readCharSequence(b.readInt(), StandardCharsets.UTF_8).toString();
      String v = b.readCharSequence(b.readInt(), StandardCharsets.UTF_8).toString();
      out.put(k, v);
    }
    return out;
  }

  @Override
  public void close() throws IOException {
    connection.close();
  }
}
