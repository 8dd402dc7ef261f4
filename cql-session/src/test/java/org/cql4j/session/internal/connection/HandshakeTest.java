package org.cql4j.session.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.cql4j.protocol.compression.Compressors;
import org.cql4j.protocol.errors.DbError;
import org.cql4j.protocol.frame.FrameCodec;
import org.cql4j.protocol.frame.RequestEnvelope;
import org.cql4j.protocol.message.AuthChallenge;
import org.cql4j.protocol.message.AuthResponse;
import org.cql4j.protocol.message.AuthSuccess;
import org.cql4j.protocol.message.Authenticate;
import org.cql4j.protocol.message.ErrorMessage;
import org.cql4j.protocol.message.Event;
import org.cql4j.protocol.message.Options;
import org.cql4j.protocol.message.Query;
import org.cql4j.protocol.message.Ready;
import org.cql4j.protocol.message.Register;
import org.cql4j.protocol.message.SetKeyspaceResult;
import org.cql4j.protocol.message.Startup;
import org.cql4j.protocol.message.StatusChangeEvent;
import org.cql4j.protocol.message.Supported;
import org.cql4j.protocol.message.VoidResult;
import org.cql4j.protocol.scylla.ScyllaExtensions;
import org.cql4j.session.auth.Authenticator;
import org.cql4j.session.auth.PlainTextAuthProvider;
import org.cql4j.session.errors.AuthenticationException;
import org.cql4j.session.errors.ConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakCheck.class)
class HandshakeTest {
  private static final String PASSWORD_AUTHENTICATOR =
      "org.apache.cassandra.auth.PasswordAuthenticator";

