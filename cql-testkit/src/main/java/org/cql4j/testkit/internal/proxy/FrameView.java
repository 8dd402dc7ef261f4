package org.cql4j.testkit.internal.proxy;

import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.Optional;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.frame.Opcode;
import org.cql4j.testkit.proxy.Direction;
import org.cql4j.testkit.proxy.ProxyConnection;
import org.cql4j.testkit.proxy.ProxyFrame;
import org.cql4j.testkit.proxy.TeedFrame;

/**
 * The {@link ProxyFrame} rules see; confined to the connection's event loop, valid while its frame
 * is not released. The body is decompressed and copied on first use.
 */
final class FrameView implements ProxyFrame {
  private final RawFrame frame;
  private final Direction direction;
  private final ProxiedConnection connection;
  private final RequestInfo request;
  private final ParsedRequest parsed;
  private byte[] body;

  /**
   * @param request the request (for a response: the request it answers), or null
   * @param parsed the parsed request body, for a request; null otherwise
   */
  FrameView(
      RawFrame frame,
      Direction direction,
      ProxiedConnection connection,
      RequestInfo request,
      ParsedRequest parsed) {
    this.frame = frame;
    this.direction = direction;
    this.connection = connection;
    this.request = request;
    this.parsed = parsed;
  }

  RawFrame frame() {
    return frame;
  }

  @Override
  public Direction direction() {
    return direction;
  }

  @Override
  public int version() {
    return frame.version();
  }

  @Override
  public int streamId() {
    return frame.streamId();
  }

  @Override
  public int flags() {
    return frame.flags();
  }

  @Override
  public Optional<Opcode> opcode() {
    return Optional.ofNullable(frame.opcode());
  }

  @Override
  public int node() {
    return connection.node();
  }

  @Override
  public ProxyConnection connection() {
    return connection;
  }

  @Override
  public byte[] body() {
    return rawBody().clone();
  }

  private byte[] rawBody() {
    if (body == null) {
      try {
        body = Bodies.uncompressed(frame, connection.framing());
      } catch (RuntimeException e) {
        body = new byte[0];
      }
    }
    return body;
  }

  @Override
  public Optional<String> query() {
    return Optional.ofNullable(request == null ? null : request.query);
  }

  @Override
  public Optional<Consistency> consistency() {
    return Optional.ofNullable(request == null ? null : request.consistency);
  }

  @Override
  public Optional<String> keyspace() {
    return Optional.ofNullable(request == null ? null : request.keyspace);
  }

  @Override
  public Optional<String> table() {
    return Optional.ofNullable(request == null ? null : request.table);
  }

  @Override
  public Optional<byte[]> preparedId() {
    return Optional.ofNullable(request == null ? null : request.preparedId).map(byte[]::clone);
  }

  @Override
  public Optional<Integer> errorCode() {
    if (direction != Direction.RESPONSE || frame.opcode() != Opcode.ERROR) {
      return Optional.empty();
    }
    try {
      byte[] b = rawBody();
      int at = Bodies.messageStart(b, frame.flags());
      return Optional.of(Unpooled.wrappedBuffer(b).getInt(at));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  @Override
  public List<byte[]> values() {
    return parsed == null
        ? List.of()
        : parsed.values().stream().map(v -> v == null ? null : v.clone()).toList();
  }

  /** A copy for a tee. */
  TeedFrame teed() {
    return new TeedFrame(
        connection.node(),
        connection.number(),
        direction,
        opcode(),
        frame.streamId(),
        query(),
        body());
  }

  @Override
  public String toString() {
    return direction + " " + frame + query().map(q -> " " + q).orElse("");
  }
}
