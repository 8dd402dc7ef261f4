package org.cql4j.testkit.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.ProtocolException;
import org.cql4j.protocol.errors.DbError;
import org.cql4j.protocol.errors.WriteType;
import org.cql4j.protocol.frame.Opcode;
import org.cql4j.protocol.message.ErrorMessage;
import org.cql4j.protocol.message.Register;
import org.cql4j.protocol.message.Response;
import org.cql4j.protocol.message.RowsResult;
import org.cql4j.protocol.message.VoidResult;
import org.cql4j.testkit.CqlProxy;
import org.cql4j.testkit.NullCqlServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every rule action and condition, against the null server through real sockets. */
class CqlProxyTest {
  private NullCqlServer server;
  private CqlProxy proxy;
  private InetSocketAddress address;

  @BeforeEach
  void start() {
    server = NullCqlServer.builder().address("127.0.77.1").start();
    proxy = CqlProxy.builder().node(server.contactPoint(), "127.0.77.2:0").start();
    address = proxy.node(1).proxyAddress();
  }

  @AfterEach
  void stop() {
    proxy.close();
    server.close();
  }

  private static void release(Response response) {
    if (response instanceof RowsResult rows) {
      rows.release();
    }
  }

  @Test
  void forwardsUnchangedAndCountsFramesBytesAndConnections() throws IOException {
    try (TestClient client = TestClient.ready(address)) {
      Response rows = client.query("SELECT * FROM system.local");
      assertThat(rows).isInstanceOf(RowsResult.class);
      release(rows);
    }
    ProxyCounters counters = proxy.node(1).counters();
    assertThat(counters.connectionsOpened()).isEqualTo(1);
    assertThat(counters.frames(Opcode.OPTIONS)).isEqualTo(1);
    assertThat(counters.frames(Opcode.SUPPORTED)).isEqualTo(1);
    assertThat(counters.frames(Opcode.STARTUP)).isEqualTo(1);
    assertThat(counters.frames(Opcode.QUERY)).isEqualTo(1);
    assertThat(counters.frames(Opcode.RESULT)).isEqualTo(1);
    assertThat(counters.requests()).isEqualTo(3);
    assertThat(counters.responses()).isEqualTo(3);
    assertThat(counters.bytesFromClients()).isGreaterThan(40);
    assertThat(counters.bytesFromNode()).isGreaterThan(counters.bytesFromClients());
    assertThat(proxy.node(1).connections()).hasSize(1);
    assertThat(proxy.node(1).connections().get(0).counters().requests()).isEqualTo(3);
  }

  @Test
  void rewritesSystemLocalSoTheProxyAddressIsDiscovered() throws IOException {
    try (TestClient client = TestClient.ready(address)) {
      RowsResult rows =
          (RowsResult) client.query("SELECT rpc_address, broadcast_address FROM system.local");
      try {
        var content = rows.rowsContent().duplicate();
        byte[] rpc = new byte[content.readInt()];
        content.readBytes(rpc);
        assertThat(rpc).containsExactly(127, 0, 77, 2);
      } finally {
        rows.release();
      }
    }
  }

  @Test
  void dropsARequestSoNoAnswerComes() throws IOException {
    proxy.node(1).rules().add(Condition.queryContains("system.local"), Action.drop());
    try (TestClient client = TestClient.ready(address)) {
      client.send(new org.cql4j.protocol.message.Query("SELECT * FROM system.local", params()));
      assertThatThrownBy(() -> client.read(Duration.ofMillis(300)))
          .isInstanceOf(SocketTimeoutException.class);
    }
    assertThat(proxy.node(1).counters().dropped()).isEqualTo(1);
  }

  @Test
  void dropsAResponse() throws IOException {
    proxy.node(1).rules().add(Condition.responseOpcode(Opcode.RESULT), Action.drop());
    try (TestClient client = TestClient.ready(address)) {
      client.send(new org.cql4j.protocol.message.Query("SELECT * FROM system.local", params()));
      assertThatThrownBy(() -> client.read(Duration.ofMillis(300)))
          .isInstanceOf(SocketTimeoutException.class);
    }
  }

  @Test
  void delaysARequest() throws IOException {
    proxy
        .node(1)
        .rules()
        .add(Condition.requestOpcode(Opcode.QUERY), Action.delay(Duration.ofMillis(300)));
    try (TestClient client = TestClient.ready(address)) {
      long start = System.nanoTime();
      release(client.query("SELECT * FROM system.local"));
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(Duration.ofMillis(290));
    }
  }