  private static CompletableFuture<Connection> start(FakeNode node) {
    long deadline = System.nanoTime() + node.connection.config().connectTimeout().toNanos();
    return new Handshake(node.connection, deadline).run();
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

  /** Answers OPTIONS with {@code supported} and returns the STARTUP that follows. */
  private static RequestEnvelope optionsThenStartup(FakeNode node, Supported supported) {
    RequestEnvelope options = node.request();
    assertThat(options.message()).isEqualTo(new Options());
    node.respond(options.streamId(), supported);
    RequestEnvelope startup = node.request();
    assertThat(startup.message()).isInstanceOf(Startup.class);
    return startup;
  }

  @Test
  void sendsStartupWithTheServersCqlVersionAndTheDriverNameThenIsReady() throws Exception {
    try (FakeNode node = FakeNode.open(b -> b.driver("cql4j", "1.2.3"))) {
      CompletableFuture<Connection> ready = start(node);
      RequestEnvelope startup = optionsThenStartup(node, FakeNode.cassandraSupported());
      assertThat(((Startup) startup.message()).options())
          .containsExactly(
              Map.entry("CQL_VERSION", "3.4.7"),
              Map.entry("DRIVER_NAME", "cql4j"),
              Map.entry("DRIVER_VERSION", "1.2.3"));
      assertThat(ready).isNotDone();
      node.respond(startup.streamId(), new Ready());
      assertThat(ready.get()).isSameAs(node.connection);
      assertThat(node.connection.supported()).isEqualTo(FakeNode.cassandraSupported());
      assertThat(node.connection.compression()).isEmpty();
      assertThat(node.connection.scyllaExtensions()).isEqualTo(ScyllaExtensions.NONE);
    }
  }

  @Test
  void negotiatesOfferedCompressionAndEchoesScyllaExtensions() throws Exception {
    try (FakeNode node = FakeNode.open(b -> b.compressor(Compressors.lz4()))) {
      CompletableFuture<Connection> ready = start(node);
      RequestEnvelope startup = optionsThenStartup(node, FakeNode.scyllaSupported());
      assertThat(((Startup) startup.message()).options())
          .containsEntry("COMPRESSION", "lz4")
          .containsEntry("SCYLLA_RATE_LIMIT_ERROR", "ERROR_CODE=61440")
          .containsEntry("TABLETS_ROUTING_V1", "")
          .doesNotContainKey("SCYLLA_SHARD");
      // from now on the node compresses its frames
      node.negotiated(
          new FrameCodec(256 << 20, Compressors.lz4(), ScyllaExtensions.NONE.protocolFeatures()));
      node.respond(startup.streamId(), new Ready());
      Connection connection = ready.get();
      assertThat(connection.compression()).contains("lz4");
      assertThat(connection.features().rateLimitErrorCode()).hasValue(61440);
      assertThat(connection.scyllaExtensions().sharding()).isPresent();

      CompletableFuture<?> query =
          connection.send(new Query("SELECT " + "x".repeat(2000), params()), timeout());
      RequestEnvelope request = node.request(); // decompressed by the node's codec
      assertThat(((Query) request.message()).query()).hasSize(2007);
      node.respond(request.streamId(), new VoidResult());
      assertThat(query.get()).isNotNull();
    }
  }

  @Test
  void runsUncompressedWhenTheServerDoesNotOfferTheAlgorithm() throws Exception {
    try (FakeNode node = FakeNode.open(b -> b.compressor(Compressors.snappy()))) {
      CompletableFuture<Connection> ready = start(node);
      Supported lz4Only =
          new Supported(Map.of("CQL_VERSION", List.of("3.4.7"), "COMPRESSION", List.of("lz4")));
      RequestEnvelope startup = optionsThenStartup(node, lz4Only);
      assertThat(((Startup) startup.message()).options()).doesNotContainKey("COMPRESSION");
      node.respond(startup.streamId(), new Ready());
      assertThat(ready.get().compression()).isEmpty();
    }
  }

  @Test
  void logsInWithPasswordAndAnswersChallenges() throws Exception {
    try (FakeNode node = FakeNode.open(b -> b.authProvider(new PlainTextAuthProvider("u", "p")))) {
      CompletableFuture<Connection> ready = start(node);
      RequestEnvelope startup = optionsThenStartup(node, FakeNode.cassandraSupported());
      node.respond(startup.streamId(), new Authenticate(PASSWORD_AUTHENTICATOR));
      RequestEnvelope auth = node.request();
      byte[] expected = "\0u\0p".getBytes(StandardCharsets.UTF_8);
      assertThat(((AuthResponse) auth.message()).token()).isEqualTo(expected);
      node.respond(auth.streamId(), new AuthChallenge(new byte[] {1}));
      RequestEnvelope again = node.request();
      assertThat(((AuthResponse) again.message()).token()).isEqualTo(expected);
      node.respond(again.streamId(), new AuthSuccess(null));
      assertThat(ready.get()).isSameAs(node.connection);
    }
  }

  @Test
  void customAuthenticatorsSeeTheServerAuthenticatorAndEveryToken() throws Exception {
    List<String> calls = new ArrayList<>();
    Authenticator sasl =
        new Authenticator() {
          @Override
          public CompletionStage<byte[]> initialResponse() {
            calls.add("initial");
            return CompletableFuture.completedFuture(new byte[] {1});
          }

          @Override
          public CompletionStage<byte[]> evaluateChallenge(byte[] challenge) {
            calls.add("challenge " + challenge[0]);
            return CompletableFuture.supplyAsync(() -> new byte[] {(byte) (challenge[0] + 1)});
          }

          @Override
          public CompletionStage<Void> onSuccess(byte[] token) {
            calls.add("success " + token[0]);
            return CompletableFuture.completedFuture(null);
          }
        };
    try (FakeNode node =
        FakeNode.open(
            b ->
                b.authProvider(
                    (address, serverAuthenticator) -> {
                      calls.add(serverAuthenticator + " on " + address);
                      return sasl;
                    }))) {
      CompletableFuture<Connection> ready = start(node);
      RequestEnvelope startup = optionsThenStartup(node, FakeNode.cassandraSupported());
      node.respond(startup.streamId(), new Authenticate("com.example.Kerberos"));
      RequestEnvelope first = node.request();
      assertThat(((AuthResponse) first.message()).token()).containsExactly(1);
      node.respond(first.streamId(), new AuthChallenge(new byte[] {5}));
      RequestEnvelope second = awaitRequest(node);
      assertThat(((AuthResponse) second.message()).token()).containsExactly(6);
      node.respond(second.streamId(), new AuthSuccess(new byte[] {9}));
      assertThat(ready.get()).isSameAs(node.connection);
      assertThat(calls)
          .containsExactly(
              "com.example.Kerberos on " + FakeNode.ADDRESS, "initial", "challenge 5", "success 9");
    }
  }

  /** Waits for a request sent from another thread (an asynchronous authenticator). */
  private static RequestEnvelope awaitRequest(FakeNode node) throws InterruptedException {
    for (int i = 0; i < 500; i++) {
      List<RequestEnvelope> requests = node.requests();
      if (!requests.isEmpty()) {
        assertThat(requests).hasSize(1);
        return requests.get(0);
      }
      Thread.sleep(10);
    }
    throw new AssertionError("no request within 5 s");
  }

  @Test
  void wrongPasswordIsAnAuthenticationExceptionWithTheServersMessage() {
    try (FakeNode node =
        FakeNode.open(b -> b.authProvider(new PlainTextAuthProvider("cassandra", "wrong")))) {
      CompletableFuture<Connection> ready = start(node);
      RequestEnvelope startup = optionsThenStartup(node, FakeNode.cassandraSupported());
      node.respond(startup.streamId(), new Authenticate(PASSWORD_AUTHENTICATOR));
      node.respond(
          node.request().streamId(),
          ErrorMessage.of(
              new DbError.AuthenticationError(),
              "Provided username cassandra and/or password are incorrect"));
      assertThat(failure(ready))
          .isInstanceOf(AuthenticationException.class)
          .hasMessage(
              FakeNode.ADDRESS
                  + " ("
                  + PASSWORD_AUTHENTICATOR
                  + ") rejected user 'cassandra': Provided username cassandra and/or password"
                  + " are incorrect");
    }
  }

  @Test
  void missingCredentialsAreAnAuthenticationExceptionThatSaysWhatToConfigure() {
    try (FakeNode node = FakeNode.open()) {
      CompletableFuture<Connection> ready = start(node);
      RequestEnvelope startup = optionsThenStartup(node, FakeNode.cassandraSupported());
      node.respond(startup.streamId(), new Authenticate(PASSWORD_AUTHENTICATOR));
      assertThat(failure(ready))
          .isInstanceOf(AuthenticationException.class)
          .hasMessageContaining("requires authentication (" + PASSWORD_AUTHENTICATOR + ")")
          .hasMessageContaining("SessionBuilder.user(name, password)");
    }
  }

  @Test
  void protocolErrorToV4NamesTheVersion() {
    try (FakeNode node = FakeNode.open()) {
      CompletableFuture<Connection> ready = start(node);
      node.respond(
          node.request().streamId(),
          ErrorMessage.of(
              new DbError.ProtocolError(), "Invalid or unsupported protocol version (4)"));
      assertThat(failure(ready))
          .isInstanceOf(ConnectionException.class)
          .hasMessageContaining("rejected native protocol v4 at OPTIONS")
          .hasMessageContaining("Invalid or unsupported protocol version (4)");
    }
  }

  @Test
  void olderProtocolFrameNamesTheServersVersion() {
    try (FakeNode node = FakeNode.open()) {
      CompletableFuture<Connection> ready = start(node);
      node.requests();
      // a v3 ERROR frame, as a server without v4 answers
      node.respondRaw(Unpooled.wrappedBuffer(new byte[] {(byte) 0x83, 0, 0, 0, 0, 0, 0, 0, 0}));
      assertThat(failure(ready))
          .isInstanceOf(ConnectionException.class)
          .hasMessageContaining("answered with native protocol v3")
          .hasMessageContaining("does not support protocol v4");
      assertThat(node.channel.isOpen()).isFalse();
    }
  }

  @Test
  void tlsRecordOnAPlaintextConnectionSaysTheServerExpectsTls() {
    try (FakeNode node = FakeNode.open()) {
      CompletableFuture<Connection> ready = start(node);
      node.requests();
      node.respondRaw(Unpooled.wrappedBuffer(new byte[] {0x15, 3, 3, 0, 2, 2, 0x50, 0, 0, 0, 0}));
      assertThat(failure(ready))
          .isInstanceOf(ConnectionException.class)
          .hasMessageContaining("answered with a TLS record")
          .hasMessageContaining("configure an SSLContext");
    }
  }

  @Test
  void serverClosingDuringTheHandshakeSuggestsTls() {
    try (FakeNode node = FakeNode.open()) {
      CompletableFuture<Connection> ready = start(node);
      node.requests();
      node.channel.close();
      assertThat(failure(ready))
          .isInstanceOf(ConnectionException.class)
          .hasMessageContaining("closed by the server during the handshake (at OPTIONS)")
          .hasMessageContaining("if the server requires TLS, configure an SSLContext");
    }
  }

  @Test
  void handshakeTimeoutNamesTheStep() {
    try (FakeNode node = FakeNode.open()) {
      CompletableFuture<Connection> ready = start(node);
      node.respond(node.request().streamId(), FakeNode.cassandraSupported());
      node.requests();
      node.advanceMillis(5_001);
      assertThat(failure(ready))
          .isInstanceOf(ConnectionException.class)
          .hasMessageContaining("did not complete within the connect timeout of 5000 ms")
          .hasMessageContaining("no answer to STARTUP");
    }
  }

  @Test
  void usesTheKeyspaceAndRegistersForEvents() throws Exception {
    List<Event> events = new ArrayList<>();
    try (FakeNode node =
        FakeNode.open(
            b -> b.keyspace("\"Ks\"").events(List.of(StatusChangeEvent.TYPE), events::add))) {
      CompletableFuture<Connection> ready = start(node);
      RequestEnvelope startup = optionsThenStartup(node, FakeNode.cassandraSupported());
      node.respond(startup.streamId(), new Ready());
      RequestEnvelope use = node.request();
      assertThat(((Query) use.message()).query()).isEqualTo("USE \"Ks\"");
      node.respond(use.streamId(), new SetKeyspaceResult("Ks"));
      RequestEnvelope register = node.request();
      assertThat(register.message()).isEqualTo(new Register(List.of("STATUS_CHANGE")));
      node.respond(register.streamId(), new Ready());
      assertThat(ready.get()).isSameAs(node.connection);

      StatusChangeEvent up =
          new StatusChangeEvent(
              StatusChangeEvent.Change.UP, new java.net.InetSocketAddress("127.0.0.2", 9042));
      node.respond(-1, up);
      assertThat(events).containsExactly(up);
    }
  }

  @Test
  void unknownKeyspaceFailsTheConnection() {
    try (FakeNode node = FakeNode.open(b -> b.keyspace("nope"))) {
      CompletableFuture<Connection> ready = start(node);
      RequestEnvelope startup = optionsThenStartup(node, FakeNode.cassandraSupported());
      node.respond(startup.streamId(), new Ready());
      node.respond(
          node.request().streamId(),
          ErrorMessage.of(new DbError.Invalid(), "Keyspace 'nope' does not exist"));
      assertThat(failure(ready))
          .isInstanceOf(ConnectionException.class)
          .hasMessageContaining("answered USE nope with an error")
          .hasMessageContaining("Keyspace 'nope' does not exist");
    }
  }

  private static org.cql4j.protocol.message.QueryParameters params() {
    return org.cql4j.protocol.message.QueryParameters.of(
        org.cql4j.protocol.Consistency.ONE, org.cql4j.protocol.message.BoundValues.EMPTY);
  }

  private static java.time.Duration timeout() {
    return java.time.Duration.ofSeconds(2);
  }
}
