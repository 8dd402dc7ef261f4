package org.cql4j.testkit.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.frame.Frame;
import org.cql4j.protocol.frame.FrameCodec;
import org.cql4j.protocol.frame.FrameHeader;
import org.cql4j.protocol.frame.RequestEnvelope;
import org.cql4j.protocol.frame.ResponseEnvelope;
import org.cql4j.protocol.internal.frame.FrameHeaderCodec;
import org.cql4j.protocol.message.BoundValues;
import org.cql4j.protocol.message.Options;
import org.cql4j.protocol.message.Query;
import org.cql4j.protocol.message.QueryParameters;
import org.cql4j.protocol.message.Request;
import org.cql4j.protocol.message.Response;
import org.cql4j.protocol.message.Startup;

/** A blocking v4 CQL client for the proxy's tests, one request at a time; not thread-safe. */
final class TestClient implements AutoCloseable {
  private final FrameCodec codec;
  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;
  private int stream = 1;

  TestClient(InetSocketAddress address, int localPort, FrameCodec codec) throws IOException {
    this.codec = codec;
    socket = new Socket();
    socket.setReuseAddress(true);
    if (localPort > 0) {
      socket.bind(new InetSocketAddress(address.getAddress(), localPort));
    }
    socket.connect(address, 5_000);
    socket.setSoTimeout(5_000);
    in = new DataInputStream(socket.getInputStream());
    out = socket.getOutputStream();
  }

  static TestClient connect(InetSocketAddress address) throws IOException {
    return new TestClient(address, 0, FrameCodec.defaults());
  }

  /** Connects and completes OPTIONS and STARTUP. */
  static TestClient ready(InetSocketAddress address) throws IOException {
    TestClient client = connect(address);
    client.request(new Options());
    client.request(new Startup(Map.of(Startup.CQL_VERSION, "3.0.0")));
    return client;
  }

  int localPort() {
    return socket.getLocalPort();
  }

  /** Sends a request and reads its answer. */
  Response request(Request request) throws IOException {
    send(request);
    return read(Duration.ofSeconds(5)).message();
  }

  Response query(String cql) throws IOException {
    return query(cql, Consistency.ONE);
  }

  Response query(String cql, Consistency consistency) throws IOException {
    return request(new Query(cql, QueryParameters.of(consistency, BoundValues.EMPTY)));
  }

  void send(Request request) throws IOException {
    ByteBuf frame =
        codec.encode(
            ByteBufAllocator.DEFAULT, new RequestEnvelope(stream++, false, Map.of(), request));
    try {
      byte[] bytes = new byte[frame.readableBytes()];
      frame.readBytes(bytes);
      sendRaw(bytes);
    } finally {
      frame.release();
    }
  }

  void sendRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /**
   * Reads the next response.
   *
   * @throws SocketTimeoutException if none comes in time
   */
  ResponseEnvelope read(Duration timeout) throws IOException {
    socket.setSoTimeout((int) timeout.toMillis());
    byte[] header = new byte[FrameHeader.SIZE];
    in.readFully(header);
    FrameHeader h =
        FrameHeaderCodec.read(
            Unpooled.wrappedBuffer(header), 0, FrameHeader.DEFAULT_MAX_BODY_LENGTH, true);
    byte[] body = new byte[h.bodyLength()];
    in.readFully(body);
    Frame frame = new Frame(h, Unpooled.wrappedBuffer(body));
    try {
      return codec.decodeResponse(frame);
    } finally {
      frame.release();
    }
  }

  /** Reads raw bytes until the peer closes; returns how many came, or throws on a reset. */
  int readToEnd(Duration timeout) throws IOException {
    socket.setSoTimeout((int) timeout.toMillis());
    int total = 0;
    byte[] buffer = new byte[4096];
    int n;
    while ((n = in.read(buffer)) >= 0) {
      total += n;
    }
    return total;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
