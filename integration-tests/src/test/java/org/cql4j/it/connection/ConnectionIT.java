package org.cql4j.it.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cql4j.it.connection.ItSupport.TIMEOUT;
import static org.cql4j.it.connection.ItSupport.address;
import static org.cql4j.it.connection.ItSupport.await;
import static org.cql4j.it.connection.ItSupport.column;
import static org.cql4j.it.connection.ItSupport.execute;
import static org.cql4j.it.connection.ItSupport.query;

import io.netty.util.ReferenceCountUtil;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.cql4j.protocol.compression.Compressor;
import org.cql4j.protocol.compression.Compressors;
import org.cql4j.protocol.frame.ResponseEnvelope;
import org.cql4j.protocol.message.RawValues;
import org.cql4j.session.errors.ConnectionException;
import org.cql4j.session.internal.connection.Connection;
import org.cql4j.session.internal.connection.ConnectionConfig;
import org.cql4j.session.internal.connection.ConnectionFactory;
import org.cql4j.session.internal.connection.Transport;
import org.cql4j.testkit.CassandraExtension;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A raw {@link Connection} against a real Cassandra node. */
@CassandraTest
class ConnectionIT {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionIT.class);

  private static Transport transport;
  private static ConnectionFactory factory;
  private static ConnectionConfig.Builder config;

  @BeforeAll
  static void setUp(TestCluster cassandra) throws Exception {
    transport = Transport.create(Transport.Kind.NIO, 2);
    factory = new ConnectionFactory(transport);
    config = ConnectionConfig.builder(address(cassandra.firstContactPoint()));
    Connection connection = await(factory.connect(config.build()));
    try {
      execute(
          connection,
          "CREATE KEYSPACE IF NOT EXISTS conn_it WITH replication ="
              + " {'class': 'SimpleStrategy', 'replication_factor': 1}");
      execute(connection, "CREATE TABLE IF NOT EXISTS conn_it.blobs (k int PRIMARY KEY, v blob)");
    } finally {
      connection.forceClose();
    }
  }

  @AfterAll
  static void tearDown() {
    transport.close();
  }

  @Test
  void handshakesAndReadsTheReleaseVersion() throws Exception {
    Connection connection = await(factory.connect(config.build()));
    try {
      assertThat(connection.isOpen()).isTrue();
      assertThat(connection.supported().options()).containsKey("CQL_VERSION");
      ResponseEnvelope response =
          await(connection.send(query("SELECT release_version FROM system.local"), TIMEOUT));
      String line = System.getProperty(CassandraExtension.VERSION_PROPERTY, "5.0");
      assertThat(column(response, String.class)).singleElement().asString().startsWith(line);
      assertThat(connection.inFlight()).isZero();
    } finally {
      await(connection.close());
    }
    assertThat(connection.isOpen()).isFalse();
  }

  @Test
  void writesAndReadsAOneMebibyteBlobWithLz4() throws Exception {
    roundTripBlob(Compressors.lz4(), 1);
  }

  @Test
  void writesAndReadsAOneMebibyteBlobWithSnappy() throws Exception {
    roundTripBlob(Compressors.snappy(), 2);
  }

  private void roundTripBlob(Compressor compressor, int key) throws Exception {
    Connection connection = await(factory.connect(config.compressor(compressor).build()));
    config.compressor(null);
    try {
      assertThat(connection.compression()).contains(compressor.algorithm());
      byte[] blob = new byte[1 << 20];
      new Random(key).nextBytes(blob);
      // half random, half repetitive: both compressible and incompressible stretches
      for (int i = blob.length / 2; i < blob.length; i++) {
        blob[i] = (byte) (i % 7);
      }
      byte[] k = ByteBuffer.allocate(4).putInt(key).array();
      ReferenceCountUtil.release(
          await(
                  connection.send(
                      query(
                          "INSERT INTO conn_it.blobs (k, v) VALUES (?, ?)", RawValues.of(k, blob)),
                      TIMEOUT))
              .message());
      ResponseEnvelope read =
          await(
              connection.send(
                  query("SELECT v FROM conn_it.blobs WHERE k = ?", RawValues.of(k)), TIMEOUT));
      List<ByteBuffer> values = column(read, ByteBuffer.class);
      assertThat(values).hasSize(1);
      byte[] back = new byte[values.get(0).remaining()];
      values.get(0).get(back);
      assertThat(back).isEqualTo(blob);
    } finally {
      await(connection.close());
    }
  }

  @Test
  void tenThousandConcurrentRequestsOnTwoConnectionsAllSucceed() throws Exception {
    List<Connection> connections =
        List.of(await(factory.connect(config.build())), await(factory.connect(config.build())));
    try {
      int total = 10_000;
      List<CompletableFuture<ResponseEnvelope>> futures = new ArrayList<>(total);
      long start = System.nanoTime();
      for (int i = 0; i < total; i++) {
        futures.add(
            connections
                .get(i % 2)
                .send(query("SELECT release_version FROM system.local"), TIMEOUT));
      }
      int ok = 0;
      for (CompletableFuture<ResponseEnvelope> f : futures) {
        assertThat(column(f.get(60, TimeUnit.SECONDS), String.class)).hasSize(1);
        ok++;
      }
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      LOG.info("{} concurrent requests on 2 connections in {} ms", total, millis);
      assertThat(ok).isEqualTo(total);
      assertThat(connections).allSatisfy(c -> assertThat(c.inFlight()).isZero());
    } finally {
      for (Connection c : connections) {
        await(c.close());
      }
    }
  }

  @Test
  void forcedCloseFailsTheRequestsInFlightClearly() throws Exception {
    Connection connection = await(factory.connect(config.build()));
    List<CompletableFuture<ResponseEnvelope>> futures = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      futures.add(connection.send(query("SELECT * FROM system.local"), TIMEOUT));
    }
    await(connection.forceClose());
    int succeeded = 0;
    int failed = 0;
    for (CompletableFuture<ResponseEnvelope> f : futures) {
      try {
        ReferenceCountUtil.release(f.get(5, TimeUnit.SECONDS).message());
        succeeded++;
      } catch (ExecutionException e) {
        assertThat(e.getCause())
            .isInstanceOf(ConnectionException.class)
            .hasMessageContaining("closed by the driver (forced)");
        failed++;
      }
    }
    LOG.info("forced close: {} completed before, {} failed", succeeded, failed);
    assertThat(failed).isPositive();
    assertThat(connection.isOpen()).isFalse();
  }

  @Test
  void gracefulCloseLetsTheRequestsInFlightComplete() throws Exception {
    Connection connection = await(factory.connect(config.build()));
    List<CompletableFuture<ResponseEnvelope>> futures = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      futures.add(connection.send(query("SELECT * FROM system.local"), TIMEOUT));
    }
    CompletableFuture<Void> closed = connection.close();
    for (CompletableFuture<ResponseEnvelope> f : futures) {
      ReferenceCountUtil.release(f.get(30, TimeUnit.SECONDS).message());
    }
    closed.get(10, TimeUnit.SECONDS);
    assertThat(connection.isOpen()).isFalse();
  }

  @Test
  void epollTransportWhenAvailable() throws Exception {
    Transport epoll;
    try {
      epoll = Transport.create(Transport.Kind.EPOLL, 1);
    } catch (IllegalStateException e) {
      LOG.info("epoll unavailable here: {}", e.getMessage());
      org.junit.jupiter.api.Assumptions.abort("epoll unavailable: " + e.getMessage());
      return;
    }
    try {
      Connection connection = await(new ConnectionFactory(epoll).connect(config.build()));
      ResponseEnvelope response =
          await(connection.send(query("SELECT release_version FROM system.local"), TIMEOUT));
      assertThat(column(response, String.class)).hasSize(1);
      await(connection.close());
    } finally {
      epoll.close();
    }
  }
}
