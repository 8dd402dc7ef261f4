package org.cql4j.session.internal.connection;

/**
 * The names of the handlers of a connection's pipeline, in pipeline order; constants only, hence
 * thread-safe. Every handler is added under one of these names, in {@link ConnectionPipeline}.
 */
public final class PipelineNames {
  /** {@code io.netty.handler.ssl.SslHandler}, present only with TLS. */
  public static final String TLS = "cql4j.tls";

  /** {@link HeartbeatHandler}: a heartbeat after a keepalive interval without reads. */
  public static final String HEARTBEAT = "cql4j.heartbeat";

  /** {@link FrameDecoderHandler}: bytes to {@link org.cql4j.protocol.frame.Frame}s. */
  public static final String FRAME_DECODER = "cql4j.frameDecoder";

  /** {@link ResponseHandler}: frames to the requests in flight, events to the listener. */
  public static final String RESPONSES = "cql4j.responses";

  private PipelineNames() {}
}
