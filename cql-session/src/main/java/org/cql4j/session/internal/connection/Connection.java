package org.cql4j.session.internal.connection;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.cql4j.protocol.ProtocolVersion;
import org.cql4j.protocol.compression.Compressor;
import org.cql4j.protocol.frame.FrameCodec;
import org.cql4j.protocol.frame.RequestEnvelope;
import org.cql4j.protocol.frame.ResponseEnvelope;
import org.cql4j.protocol.message.Options;
import org.cql4j.protocol.message.ProtocolFeatures;
import org.cql4j.protocol.message.Request;
import org.cql4j.protocol.message.Supported;
import org.cql4j.protocol.scylla.ScyllaExtensions;
import org.cql4j.session.errors.ConnectionException;
import org.cql4j.session.internal.metrics.NodeCounters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One CQL connection to one node over one Netty channel; thread-safe: {@link #send} may be called
 * from any thread, everything else happens on the channel's event loop.
 *
 * <p>Open one with {@link ConnectionFactory#connect}; the future completes once the handshake
 * (OPTIONS, STARTUP, authentication, USE, REGISTER) is done. Up to 32,768 requests are in flight at
 * once; more wait in a FIFO backlog until an id is free (see {@link #send}).
 *
 * <p>Futures complete on the event loop: code chained to them with the non-async {@code then*}
 * methods runs there and must not block. Frames are encoded on the caller's thread.
 */
public final class Connection {
  private static final Logger LOG = LoggerFactory.getLogger(Connection.class);

  private enum State {
    OPEN,
    CLOSING,
    CLOSED
  }

  private final Channel channel;
  private final ConnectionConfig config;
  private final String node;
  private final InFlightRequests inFlight;
  private final int capacity;
  private final RequestWriter writer;
  private final CompletableFuture<Void> closeFuture = new CompletableFuture<>();

  private volatile State state = State.OPEN;
  private volatile Throwable closeCause;
  private volatile FrameCodec codec;
  private volatile Negotiated negotiated = Negotiated.NONE;

  /** What the handshake agreed on. */
  record Negotiated(
      Supported supported,
      ScyllaExtensions extensions,
      Compressor compressor,
      String serverAuthenticator) {
    static final Negotiated NONE =
        new Negotiated(new Supported(Map.of()), ScyllaExtensions.NONE, null, null);
  }

  Connection(Channel channel, ConnectionConfig config, StreamIds streamIds) {
    this.channel = channel;
    this.capacity = streamIds.capacity();
    this.config = config;
    this.node = config.address().toString();
    this.codec =
        new FrameCodec(
            config.maxFrameLength(),
            null,
            ProtocolFeatures.NONE.withVersion(config.protocolVersion()));
    this.inFlight =
        new InFlightRequests(
            node,
            streamIds,
            config.maxOrphans(),
            new InFlightRequests.Owner() {
              @Override
              public void fatal(Throwable cause) {
                closeWithError(cause);
              }

              @Override
              public void settled() {
                maybeFinishGracefulClose();
              }
            });
    this.writer = new RequestWriter(channel, inFlight, config.counters());
    channel.closeFuture().addListener(f -> onChannelClosed());
  }

  /** The metrics of the node this connection goes to. */
  public NodeCounters counters() {
    return config.counters();
  }

  /**
   * Sends a request without tracing or custom payload; see {@link #send(Request, boolean, Map,
   * Duration)}.
   */
  public CompletableFuture<ResponseEnvelope> send(Request request, Duration timeout) {
    return send(request, false, Map.of(), timeout);
  }

  /**
   * Sends a request and returns its response. Any thread; never blocks.
   *
   * <p>The frame is encoded on the calling thread (a serialization error fails the returned future)
   * and written on the event loop with the other requests of the same turn, with one flush. When
   * all 32,768 stream ids are taken, the request waits (its timeout running) until one is free;
   * when {@link ConnectionConfig#maxWaitingRequests} requests already wait, it fails at once with a
   * {@link ConnectionException} saying the connection is full, so the pool can try another one.
   *
   * <p>Buffer ownership: the returned envelope's message may hold a buffer (a {@link
   * org.cql4j.protocol.message.RowsResult} is a {@code ByteBufHolder} slicing the frame); the
   * caller owns it and must release it once ({@code ReferenceCountUtil.release(env.message())}). A
   * response nobody can receive any more (cancelled future, late response to a timed-out request)
   * is released by the connection.
   *
   * @param request the request
   * @param tracing whether to ask the server to trace it
   * @param customPayload the custom payload, empty for none
   * @param timeout how long to wait for the response, from now; zero or negative for no timeout
   * @return completes on the event loop with the response; fails with {@code DbException} (carrying
   *     the {@code DbError}, e.g. {@code Unprepared}) for an ERROR response, {@code
   *     RequestTimeoutException} when the timeout elapses (the stream id then stays orphaned until
   *     the late response arrives), {@link ConnectionException} when the connection is full or
   *     closes, {@code ProtocolException} when the response cannot be decoded
   */
  public CompletableFuture<ResponseEnvelope> send(
      Request request, boolean tracing, Map<String, byte[]> customPayload, Duration timeout) {
    ResponseFuture future = new ResponseFuture();
    send(request, tracing, customPayload, timeout, future);
    return future;
  }

  /**
   * Sends a request and hands its outcome to a callback: the same as {@link #send(Request, boolean,
   * Map, Duration)}, without a future per request. The request path uses it.
   *
   * @param request the request
   * @param tracing whether to ask the server to trace it
   * @param customPayload the custom payload, empty for none
   * @param timeout how long to wait for the response, from now; zero or negative for no timeout
   * @param callback told the outcome exactly once, as the future of the other {@code send} would be
   */
  public void send(
      Request request,
      boolean tracing,
      Map<String, byte[]> customPayload,
      Duration timeout,
      ResponseCallback callback) {
    if (state != State.OPEN) {
      callback.onFailure(closedException("cannot send " + request.opcode()));
      return;
    }
    sendUnchecked(request, tracing, customPayload, timeout, callback);
  }

  /** Sends during the handshake, or any time: no state check. */
  CompletableFuture<ResponseEnvelope> sendUnchecked(
      Request request, boolean tracing, Map<String, byte[]> customPayload, Duration timeout) {
    ResponseFuture future = new ResponseFuture();
    sendUnchecked(request, tracing, customPayload, timeout, future);
    return future;
  }

  private void sendUnchecked(
      Request request,
      boolean tracing,
      Map<String, byte[]> customPayload,
      Duration timeout,
      ResponseCallback callback) {
    int waiting = writer.queued() + inFlight.waiting();
    if (waiting >= config.maxWaitingRequests() && inFlight.inFlight() >= capacity) {
      callback.onFailure(
          new ConnectionException(
              "connection to "
                  + node
                  + " is full: "
                  + inFlight.inFlight()
                  + " requests in flight and "
                  + waiting
                  + " waiting for a stream id; use another connection or slow down"));
      return;
    }
    ByteBuf frame;
    try {
      frame =
          codec.encode(channel.alloc(), new RequestEnvelope(0, tracing, customPayload, request));
    } catch (RuntimeException e) {
      callback.onFailure(e);
      return;
    }
    PendingRequest pending =
        new PendingRequest(request.opcode(), frame, timeout.toNanos(), System.nanoTime(), callback);
    if (!writer.enqueue(pending)) {
      pending.fail(closedException("cannot send " + request.opcode() + ": event loop shut down"));
    }
  }

  /** The node's address. */
  public InetSocketAddress address() {
    return config.address();
  }

  /** The configuration this connection was opened with. */
  public ConnectionConfig config() {
    return config;
  }

  /** The Netty channel (for the pool: local port, event loop). */
  public Channel channel() {
    return channel;
  }

  /** Stream ids taken: requests written and not answered, orphans included. Any thread. */
  public int inFlight() {
    return inFlight.inFlight();
  }

  /** Stream ids held by timed-out requests whose response has not arrived. Any thread. */
  public int orphans() {
    return inFlight.orphans();
  }

  /** Requests not written yet: handed over, or waiting for a free stream id. Any thread. */
  public int waiting() {
    return writer.queued() + inFlight.waiting();
  }

  /** Stream ids still free, minus the waiting requests; what the pool compares. Any thread. */
  public int availableStreams() {
    return capacity - inFlight() - waiting();
  }

  /** Whether requests may be sent: open and not closing. */
  public boolean isOpen() {
    return state == State.OPEN && channel.isActive();
  }

  /**
   * Completes (normally) once the channel is closed, for whatever reason; see {@link #closeCause}.
   */
  public CompletableFuture<Void> closeFuture() {
    return closeFuture;
  }

  /** Why the connection closed or is closing, or empty while it is open. */
  public Optional<Throwable> closeCause() {
    return Optional.ofNullable(closeCause);
  }

  /** The SUPPORTED options the node sent. */
  public Supported supported() {
    return negotiated.supported();
  }

  /** The ScyllaDB extensions the node advertised (all empty on Apache Cassandra). */
  public ScyllaExtensions scyllaExtensions() {
    return negotiated.extensions();
  }

  /** The extensions in use on this connection. */
  public ProtocolFeatures features() {
    return codec.features();
  }

  /** The compression in use ({@code "lz4"}, {@code "snappy"}), or empty. */
  public Optional<String> compression() {
    Compressor c = negotiated.compressor();
    return c == null ? Optional.empty() : Optional.of(c.algorithm());
  }

  /**
   * Closes gracefully: refuses new requests at once, lets the requests already sent complete (each
   * within its own timeout), then closes the channel.
   *
   * @return {@link #closeFuture()}
   */
  public CompletableFuture<Void> close() {
    if (state == State.OPEN) {
      state = State.CLOSING;
      channel.eventLoop().execute(this::maybeFinishGracefulClose);
    }
    return closeFuture;
  }

  /**
   * Sends a heartbeat (an OPTIONS request, native_protocol_v4.spec §4.1.3) and closes the
   * connection if no answer comes in time: a node that froze or a network path that dropped is
   * found even while no request is running. Any thread.
   *
   * @param timeout how long to wait for the SUPPORTED answer
   * @return completes when answered; fails (the connection then closing) when it was not
   */
  public CompletableFuture<Void> heartbeat(Duration timeout) {
    return send(new Options(), timeout)
        .handle(
            (response, error) -> {
              if (error == null) {
                ReferenceCountUtil.release(response.message());
                return null;
              }
              ConnectionException dead =
                  new ConnectionException(
                      "no answer from "
                          + node
                          + " to a heartbeat within "
                          + timeout.toMillis()
                          + " ms: closing its connection",
                      error);
              closeWithError(dead);
              throw new CompletionException(dead);
            });
  }

  /**
   * Closes now: requests in flight or waiting fail with a {@link ConnectionException} saying the
   * driver closed the connection.
   *
   * @return {@link #closeFuture()}
   */
  public CompletableFuture<Void> forceClose() {
    closeWithError(
        new ConnectionException("connection to " + node + " was closed by the driver (forced)"));
    return closeFuture;
  }

  @Override
  public String toString() {
    return "Connection[" + node + ", " + channel.id().asShortText() + "]";
  }

  // ---- package-private: the handshake, the handlers and tests ----

  String node() {
    return node;
  }

  FrameCodec codec() {
    return codec;
  }

  InFlightRequests inFlightRequests() {
    return inFlight;
  }

  RequestWriter writer() {
    return writer;
  }

  /**
   * Sets what the handshake negotiated, before STARTUP is sent (its answer may be compressed). In
   * v5 the compression belongs to the segments, set up by {@link #useSegments}.
   */
  void negotiated(Negotiated result) {
    this.negotiated = result;
    this.codec =
        codec
            .withCompressor(v5() ? null : result.compressor())
            .withFeatures(
                result.extensions().protocolFeatures().withVersion(config.protocolVersion()));
  }

  /** Whether this connection speaks protocol v5. */
  boolean v5() {
    return config.protocolVersion() == ProtocolVersion.V5;
  }

  /**
   * Switches the outbound bytes to v5 segments, once the answer to STARTUP has been read
   * (native_protocol_v5.spec §2.3.1); on the event loop, before the next request is written.
   */
  void useSegments() {
    writer.useSegments(negotiated.compressor() != null);
  }

  /** Whether the negotiated compression is LZ4 on v5 segments. */
  boolean segmentsCompressed() {
    return negotiated.compressor() != null;
  }

  /** The protocol version this connection speaks. */
  public ProtocolVersion protocolVersion() {
    return config.protocolVersion();
  }

  /** Closes the channel, recording {@code cause} as the reason unless one is known already. */
  void closeWithError(Throwable cause) {
    if (closeCause == null) {
      closeCause = cause;
    }
    if (state != State.CLOSED) {
      state = State.CLOSING;
    }
    channel.close();
  }

  /** On the event loop: a closing connection with nothing left to answer closes its channel. */
  void maybeFinishGracefulClose() {
    if (state == State.CLOSING
        && closeCause == null
        && inFlight.awaitingResponse() == 0
        && waiting() == 0) {
      closeWithError(
          new ConnectionException("connection to " + node + " was closed by the driver"));
    }
  }

  private void onChannelClosed() {
    state = State.CLOSED;
    Throwable cause = closeCause;
    ConnectionException failure =
        cause instanceof ConnectionException ce
            ? ce
            : new ConnectionException(
                "connection to "
                    + node
                    + (cause == null ? " was closed by the server" : " failed: " + cause),
                cause);
    if (cause == null) {
      closeCause = failure;
    }
    LOG.debug("{} closed: {}", this, failure.getMessage());
    inFlight.failAll(failure);
    writer.schedule(); // fails whatever is still queued
    closeFuture.complete(null);
  }

  private ConnectionException closedException(String what) {
    Throwable cause = closeCause;
    return new ConnectionException(
        what
            + ": the connection to "
            + node
            + " is "
            + (state == State.CLOSING ? "closing" : "closed")
            + (cause == null ? "" : " (" + cause.getMessage() + ")"),
        cause);
  }
}
