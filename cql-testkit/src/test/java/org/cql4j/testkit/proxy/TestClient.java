package org.cql4j.testkit.proxy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.frame.FrameCodec;
import org.cql4j.protocol.frame.ResponseEnvelope;
import org.cql4j.protocol.message.BoundValues;
import org.cql4j.protocol.message.Options;
import org.cql4j.protocol.message.Query;
import org.cql4j.protocol.message.QueryParameters;
import org.cql4j.protocol.message.Request;
import org.cql4j.protocol.message.Response;
import org.cql4j.protocol.message.Startup;
import org.cql4j.testkit.internal.proxy.BlockingConnection;

/** A blocking v4 CQL client for the proxy's tests, one request at a time; not thread-safe. */
final class TestClient implements AutoCloseable {
  private final BlockingConnection connection;

  TestClient(InetSocketAddress address, int localPort, FrameCodec codec) throws IOException {
    connection = new BlockingConnection(address, localPort, codec);
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

  /** Sends a request and reads its answer. */
  Response request(Request request) throws IOException {
    send(request);
    return read(Duration.ofSeconds(10)).message();
  }

  Response query(String cql) throws IOException {
    return query(cql, Consistency.ONE);
  }

  Response query(String cql, Consistency consistency) throws IOException {
    return request(new Query(cql, QueryParameters.of(consistency, BoundValues.EMPTY)));
  }

  void send(Request request) throws IOException {
    connection.send(request);
  }

  void sendRaw(byte[] bytes) throws IOException {
    connection.sendRaw(bytes);
  }

  ResponseEnvelope read(Duration timeout) throws IOException {
    return connection.read(timeout);
  }

  int readToEnd(Duration timeout) throws IOException {
    return connection.readToEnd(timeout);
  }

  @Override
  public void close() throws IOException {
    connection.close();
  }
}
