package org.cql4j.session.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.ProtocolException;
import org.cql4j.protocol.errors.DbError;
import org.cql4j.protocol.errors.DbException;
import org.cql4j.protocol.frame.RequestEnvelope;
import org.cql4j.protocol.frame.ResponseEnvelope;
import org.cql4j.protocol.message.BoundValues;
import org.cql4j.protocol.message.ErrorMessage;
import org.cql4j.protocol.message.Options;
import org.cql4j.protocol.message.Query;
import org.cql4j.protocol.message.QueryParameters;
import org.cql4j.protocol.message.RowsMetadata;
import org.cql4j.protocol.message.RowsResult;
import org.cql4j.protocol.message.SetKeyspaceResult;
import org.cql4j.protocol.message.VoidResult;
import org.cql4j.protocol.types.ColumnSpec;
import org.cql4j.protocol.types.ColumnType;
import org.cql4j.session.errors.ConnectionException;
import org.cql4j.session.errors.RequestTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakCheck.class)
class ConnectionTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  // filling all 32,768 stream ids takes seconds under the paranoid leak detector on a busy machine:
  // those requests must not time out before the test looks at them
  private static final Duration LONG_TIMEOUT = Duration.ofMinutes(5);

  private static Query query(String cql) {
    return new Query(cql, QueryParameters.of(Consistency.ONE, BoundValues.EMPTY));
  }

  private static Throwable failure(CompletableFuture<?> future) {
    assertThat(future).isCompletedExceptionally();
    try {
      future.get(0, TimeUnit.SECONDS);
      throw new AssertionError("not failed");
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** A rows result holding {@code size} bytes in a buffer of its own. */
  private static RowsResult rows(int size) {
    ByteBuf content = Unpooled.buffer();
    content.writeInt(size);
    content.writeBytes(new byte[size]);
    return new RowsResult(
        RowsMetadata.of(List.of(new ColumnSpec("ks", "t", "b", ColumnType.BLOB)), null),
        1,
        content);
  }

  @Test
  void routesResponsesByStreamIdInAnyOrder() throws Exception {
    try (FakeNode node = FakeNode.open()) {
      List<CompletableFuture<ResponseEnvelope>> futures = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        futures.add(node.connection.send(query("USE ks" + i), TIMEOUT));
      }
      List<RequestEnvelope> requests = node.requests();
      assertThat(requests).hasSize(3);
      assertThat(requests).extracting(RequestEnvelope::streamId).doesNotHaveDuplicates();
      assertThat(node.connection.inFlight()).isEqualTo(3);
      for (int i = 2; i >= 0; i--) {
        RequestEnvelope request = requests.get(i);
        String keyspace = ((Query) request.message()).query().substring(4);
        node.respond(request.streamId(), new SetKeyspaceResult(keyspace));
      }
      for (int i = 0; i < 3; i++) {
        assertThat(futures.get(i).get().message()).isEqualTo(new SetKeyspaceResult("ks" + i));
      }
      assertThat(node.connection.inFlight()).isZero();
    }
  }

  @Test
  void flushesOnceForAllTheRequestsOfOneEventLoopTurn() {
    try (FakeNode node = FakeNode.open()) {
      int before = node.flushes;
      for (int i = 0; i < 200; i++) {
        node.connection.send(new Options(), TIMEOUT);
      }
      assertThat(node.requests()).hasSize(200);
      assertThat(node.flushes - before).isEqualTo(1);
      node.connection.send(new Options(), TIMEOUT);
      assertThat(node.requests()).hasSize(1);
      assertThat(node.flushes - before).isEqualTo(2);
    }
  }

  /** Small frames of one turn share a buffer; a large one goes alone; the order is kept. */
  @Test
  void smallFramesOfOneTurnAreWrittenTogetherAndLargeOnesAloneInOrder() {
    try (FakeNode node = FakeNode.open()) {
      String large = "SELECT '" + "x".repeat(RequestWriter.COALESCE_LIMIT) + "'";
      List<String> sent = List.of("a", "b", large, "c", "d", "e");
      sent.forEach(cql -> node.connection.send(query(cql), TIMEOUT));
      node.channel.runPendingTasks();

      List<Integer> bufferSizes = new ArrayList<>();
      for (Object written : node.channel.outboundMessages()) {
        bufferSizes.add(((ByteBuf) written).readableBytes());
      }
      assertThat(bufferSizes).hasSize(3); // [a b] [large] [c d e]
      assertThat(bufferSizes.get(1)).isGreaterThan(RequestWriter.COALESCE_LIMIT);
      assertThat(node.requests())
          .extracting(r -> ((Query) r.message()).query())
          .containsExactlyElementsOf(sent);
    }
  }

  @Test
  void timeoutFailsTheRequestAndOrphansItsIdUntilTheLateResponse() {
    try (FakeNode node = FakeNode.open()) {
      CompletableFuture<ResponseEnvelope> future =
          node.connection.send(query("SELECT"), Duration.ofMillis(100));
      int streamId = node.request().streamId();
      node.advanceMillis(99);
      assertThat(future).isNotDone();
      node.advanceMillis(2);
      Throwable error = failure(future);
      assertThat(error)
          .isInstanceOf(RequestTimeoutException.class)
          .hasMessageContaining("QUERY to " + FakeNode.ADDRESS)
          .hasMessageContaining("timed out after 100 ms")
          .hasMessageContaining("stream " + streamId);
      assertThat(((RequestTimeoutException) error).timeout()).contains(Duration.ofMillis(100));
      assertThat(node.connection.orphans()).isEqualTo(1);
      assertThat(node.connection.inFlight()).isEqualTo(1);

      // the next request must not reuse the orphaned id
      node.connection.send(new Options(), TIMEOUT);
      assertThat(node.request().streamId()).isNotEqualTo(streamId);

      ByteBuf late = node.encode(streamId, rows(1000));
      node.respondRaw(late);
      assertThat(late.refCnt()).isZero();
      assertThat(node.connection.orphans()).isZero();
      assertThat(node.connection.inFlight()).isEqualTo(1);
      assertThat(node.connection.isOpen()).isTrue();
    }
  }

  @Test
  void tooManyOrphansCloseTheConnection() {
    try (FakeNode node = FakeNode.open(b -> b.maxOrphans(2))) {
      List<CompletableFuture<ResponseEnvelope>> slow = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        slow.add(node.connection.send(new Options(), Duration.ofMillis(50)));
      }
      CompletableFuture<ResponseEnvelope> patient =
          node.connection.send(new Options(), Duration.ofSeconds(60));
      assertThat(node.requests()).hasSize(4);
      node.advanceMillis(60);
      slow.forEach(f -> assertThat(failure(f)).isInstanceOf(RequestTimeoutException.class));
      assertThat(node.connection.isOpen()).isFalse();
      assertThat(node.connection.closeFuture()).isDone();
      assertThat(failure(patient))
          .isInstanceOf(ConnectionException.class)
          .hasMessageContaining("3 requests timed out and were never answered")
          .hasMessageContaining("limit is 2");
    }
  }

  @Test
  void malformedFrameClosesTheConnectionAndFailsEveryRequest() {
    try (FakeNode node = FakeNode.open()) {
      CompletableFuture<ResponseEnvelope> a = node.connection.send(new Options(), TIMEOUT);
      CompletableFuture<ResponseEnvelope> b = node.connection.send(new Options(), TIMEOUT);
      assertThat(node.requests()).hasSize(2);
      // opcode 0x7F does not exist
      ByteBuf garbage = Unpooled.wrappedBuffer(new byte[] {(byte) 0x84, 0, 0, 0, 0x7F, 0, 0, 0, 0});
      node.respondRaw(garbage);
      assertThat(garbage.refCnt()).isZero();
      for (CompletableFuture<ResponseEnvelope> f : List.of(a, b)) {
        assertThat(failure(f))
            .isInstanceOf(ConnectionException.class)
            .hasMessageContaining("malformed frame from " + FakeNode.ADDRESS)
            .hasMessageContaining("unknown opcode 0x7f");
      }
      assertThat(node.channel.isOpen()).isFalse();
      assertThat(failure(node.connection.send(new Options(), TIMEOUT)))
          .isInstanceOf(ConnectionException.class)
          .hasMessageContaining("is closed");
    }
  }

  @Test
  void undecodableBodyFailsOnlyItsOwnRequest() throws Exception {
    try (FakeNode node = FakeNode.open()) {
      CompletableFuture<ResponseEnvelope> bad = node.connection.send(new Options(), TIMEOUT);
      CompletableFuture<ResponseEnvelope> good = node.connection.send(new Options(), TIMEOUT);
      List<RequestEnvelope> requests = node.requests();
      // a RESULT of kind 0x0003 (SetKeyspace) whose [string] claims 100 bytes but has 1
      ByteBuf frame = Unpooled.buffer();
      frame.writeBytes(new byte[] {(byte) 0x84, 0, 0, (byte) requests.get(0).streamId(), 0x08});
      frame.writeInt(7);
      frame.writeInt(3);
      frame.writeShort(100);
      frame.writeByte('k');
      node.respondRaw(frame);
      assertThat(failure(bad)).isInstanceOf(ProtocolException.class);
      node.respond(requests.get(1).streamId(), new VoidResult());
      assertThat(good.get().message()).isEqualTo(new VoidResult());
      assertThat(node.connection.isOpen()).isTrue();
      assertThat(node.connection.inFlight()).isZero();
    }
  }

  @Test
  void errorResponsesFailWithTheServerErrorSoUnpreparedCanBeSeen() {
    try (FakeNode node = FakeNode.open()) {
      CompletableFuture<ResponseEnvelope> future = node.connection.send(query("x"), TIMEOUT);
      byte[] id = "id".getBytes(StandardCharsets.UTF_8);
      node.respond(
          node.request().streamId(),
          ErrorMessage.of(new DbError.Unprepared(id), "Prepared query with ID 6964 not found"));
      Throwable error = failure(future);
      assertThat(error).isInstanceOf(DbException.class);
      assertThat(((DbException) error).error()).isEqualTo(new DbError.Unprepared(id));
      assertThat(node.connection.isOpen()).isTrue();
    }
  }

  @Test
  void rowsResultsAreHandedToTheCallerWhoReleasesThem() throws Exception {
    try (FakeNode node = FakeNode.open()) {
      CompletableFuture<ResponseEnvelope> future = node.connection.send(query("SELECT"), TIMEOUT);
      ByteBuf frame = node.encode(node.request().streamId(), rows(5000));
      node.respondRaw(frame);
      RowsResult rows = (RowsResult) future.get().message();
      assertThat(rows.refCnt()).isEqualTo(1);
      assertThat(rows.rowsContent().readableBytes()).isEqualTo(5004);
      ReferenceCountUtil.release(rows);
      assertThat(frame.refCnt()).isZero();
    }
  }

  @Test
  void responsesToCancelledRequestsAreReleased() {
    try (FakeNode node = FakeNode.open()) {
      CompletableFuture<ResponseEnvelope> future = node.connection.send(query("SELECT"), TIMEOUT);
      int streamId = node.request().streamId();
      future.cancel(false);
      ByteBuf frame = node.encode(streamId, rows(100));
      node.respondRaw(frame);
      assertThat(frame.refCnt()).isZero();
      assertThat(node.connection.inFlight()).isZero();
    }
  }

  @Test
  void requestsCancelledBeforeBeingWrittenAreNotSent() {
    try (FakeNode node = FakeNode.open()) {
      node.connection.send(new Options(), TIMEOUT).cancel(false);
      assertThat(node.requests()).isEmpty();
      assertThat(node.connection.inFlight()).isZero();
      assertThat(node.connection.waiting()).isZero();
    }
  }

  @Test
  void waitsForAFreeStreamIdWhenAllAreTakenAndFailsFastPastTheWaitingLimit() throws Exception {
    try (FakeNode node = FakeNode.open(b -> b.maxWaitingRequests(3))) {
      List<CompletableFuture<ResponseEnvelope>> first = new ArrayList<>();
      for (int i = 0; i < StreamIds.MAX; i++) {
        first.add(node.connection.send(new Options(), LONG_TIMEOUT));
      }
      List<RequestEnvelope> written = node.requests();
      assertThat(written).hasSize(StreamIds.MAX);
      assertThat(node.connection.inFlight()).isEqualTo(StreamIds.MAX);
      assertThat(node.connection.availableStreams()).isZero();

      CompletableFuture<ResponseEnvelope> w1 = node.connection.send(query("w1"), LONG_TIMEOUT);
      CompletableFuture<ResponseEnvelope> w2 = node.connection.send(query("w2"), LONG_TIMEOUT);
      CompletableFuture<ResponseEnvelope> w3 = node.connection.send(query("w3"), LONG_TIMEOUT);
      assertThat(node.requests()).isEmpty();
      assertThat(node.connection.waiting()).isEqualTo(3);
      assertThat(failure(node.connection.send(query("w4"), LONG_TIMEOUT)))
          .isInstanceOf(ConnectionException.class)
          .hasMessageContaining("is full: 32768 requests in flight and 3 waiting");

      node.respond(written.get(10).streamId(), new VoidResult());
      node.respond(written.get(20).streamId(), new VoidResult());
      List<RequestEnvelope> next = node.requests();
      assertThat(next).extracting(r -> ((Query) r.message()).query()).containsExactly("w1", "w2");
      assertThat(next)
          .extracting(RequestEnvelope::streamId)
          .containsExactlyInAnyOrder(written.get(10).streamId(), written.get(20).streamId());
      assertThat(w3).isNotDone();
      node.respond(next.get(0).streamId(), new VoidResult());
      assertThat(w1.get().message()).isEqualTo(new VoidResult());
      assertThat(w2).isNotDone();
      assertThat(node.request().message()).isEqualTo(query("w3"));
      assertThat(first.get(10)).isCompleted();
      assertThat(first.get(11)).isNotDone();
    }
  }

  @Test
  void requestsWaitingForAnIdTimeOutWithoutBeingWritten() {
    try (FakeNode node = FakeNode.open(64, b -> b)) {
      for (int i = 0; i < 64; i++) {
        node.connection.send(new Options(), Duration.ofSeconds(60));
      }
      assertThat(node.requests()).hasSize(64);
      CompletableFuture<ResponseEnvelope> waiting =
          node.connection.send(new Options(), Duration.ofMillis(100));
      node.requests();
      node.advanceMillis(200);
      assertThat(failure(waiting))
          .isInstanceOf(RequestTimeoutException.class)
          .hasMessageContaining("waiting for a free stream id");
      assertThat(node.connection.waiting()).isZero();
      assertThat(node.connection.orphans()).isZero();
    }
  }

  @Test
  void forceCloseFailsTheRequestsInFlightAndWaiting() {
    try (FakeNode node = FakeNode.open()) {
      CompletableFuture<ResponseEnvelope> written = node.connection.send(new Options(), TIMEOUT);
      node.requests();
      CompletableFuture<ResponseEnvelope> queued = node.connection.send(new Options(), TIMEOUT);
      CompletableFuture<Void> closed = node.connection.forceClose();
      node.channel.runPendingTasks();
      assertThat(closed).isCompleted();
      for (CompletableFuture<ResponseEnvelope> f : List.of(written, queued)) {
        assertThat(failure(f))
            .isInstanceOf(ConnectionException.class)
            .hasMessageContaining("closed by the driver (forced)");
      }
      assertThat(node.connection.isOpen()).isFalse();
      assertThat(node.connection.inFlight()).isZero();
    }
  }

  @Test
  void gracefulCloseLetsTheRequestsInFlightFinish() throws Exception {
    try (FakeNode node = FakeNode.open()) {
      CompletableFuture<ResponseEnvelope> inFlight = node.connection.send(new Options(), TIMEOUT);
      int streamId = node.request().streamId();
      CompletableFuture<Void> closed = node.connection.close();
      node.channel.runPendingTasks();
      assertThat(failure(node.connection.send(new Options(), TIMEOUT)))
          .isInstanceOf(ConnectionException.class)
          .hasMessageContaining("is closing");
      assertThat(closed).isNotDone();
      node.respond(streamId, new VoidResult());
      assertThat(inFlight.get().message()).isEqualTo(new VoidResult());
      assertThat(closed).isCompleted();
      assertThat(node.channel.isOpen()).isFalse();
    }
  }

  @Test
  void serverClosingTheConnectionFailsTheRequestsInFlight() {
    try (FakeNode node = FakeNode.open()) {
      CompletableFuture<ResponseEnvelope> future = node.connection.send(new Options(), TIMEOUT);
      node.requests();
      node.channel.close();
      assertThat(failure(future))
          .isInstanceOf(ConnectionException.class)
          .hasMessage("connection to " + FakeNode.ADDRESS + " was closed by the server");
      assertThat(node.connection.closeCause()).isPresent();
    }
  }

  @Test
  void serializationErrorsFailTheFutureOnTheCallersThread() {
    try (FakeNode node = FakeNode.open(b -> b.maxFrameLength(100))) {
      CompletableFuture<ResponseEnvelope> future =
          node.connection.send(query("x".repeat(200)), TIMEOUT);
      assertThat(failure(future)).isNotNull();
      assertThat(node.requests()).isEmpty();
      assertThat(node.connection.isOpen()).isTrue();
    }
  }

  @Test
  void sendsFromManyThreadsAreAllWritten() throws Exception {
    try (FakeNode node = FakeNode.open()) {
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        threads.add(
            new Thread(
                () -> {
                  for (int i = 0; i < 500; i++) {
                    node.connection.send(new Options(), TIMEOUT);
                  }
                }));
      }
      threads.forEach(Thread::start);
      for (Thread t : threads) {
        t.join();
      }
      assertThat(node.requests()).hasSize(2000);
      assertThat(failure(node.connection.send(null, TIMEOUT)))
          .isInstanceOf(NullPointerException.class);
    }
  }
}
