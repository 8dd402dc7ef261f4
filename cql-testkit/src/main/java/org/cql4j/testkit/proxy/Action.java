package org.cql4j.testkit.proxy;

import java.time.Duration;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.cql4j.protocol.errors.DbError;
import org.cql4j.protocol.message.ErrorMessage;
import org.cql4j.protocol.message.Response;

/**
 * What the proxy does with a frame a rule matched. Immutable and thread-safe (a {@link
 * #delay(Duration, Duration, long) random delay} draws from a synchronized generator).
 *
 * <p>Actions on a request act before the node sees it: a forged answer goes back to the client with
 * the request's stream id and the node never sees the request. Actions on a response act before the
 * client sees it: a forged answer replaces it.
 */
public sealed interface Action {

  /** Passes the frame on unchanged (what happens when no rule matches). */
  static Action forward() {
    return Forward.INSTANCE;
  }

  /** Swallows the frame: a request never reaches the node, a response never reaches the client. */
  static Action drop() {
    return Drop.INSTANCE;
  }

  /** Passes the frame on after {@code delay}; frames behind it are not held back. */
  static Action delay(Duration delay) {
    return new Delay(delay, delay, 0, forward());
  }

  /**
   * Passes the frame on after a delay drawn uniformly from {@code [min, max]} by a generator seeded
   * with {@code seed}.
   */
  static Action delay(Duration min, Duration max, long seed) {
    return new Delay(min, max, seed, forward());
  }

  /**
   * Answers with an ERROR carrying {@code error}'s code and details (native_protocol_v4.spec §9),
   * e.g. {@code new DbError.Overloaded()} or {@code new DbError.ReadTimeout(Consistency.QUORUM, 1,
   * 2, false)}. {@link DbError.RateLimitReached} takes the code the connection negotiated under
   * {@code SCYLLA_RATE_LIMIT_ERROR}, or becomes a Config_error where none was, as ScyllaDB does.
   */
  static Action forgeError(DbError error, String message) {
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(message, "message");
    return new Respond(frame -> ErrorMessage.of(error, message));
  }

  /** Answers an EXECUTE with UNPREPARED for its own statement id, as a node that lost it would. */
  static Action forgeUnprepared() {
    return new Respond(
        frame ->
            ErrorMessage.of(
                new DbError.Unprepared(frame.preparedId().orElse(new byte[0])),
                "Prepared query with ID not found (forged by CqlProxy)"));
  }

  /** Answers with {@code response} (any response message, e.g. a {@code VoidResult}). */
  static Action forgeResponse(Response response) {
    Objects.requireNonNull(response, "response");
    return new Respond(frame -> response);
  }

  /** Answers with a response built from the matched frame. */
  static Action forgeResponse(Function<ProxyFrame, Response> response) {
    return new Respond(Objects.requireNonNull(response, "response"));
  }

  /**
   * Replaces the frame's body (decompressed; the proxy compresses it again where the connection
   * does) and passes it on.
   */
  static Action modify(BodyModifier modifier) {
    return new Modify(Objects.requireNonNull(modifier, "modifier"));
  }

  /**
   * Replaces the frame's body with {@code body} exactly as given, flagged as compressed or not
   * (native_protocol_v4.spec §2.2, flag 0x01) as {@code compressed} says, and passes it on: the
   * proxy does not compress it. For forging bodies no node sends, such as a compressed body whose
   * declared uncompressed length is a lie (a decompression bomb). Meant for v4 connections that
   * negotiated compression: on v5, compression belongs to the segments (native_protocol_v5.spec
   * §2.2), which the proxy builds around the body as usual.
   *
   * @param body the body as it is to travel; copied
   * @param compressed whether to set the compression flag
   */
  static Action replaceBodyOnWire(byte[] body, boolean compressed) {
    return new ReplaceBodyOnWire(Objects.requireNonNull(body, "body").clone(), compressed);
  }

  /**
   * Passes the frame on in a v5 segment whose payload CRC32 does not match (one bit flipped,
   * native_protocol_v5.spec §2.1), as a corrupting network or middlebox would; the receiver must
   * close the connection. Where the connection carries no segments (v4, or a v5 connection before
   * its handshake switched framing) the frame passes unchanged, since nothing there is checksummed.
   */
  static Action corruptChecksum() {
    return CorruptChecksum.INSTANCE;
  }

  /** Closes the client connection and its node connection gracefully (a FIN). */
  static Action closeConnection() {
    return new Close(false);
  }

  /** Resets the client connection (an RST: SO_LINGER 0) and closes its node connection. */
  static Action resetConnection() {
    return new Close(true);
  }

  /**
   * Passes the frame on, then stops reading from {@code side} on this connection: with {@link
   * Side#NODE} the node seems to stop answering (its answers wait in the socket buffers), with
   * {@link Side#CLIENT} requests wait on the client's side. {@code ProxyNode.resumeReading()} or a
   * rule reset reads again.
   */
  static Action stopReading(Side side) {
    return new StopReading(Objects.requireNonNull(side, "side"));
  }

  /** Copies the frame into {@code tee}, then passes it on. */
  static Action tee(Tee tee) {
    return new TeeInto(Objects.requireNonNull(tee, "tee"), forward());
  }

