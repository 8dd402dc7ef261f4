package org.cql4j.session.internal.connection;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Sends a heartbeat when nothing was read from the node for the keepalive interval, and closes the
 * connection when it is not answered within the keepalive timeout (the Java driver's heartbeat).
 * Idle means no read: a node that stopped answering requests it was sent is idle too. Confined to
 * the connection's event loop; added once the handshake is done.
 */
final class HeartbeatHandler extends IdleStateHandler {
  private final Connection connection;
  private final Duration timeout;
  private boolean waiting; // a heartbeat is in flight

  HeartbeatHandler(Connection connection, Duration interval, Duration timeout) {
    super(interval.toNanos(), 0, 0, TimeUnit.NANOSECONDS);
    this.connection = connection;
    this.timeout = timeout;
  }

  @Override
  protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent event) {
    if (event.state() != IdleState.READER_IDLE || waiting || !connection.isOpen()) {
      return;
    }
    waiting = true;
    connection.heartbeat(timeout).whenComplete((ok, error) -> waiting = false);
  }
}
