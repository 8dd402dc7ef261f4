package org.cql4j.testkit.internal.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import org.cql4j.protocol.frame.Frame;
import org.cql4j.protocol.frame.FrameCodec;
import org.cql4j.protocol.frame.FrameHeader;
import org.cql4j.protocol.frame.RequestEnvelope;
import org.cql4j.protocol.frame.ResponseEnvelope;
import org.cql4j.protocol.internal.frame.FrameHeaderCodec;
import org.cql4j.protocol.message.Request;

/**
 * A blocking CQL v4 connection over a plain socket, one request at a time: the proxy's metadata
 * reads use it, and so do its tests. Not thread-safe.
 */
public final class BlockingConnection implements AutoCloseable {
  private final FrameCodec codec;
  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;
  private int stream = 1;

  /**
   * Connects.
   *
   * @param address where to connect
   * @param localPort the source port to bind, or 0 for any
   * @param codec encodes requests and decodes responses
   */
  public BlockingConnection(InetSocketAddress address, int localPort, FrameCodec codec)
      throws IOException {
    this.codec = codec;
    socket = new Socket();
    try {
      socket.setReuseAddress(true);
      if (localPort > 0) {
        socket.bind(new InetSocketAddress(address.getAddress(), localPort));
      }
      socket.connect(address, 5_000);
      socket.setSoTimeout(10_000);
      in = new DataInputStream(socket.getInputStream());
      out = socket.getOutputStream();
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /** The bound source port. */
  public int localPort() {
    return socket.getLocalPort();
  }

  /** Writes a request with the next stream id. */
  public void send(Request request) throws IOException {
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

  /** Writes bytes as they are. */
  public void sendRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /**
   * Reads the next response frame.
   *
   * @throws java.net.SocketTimeoutException if none comes in time
   */
  public ResponseEnvelope read(Duration timeout) throws IOException {
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

  /** Reads until the peer closes; returns how many bytes came, or throws on a reset. */
  public int readToEnd(Duration timeout) throws IOException {
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
