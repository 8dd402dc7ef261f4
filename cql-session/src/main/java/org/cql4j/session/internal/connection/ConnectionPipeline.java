package org.cql4j.session.internal.connection;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * Builds a connection's pipeline: the one place where handlers are added, under the names of {@link
 * PipelineNames}. Stateless, hence thread-safe; called on the channel's event loop.
 *
 * <p>Inbound: [{@code SslHandler}] → [{@link HeartbeatHandler}] → {@link FrameDecoderHandler} →
 * {@link ResponseHandler}. Outbound there is no encoder: frames are encoded by {@link
 * Connection#send} on the caller's thread and written as buffers.
 */
final class ConnectionPipeline {
  private ConnectionPipeline() {}

  /** Adds the TLS handler, if the configuration asks for TLS; call first. */
  static SslHandler addTls(Channel channel, ConnectionConfig config) {
    if (config.sslContext() == null) {
      return null;
    }
    InetSocketAddress address = config.address();
    SSLEngine engine =
        config.sslContext().createSSLEngine(address.getHostString(), address.getPort());
    engine.setUseClientMode(true);
    if (config.hostnameVerification()) {
      SSLParameters parameters = engine.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      engine.setSSLParameters(parameters);
    }
    SslHandler handler = new SslHandler(engine);
    handler.setHandshakeTimeoutMillis(config.connectTimeout().toMillis());
    channel.pipeline().addFirst(PipelineNames.TLS, handler);
    return handler;
  }

  /**
   * Adds the CQL handlers and creates the connection they serve.
   *
   * @param channel a registered channel (its TLS handler, if any, already added)
   * @param config the connection's configuration
   * @return the connection, not yet handshaken
   */
  static Connection addCql(Channel channel, ConnectionConfig config) {
    return addCql(channel, config, new StreamIds());
  }

  /**
   * Adds the heartbeat, once the handshake is done (a heartbeat during the handshake would race
   * with it), when the configuration asks for one.
   *
   * @param channel the channel, on its event loop
   * @param connection the ready connection
   */
  static void addHeartbeat(Channel channel, Connection connection) {
    ConnectionConfig config = connection.config();
    if (!config.keepaliveInterval().isZero()) {
      channel
          .pipeline()
          .addBefore(
              PipelineNames.FRAME_DECODER,
              PipelineNames.HEARTBEAT,
              new HeartbeatHandler(
                  connection, config.keepaliveInterval(), config.keepaliveTimeout()));
    }
  }

  /** As {@link #addCql(Channel, ConnectionConfig)}, with fewer stream ids (for tests). */
  static Connection addCql(Channel channel, ConnectionConfig config, StreamIds streamIds) {
    Connection connection = new Connection(channel, config, streamIds);
    ChannelPipeline pipeline = channel.pipeline();
    pipeline.addLast(PipelineNames.FRAME_DECODER, new FrameDecoderHandler(connection));
    pipeline.addLast(
        PipelineNames.RESPONSES, new ResponseHandler(connection, config.eventListener()));
    return connection;
  }
}
