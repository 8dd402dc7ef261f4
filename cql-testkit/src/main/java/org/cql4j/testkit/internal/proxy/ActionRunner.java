package org.cql4j.testkit.internal.proxy;

import java.util.concurrent.TimeUnit;
import org.cql4j.protocol.message.Response;
import org.cql4j.testkit.proxy.Action;
import org.cql4j.testkit.proxy.Direction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a rule's action on one frame of one connection; confined to the connection's event
 * loop. Every path releases the frame or hands it on.
 */
final class ActionRunner {
  private static final Logger LOG = LoggerFactory.getLogger(ActionRunner.class);

  private final ProxiedConnection connection;

  ActionRunner(ProxiedConnection connection) {
    this.connection = connection;
  }

  /** Applies {@code action} to the frame of {@code view} (which this call now owns). */
  void apply(Action action, FrameView view) {
    RawFrame frame = view.frame();
    Direction direction = view.direction();
    try {
      if (action instanceof Action.Forward) {
        connection.forward(frame, direction);
      } else if (action instanceof Action.CorruptChecksum) {
        connection.forward(new CorruptedFrame(frame), direction);
      } else if (action instanceof Action.Drop) {
        if (direction == Direction.REQUEST) {
          connection.inflight().remove(frame.streamId());
        }
        connection.countersImpl().countDropped();
        frame.release();
      } else if (action instanceof Action.Delay delay) {
        long nanos = delay.next().toNanos();
        connection
            .eventLoop()
            .schedule(() -> apply(delay.then(), view), nanos, TimeUnit.NANOSECONDS);
      } else if (action instanceof Action.Respond respond) {
        Response response = respond.response(view);
        RawFrame forged = connection.forge(response, frame.streamId(), frame.version());
        if (direction == Direction.REQUEST) {
          connection.inflight().remove(frame.streamId());
        }
        frame.release();
        connection.countersImpl().countForged();
        connection.forward(forged, Direction.RESPONSE);
      } else if (action instanceof Action.Modify modify) {
        byte[] body = modify.modifier().modify(view, view.body());
        RawFrame changed =
            Bodies.withBody(frame, frame.flags(), body, connection.framing(), connection.alloc());
        frame.release();
        connection.forward(changed, direction);
      } else if (action instanceof Action.ReplaceBodyOnWire replace) {
        byte[] body = replace.body();
        int flags =
            replace.compressed()
                ? frame.flags() | RawFrame.FLAG_COMPRESSED
                : frame.flags() & ~RawFrame.FLAG_COMPRESSED;
        RawFrame changed =
            frame.with(flags, connection.alloc().buffer(body.length).writeBytes(body));
        frame.release();
        connection.forward(changed, direction);
      } else if (action instanceof Action.Close close) {
        frame.release();
        connection.close(close.reset());
      } else if (action instanceof Action.StopReading stop) {
        connection.forward(frame, direction);
        connection.stopReading(stop.side());
      } else if (action instanceof Action.TeeInto tee) {
        tee.tee().offer(view.teed());
        apply(tee.then(), view);
      } else {
        throw new IllegalStateException("unknown action " + action);
      }
    } catch (RuntimeException e) {
      // a user's modifier or response function failed: keep the connection, pass the frame on
      LOG.warn("CqlProxy rule action {} failed on {}: {}", action, view, e.toString(), e);
      if (frame.refCnt() > 0) {
        connection.forward(frame, direction);
      }
    }
  }
}