  @Test
  void delaysByARandomAmountWithinTheRange() throws IOException {
    proxy
        .node(1)
        .rules()
        .add(
            Condition.requestOpcode(Opcode.QUERY),
            Action.delay(Duration.ofMillis(100), Duration.ofMillis(200), 7));
    try (TestClient client = TestClient.ready(address)) {
      long start = System.nanoTime();
      release(client.query("SELECT * FROM system.local"));
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(took).isBetween(Duration.ofMillis(95), Duration.ofMillis(1_000));
    }
  }

  @Test
  void forgesErrorsWithTheirBodies() throws IOException {
    Rules rules = proxy.node(1).rules();
    rules.add(
        Condition.queryContains("overloaded"), Action.forgeError(new DbError.Overloaded(), "busy"));
    rules.add(
        Condition.queryContains("timeout"),
        Action.forgeError(
            new DbError.WriteTimeout(Consistency.QUORUM, 1, 2, WriteType.SIMPLE), "late"));
    rules.add(
        Condition.queryContains("unavailable"),
        Action.forgeError(new DbError.Unavailable(Consistency.ALL, 3, 1), "gone"));
    try (TestClient client = TestClient.ready(address)) {
      ErrorMessage overloaded = (ErrorMessage) client.query("SELECT overloaded FROM system.local");
      assertThat(overloaded.error()).isEqualTo(new DbError.Overloaded());
      assertThat(overloaded.message()).isEqualTo("busy");
      ErrorMessage timeout = (ErrorMessage) client.query("SELECT timeout FROM system.local");
      assertThat(timeout.error())
          .isEqualTo(new DbError.WriteTimeout(Consistency.QUORUM, 1, 2, WriteType.SIMPLE));
      ErrorMessage unavailable =
          (ErrorMessage) client.query("SELECT unavailable FROM system.local");
      assertThat(unavailable.error()).isEqualTo(new DbError.Unavailable(Consistency.ALL, 3, 1));
    }
    assertThat(proxy.node(1).counters().forged()).isEqualTo(3);
    assertThat(proxy.node(1).counters().frames(Opcode.QUERY)).isEqualTo(3);
  }

  @Test
  void forgesAnyResponseAndReplacesResponses() throws IOException {
    proxy
        .node(1)
        .rules()
        .add(Condition.queryContains("nothing"), Action.forgeResponse(VoidResult.INSTANCE));
    proxy
        .node(1)
        .rules()
        .add(
            Condition.responseOpcode(Opcode.RESULT).and(Condition.queryContains("peers")),
            Action.forgeError(new DbError.ServerError(), "replaced"));
    try (TestClient client = TestClient.ready(address)) {
      assertThat(client.query("SELECT nothing FROM nowhere")).isSameAs(VoidResult.INSTANCE);
      ErrorMessage replaced = (ErrorMessage) client.query("SELECT * FROM system.peers");
      assertThat(replaced.error()).isEqualTo(new DbError.ServerError());
    }
  }

  @Test
  void modifiesARequestBody() throws IOException {
    byte[] from = "SELECT * FROM nowhere.at_all".getBytes(StandardCharsets.UTF_8);
    byte[] to = "SELECT * FROM system.local ".getBytes(StandardCharsets.UTF_8);
    proxy
        .node(1)
        .rules()
        .add(
            Condition.queryContains("nowhere"),
            Action.modify(
                (frame, body) -> {
                  String text = new String(body, StandardCharsets.ISO_8859_1);
                  return text.replace(
                          new String(from, StandardCharsets.ISO_8859_1),
                          new String(
                                  java.util.Arrays.copyOf(to, from.length),
                                  StandardCharsets.ISO_8859_1)
                              .replace('\0', ' '))
                      .getBytes(StandardCharsets.ISO_8859_1);
                }));
    try (TestClient client = TestClient.ready(address)) {
      Response answer = client.query("SELECT * FROM nowhere.at_all");
      assertThat(answer).isInstanceOf(RowsResult.class);
      release(answer);
    }
  }

