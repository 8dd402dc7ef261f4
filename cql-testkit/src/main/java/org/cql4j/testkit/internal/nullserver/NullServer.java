package org.cql4j.testkit.internal.nullserver;

import io.netty.channel.ChannelHandler;
import java.net.InetSocketAddress;
import java.util.function.Supplier;

/**
 * The state a null server's connections share, thread-safe: its catalog and canned responses.
 * {@code org.cql4j.testkit.NullCqlServer} owns one and closes it after its event loops stopped.
 */
public final class NullServer implements AutoCloseable {
  private final ServerResponses responses;

  /**
   * Creates the shared state.
   *
   * @param boundAddress the server's bound address; read once, on the first {@code system.local}
   *     query
   * @param clusterName the cluster name {@code system.local} reports
   * @param rowsPerPartition the rows of one {@code bench.items} partition
   */
  public NullServer(
      Supplier<InetSocketAddress> boundAddress, String clusterName, int rowsPerPartition) {
    this.responses = new ServerResponses(new Catalog(boundAddress, clusterName, rowsPerPartition));
  }

  /** A handler for one new connection; confined to that connection's event loop. */
  public ChannelHandler newConnectionHandler() {
    return new NullServerHandler(responses);
  }

  /** Releases the canned frames; call once no connection is left. */
  @Override
  public void close() {
    responses.close();
  }
}