  /** Copies the frame into {@code tee}, then applies {@code then}. */
  static Action tee(Tee tee, Action then) {
    return new TeeInto(Objects.requireNonNull(tee, "tee"), Objects.requireNonNull(then, "then"));
  }

  /** This action, applied after {@code delay}. */
  default Action after(Duration delay) {
    return new Delay(delay, delay, 0, this);
  }

  /** Rewrites a frame body; must be thread-safe. */
  @FunctionalInterface
  interface BodyModifier {
    /**
     * Returns the new body.
     *
     * @param frame the frame
     * @param body a copy of its decompressed body
     * @return the body to send instead
     */
    byte[] modify(ProxyFrame frame, byte[] body);
  }

  /** See {@link #forward()}. */
  final class Forward implements Action {
    static final Forward INSTANCE = new Forward();

    private Forward() {}

    @Override
    public String toString() {
      return "forward";
    }
  }

  /** See {@link #corruptChecksum()}. */
  final class CorruptChecksum implements Action {
    static final CorruptChecksum INSTANCE = new CorruptChecksum();

    private CorruptChecksum() {}

    @Override
    public String toString() {
      return "corrupt checksum";
    }
  }

  /** See {@link #drop()}. */
  final class Drop implements Action {
    static final Drop INSTANCE = new Drop();

    private Drop() {}

    @Override
    public String toString() {
      return "drop";
    }
  }

  /** See {@link #delay(Duration)} and {@link #after(Duration)}. */
  final class Delay implements Action {
    private final Duration min;
    private final Duration max;
    private final SplittableRandom random;
    private final Action then;

    Delay(Duration min, Duration max, long seed, Action then) {
      if (min.isNegative() || max.compareTo(min) < 0) {
        throw new IllegalArgumentException("need 0 <= min <= max, got " + min + ", " + max);
      }
      this.min = min;
      this.max = max;
      this.random = new SplittableRandom(seed);
      this.then = then;
    }

    /** The next delay: fixed, or drawn from the range. */
    public Duration next() {
      if (min.equals(max)) {
        return min;
      }
      long span = max.toNanos() - min.toNanos();
      synchronized (random) {
        return min.plusNanos(random.nextLong(span + 1));
      }
    }

    /** What happens once the delay has passed. */
    public Action then() {
      return then;
    }

    @Override
    public String toString() {
      return "delay " + min + (min.equals(max) ? "" : ".." + max) + " then " + then;
    }
  }

  /** See {@link #forgeError}, {@link #forgeResponse(Response)}. */
  final class Respond implements Action {
    private final Function<ProxyFrame, Response> response;

    Respond(Function<ProxyFrame, Response> response) {
      this.response = response;
    }

    /** The answer to the frame. */
    public Response response(ProxyFrame frame) {
      return response.apply(frame);
    }

    @Override
    public String toString() {
      return "forge a response";
    }
  }

  /** See {@link #modify}. */
  final class Modify implements Action {
    private final BodyModifier modifier;

    Modify(BodyModifier modifier) {
      this.modifier = modifier;
    }

    /** The modifier. */
    public BodyModifier modifier() {
      return modifier;
    }

    @Override
    public String toString() {
      return "modify";
    }
  }

  /** See {@link #replaceBodyOnWire(byte[], boolean)}. */
  final class ReplaceBodyOnWire implements Action {
    private final byte[] body;
    private final boolean compressed;

    ReplaceBodyOnWire(byte[] body, boolean compressed) {
      this.body = body;
      this.compressed = compressed;
    }

    /** The body as it travels, a copy. */
    public byte[] body() {
      return body.clone();
    }

    /** Whether the frame is flagged as compressed. */
    public boolean compressed() {
      return compressed;
    }

    @Override
    public String toString() {
      return "replace the body on the wire ("
          + body.length
          + " B"
          + (compressed ? ", compressed)" : ")");
    }
  }

  /** See {@link #closeConnection()} and {@link #resetConnection()}. */
  final class Close implements Action {
    private final boolean reset;

    Close(boolean reset) {
      this.reset = reset;
    }

    /** Whether the client gets an RST rather than a FIN. */
    public boolean reset() {
      return reset;
    }

    @Override
    public String toString() {
      return reset ? "reset the connection" : "close the connection";
    }
  }

  /** See {@link #stopReading(Side)}. */
  final class StopReading implements Action {
    private final Side side;

    StopReading(Side side) {
      this.side = side;
    }

    /** The side no longer read. */
    public Side side() {
      return side;
    }

    @Override
    public String toString() {
      return "stop reading from the " + side;
    }
  }

  /** See {@link #tee(Tee)}. */
  final class TeeInto implements Action {
    private final Tee tee;
    private final Action then;

    TeeInto(Tee tee, Action then) {
      this.tee = tee;
      this.then = then;
    }

    /** The queue frames are copied into. */
    public Tee tee() {
      return tee;
    }

    /** What happens to the frame after the copy. */
    public Action then() {
      return then;
    }

    @Override
    public String toString() {
      return "tee then " + then;
    }
  }
}