  @Test
  void replacesABodyOnTheWireWithoutCompressingIt() throws IOException {
    byte[] voidResult = {0, 0, 0, 1}; // RESULT kind Void (native_protocol_v4.spec §4.2.5.1)
    proxy
        .node(1)
        .rules()
        .add(
            Condition.responseOpcode(Opcode.RESULT).and(Condition.queryContains("local")),
            Action.replaceBodyOnWire(voidResult, false));
    proxy
        .node(1)
        .rules()
        .add(
            Condition.responseOpcode(Opcode.RESULT).and(Condition.queryContains("peers")),
            Action.replaceBodyOnWire(voidResult, true));
    try (TestClient client = TestClient.ready(address)) {
      assertThat(client.query("SELECT * FROM system.local")).isSameAs(VoidResult.INSTANCE);
      // flagged as compressed, on a connection without compression: the client says so
      assertThatThrownBy(() -> client.query("SELECT * FROM system.peers"))
          .isInstanceOf(ProtocolException.class)
          .hasMessageContaining("no compression was negotiated");
    }
  }

  @Test
  void closesTheConnectionWithAFin() throws IOException {
    proxy.node(1).rules().add(Condition.requestOpcode(Opcode.QUERY), Action.closeConnection());
    try (TestClient client = TestClient.ready(address)) {
      client.send(new org.cql4j.protocol.message.Query("SELECT * FROM system.local", params()));
      assertThat(client.readToEnd(Duration.ofSeconds(2))).isZero();
    }
  }

  @Test
  void resetsTheConnectionWithAnRst() throws IOException {
    proxy.node(1).rules().add(Condition.requestOpcode(Opcode.QUERY), Action.resetConnection());
    try (TestClient client = TestClient.ready(address)) {
      client.send(new org.cql4j.protocol.message.Query("SELECT * FROM system.local", params()));
      assertThatThrownBy(() -> client.readToEnd(Duration.ofSeconds(2)))
          .isInstanceOf(SocketException.class)
          .hasMessageContaining("reset");
    }
  }

  @Test
  void stopsReadingFromTheNodeUntilResumed() throws IOException {
    proxy
        .node(1)
        .rules()
        .add(Condition.requestOpcode(Opcode.QUERY).times(1), Action.stopReading(Side.NODE));
    try (TestClient client = TestClient.ready(address)) {
      client.send(new org.cql4j.protocol.message.Query("SELECT * FROM system.local", params()));
      assertThatThrownBy(() -> client.read(Duration.ofMillis(300)))
          .isInstanceOf(SocketTimeoutException.class);
      proxy.node(1).resumeReading();
      Response late = client.read(Duration.ofSeconds(2)).message();
      assertThat(late).isInstanceOf(RowsResult.class);
      release(late);
    }
  }

  @Test
  void stopsReadingFromTheClient() throws IOException {
    proxy
        .node(1)
        .rules()
        .add(Condition.requestOpcode(Opcode.QUERY).times(1), Action.stopReading(Side.CLIENT));
    try (TestClient client = TestClient.ready(address)) {
      release(client.query("SELECT * FROM system.local")); // forwarded, then reading stops
      client.send(new org.cql4j.protocol.message.Query("SELECT * FROM system.peers", params()));
      assertThatThrownBy(() -> client.read(Duration.ofMillis(300)))
          .isInstanceOf(SocketTimeoutException.class);
      proxy.resetRules();
      Response late = client.read(Duration.ofSeconds(2)).message();
      assertThat(late).isInstanceOf(RowsResult.class);
      release(late);
    }
  }

