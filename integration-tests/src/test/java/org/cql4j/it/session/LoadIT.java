package org.cql4j.it.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.cql4j.protocol.value.Values;
import org.cql4j.session.Compression;
import org.cql4j.session.QueryResult;
import org.cql4j.session.Session;
import org.cql4j.session.errors.ConnectionException;
import org.cql4j.session.errors.SessionClosedException;
import org.cql4j.session.statement.PreparedStatement;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.TestCluster;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Many requests at once, large values through compression, and closing under load. */
@CassandraTest
class LoadIT {

  @BeforeAll
  static void schema(TestCluster cassandra) {
    try (Session session = Session.builder().knownNodes(cassandra.contactPoints()).build()) {
      session.queryUnpaged(
          "CREATE KEYSPACE IF NOT EXISTS load_it WITH replication ="
              + " {'class': 'SimpleStrategy', 'replication_factor': 1}");
      session.queryUnpaged("CREATE TABLE IF NOT EXISTS load_it.kv (k int PRIMARY KEY, v int)");
      session.queryUnpaged("CREATE TABLE IF NOT EXISTS load_it.blobs (k int PRIMARY KEY, b blob)");
    }
  }

  @Test
  void completesTenThousandConcurrentRequests(TestCluster cassandra) {
    try (Session session = Session.builder().knownNodes(cassandra.contactPoints()).build()) {
      PreparedStatement insert = session.prepare("INSERT INTO load_it.kv (k, v) VALUES (?, ?)");
      List<CompletableFuture<QueryResult>> futures = new ArrayList<>();
      for (int i = 0; i < 10_000; i++) {
        futures.add(session.executeUnpagedAsync(insert, Values.of(i, i * 2)));
      }
      CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
          .orTimeout(120, TimeUnit.SECONDS)
          .join();
      long count =
          session
              .queryUnpaged("SELECT count(*) FROM load_it.kv")
              .intoRowsResult()
              .singleRow(Long.class);
      assertThat(count).isGreaterThanOrEqualTo(10_000L);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Compression.class,
      names = {"LZ4", "SNAPPY"})
  void roundTripsAOneMebibyteBlobCompressed(Compression compression, TestCluster cassandra) {
    byte[] blob = new byte[1 << 20];
    new Random(42).nextBytes(blob);
    for (int i = 0; i < blob.length; i += 3) {
      blob[i] = 0; // partly compressible
    }
    try (Session session =
        Session.builder().knownNodes(cassandra.contactPoints()).compression(compression).build()) {
      int key = compression.ordinal();
      session.queryUnpaged(
          "INSERT INTO load_it.blobs (k, b) VALUES (?, ?)", Values.of(key, ByteBuffer.wrap(blob)));
      ByteBuffer read =
          session
              .queryUnpaged("SELECT b FROM load_it.blobs WHERE k = ?", Values.of(key))
              .intoRowsResult()
              .singleRow(ByteBuffer.class);
      assertThat(read).isEqualTo(ByteBuffer.wrap(blob));
    }
  }

  @Test
  void closingWithRequestsInFlightCompletesEveryOne(TestCluster cassandra) {
    Session session = Session.builder().knownNodes(cassandra.contactPoints()).build();
    PreparedStatement read = session.prepare("SELECT v FROM load_it.kv WHERE k = ?");
    List<CompletableFuture<QueryResult>> futures = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      futures.add(session.executeUnpagedAsync(read, Values.of(i)));
    }
    session.close();
    CompletableFuture<Void> all =
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).handle((v, e) -> null);
    all.orTimeout(60, TimeUnit.SECONDS).join();
    for (CompletableFuture<QueryResult> f : futures) {
      // each one either got its answer or failed with a clear connection error; none is lost
      f.handle(
              (r, e) -> {
                if (e != null) {
                  assertThat(e).hasCauseInstanceOf(ConnectionException.class);
                }
                return null;
              })
          .join();
    }
    assertThat(futures).anyMatch(f -> !f.isCompletedExceptionally());
    assertThatThrownBy(() -> session.prepare("SELECT 1"))
        .isInstanceOf(SessionClosedException.class);
  }
}