  @Test
  void teesMatchingFramesIntoAQueue() throws IOException {
    Tee tee = new Tee();
    proxy
        .rules()
        .add(
            Condition.requestOpcode(Opcode.QUERY).or(Condition.responseOpcode(Opcode.RESULT)),
            Action.tee(tee));
    try (TestClient client = TestClient.ready(address)) {
      release(client.query("SELECT * FROM system.local", Consistency.LOCAL_QUORUM));
    }
    List<TeedFrame> frames = tee.await(2, Duration.ofSeconds(2));
    assertThat(frames.get(0).direction()).isEqualTo(Direction.REQUEST);
    assertThat(frames.get(0).query()).contains("SELECT * FROM system.local");
    assertThat(frames.get(1).opcode()).contains(Opcode.RESULT);
    assertThat(frames.get(1).query()).contains("SELECT * FROM system.local");
    assertThatThrownBy(() -> tee.await(1, Duration.ofMillis(50)))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void matchesQueryTextWithOrWithoutCase() throws IOException {
    proxy
        .node(1)
        .rules()
        .add(
            Condition.queryContains("FROM SYSTEM.PEERS"),
            Action.forgeError(new DbError.Overloaded(), "case"));
    proxy
        .node(1)
        .rules()
        .add(
            Condition.queryContainsIgnoreCase("FROM SYSTEM.LOCAL"),
            Action.forgeError(new DbError.IsBootstrapping(), "nocase"));
    try (TestClient client = TestClient.ready(address)) {
      Response peers = client.query("SELECT * FROM system.peers");
      assertThat(peers).isInstanceOf(RowsResult.class);
      release(peers);
      assertThat(((ErrorMessage) client.query("SELECT * FROM system.local")).error())
          .isEqualTo(new DbError.IsBootstrapping());
    }
  }

  @Test
  void matchesConsistencyKeyspaceAndTable() throws IOException {
    proxy
        .node(1)
        .rules()
        .add(
            Condition.consistency(Consistency.QUORUM),
            Action.forgeError(new DbError.Overloaded(), "quorum"));
    proxy
        .node(1)
        .rules()
        .add(
            Condition.table("shop", "orders"),
            Action.forgeError(new DbError.ServerError(), "orders"));
    proxy
        .node(1)
        .rules()
        .add(Condition.keyspace("shop"), Action.forgeError(new DbError.TruncateError(), "shop"));
    try (TestClient client = TestClient.ready(address)) {
      assertThat(
              ((ErrorMessage) client.query("SELECT * FROM system.local", Consistency.QUORUM))
                  .error())
          .isEqualTo(new DbError.Overloaded());
      assertThat(((ErrorMessage) client.query("SELECT * FROM shop.orders")).error())
          .isEqualTo(new DbError.ServerError());
      assertThat(((ErrorMessage) client.query("UPDATE shop.items SET a = 1 WHERE k = 1")).error())
          .isEqualTo(new DbError.TruncateError());
      Response other = client.query("SELECT * FROM system.local", Consistency.ONE);
      assertThat(other).isInstanceOf(RowsResult.class);
      release(other);
    }
  }

  @Test
  void matchesTheNthConnectionAndTheControlConnection() throws IOException {
    proxy
        .node(1)
        .rules()
        .add(Condition.connection(2), Action.forgeError(new DbError.Overloaded(), "second"));
    proxy
        .node(1)
        .rules()
        .add(
            Condition.controlConnection().and(Condition.requestOpcode(Opcode.QUERY)),
            Action.forgeError(new DbError.ServerError(), "control"));
    try (TestClient first = TestClient.ready(address);
        TestClient second = TestClient.connect(address);
        TestClient third = TestClient.ready(address)) {
      assertThat(((ErrorMessage) second.request(new org.cql4j.protocol.message.Options())).error())
          .isEqualTo(new DbError.Overloaded());
      Response fine = first.query("SELECT * FROM system.local");
      assertThat(fine).isInstanceOf(RowsResult.class);
      release(fine);
      third.request(new Register(List.of("TOPOLOGY_CHANGE")));
      assertThat(((ErrorMessage) third.query("SELECT * FROM system.local")).error())
          .isEqualTo(new DbError.ServerError());
      assertThat(proxy.node(1).connections().get(2).isControl()).isTrue();
    }
  }

  @Test
  void aSeededProbabilityDecidesTheSameWayEveryRun() throws IOException {
    proxy
        .node(1)
        .rules()
        .add(
            Condition.requestOpcode(Opcode.QUERY).and(Condition.probability(0.5, 42)),
            Action.forgeError(new DbError.Overloaded(), "coin"));
    SplittableRandom reference = new SplittableRandom(42);
    try (TestClient client = TestClient.ready(address)) {
      for (int i = 0; i < 20; i++) {
        Response r = client.query("SELECT * FROM system.local");
        assertThat(r instanceof ErrorMessage).isEqualTo(reference.nextDouble() < 0.5);
        release(r);
      }
    }
  }

  @Test
  void appliesForTheFirstNMatchesOnlyAndCombinesWithNot() throws IOException {
    proxy
        .node(1)
        .rules()
        .add(
            Condition.not(Condition.queryContains("peers"))
                .and(Condition.requestOpcode(Opcode.QUERY))
                .times(2),
            Action.forgeError(new DbError.Overloaded(), "twice"));
    try (TestClient client = TestClient.ready(address)) {
      Response peers = client.query("SELECT * FROM system.peers");
      assertThat(peers).isInstanceOf(RowsResult.class);
      release(peers);
      assertThat(client.query("SELECT * FROM system.local")).isInstanceOf(ErrorMessage.class);
      assertThat(client.query("SELECT * FROM system.local")).isInstanceOf(ErrorMessage.class);
      Response third = client.query("SELECT * FROM system.local");
      assertThat(third).isInstanceOf(RowsResult.class);
      release(third);
    }
  }

  @Test
  void matchesResponsesByErrorCode() throws IOException {
    Tee errors = new Tee();
    proxy.node(1).rules().add(Condition.errorCode(0x2200), Action.tee(errors));
    try (TestClient client = TestClient.ready(address)) {
      assertThat(client.query("SELECT * FROM nowhere.at_all")).isInstanceOf(ErrorMessage.class);
    }
    assertThat(errors.await(1, Duration.ofSeconds(2)).get(0).query())
        .contains("SELECT * FROM nowhere.at_all");
  }

  @Test
  void forgesUnpreparedForTheExecutedId() throws IOException {
    proxy.node(1).rules().add(Condition.requestOpcode(Opcode.EXECUTE), Action.forgeUnprepared());
    try (TestClient client = TestClient.ready(address)) {
      var prepared =
          (org.cql4j.protocol.message.PreparedResult)
              client.request(
                  new org.cql4j.protocol.message.Prepare(
                      NullCqlServer.BENCH_TABLE_CQL.contains("bench")
                          ? "SELECT pk, ck, name FROM bench.items WHERE pk = ?"
                          : ""));
      ErrorMessage error =
          (ErrorMessage)
              client.request(
                  new org.cql4j.protocol.message.Execute(
                      prepared.id(),
                      null,
                      org.cql4j.protocol.message.QueryParameters.of(
                          Consistency.ONE,
                          new org.cql4j.protocol.message.RawValues(null, List.of(new byte[8])))));
      assertThat(error.error()).isEqualTo(new DbError.Unprepared(prepared.id()));
    }
  }

  @Test
  void changesRulesWhileTrafficFlows() throws Exception {
    int[] errors = new int[1];
    int[] answers = new int[1];
    Thread load =
        new Thread(
            () -> {
              try (TestClient client = TestClient.ready(address)) {
                for (int i = 0; i < 400; i++) {
                  Response r = client.query("SELECT * FROM system.local");
                  if (r instanceof ErrorMessage) {
                    errors[0]++;
                  } else {
                    answers[0]++;
                  }
                  release(r);
                }
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });
    load.start();
    Rule rule = null;
    for (int i = 0; i < 20; i++) {
      Thread.sleep(10);
      if (rule == null) {
        rule =
            proxy
                .node(1)
                .rules()
                .add(
                    Condition.requestOpcode(Opcode.QUERY),
                    Action.forgeError(new DbError.Overloaded(), "flip"));
      } else {
        proxy.node(1).rules().remove(rule);
        rule = null;
      }
    }
    load.join(20_000);
    assertThat(errors[0] + answers[0]).isEqualTo(400);
    assertThat(errors[0]).isEqualTo(proxy.node(1).counters().forged());
  }

  @Test
  void forwardsMalformedBytesCountsThemAndKeepsServing() throws IOException {
    try (TestClient bad = TestClient.connect(address)) {
      bad.sendRaw(new byte[] {0x37, 0, 0, 1, 0x05, 0, 0, 0, 0, 1, 2, 3});
      // the null server answers a bad version with an error and closes
      bad.readToEnd(Duration.ofSeconds(2));
    }
    try (TestClient truncated = TestClient.connect(address)) {
      truncated.sendRaw(new byte[] {0x04, 0, 0, 1, 0x07, 0, 0, 0, 100, 1, 2, 3});
    }
    try (TestClient good = TestClient.ready(address)) {
      Response rows = good.query("SELECT * FROM system.local");
      assertThat(rows).isInstanceOf(RowsResult.class);
      release(rows);
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    while (proxy.node(1).counters().malformed() < 2 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(proxy.node(1).counters().malformed()).isGreaterThanOrEqualTo(2);
    assertThat(proxy.node(1).counters().malformedBytes()).isGreaterThanOrEqualTo(24);
  }

  @Test
  void stopsWithoutLeavingThreadsOrSockets() throws IOException {
    try (TestClient client = TestClient.ready(address)) {
      release(client.query("SELECT * FROM system.local"));
      proxy.close();
      assertThat(client.readToEnd(Duration.ofSeconds(2))).isZero();
    }
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(t -> t.getName().startsWith("cql-proxy") && t.isAlive());
    try (ServerSocket again = new ServerSocket()) {
      again.bind(address);
    }
  }

  private static org.cql4j.protocol.message.QueryParameters params() {
    return org.cql4j.protocol.message.QueryParameters.of(
        Consistency.ONE, org.cql4j.protocol.message.BoundValues.EMPTY);
  }
}
