package org.cql4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultProtocolVersion;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Java driver 4.19.3 against the null server, with defaults and as the benchmark uses it. */
class NullCqlServerTest {
  static final String INSERT =
      "INSERT INTO bench.items (pk, ck, id, ts, name, qty, total) VALUES (?, ?, ?, ?, ?, ?, ?)";
  static final String SELECT_ONE =
      "SELECT pk, ck, id, ts, name, qty, total FROM bench.items WHERE pk = ? AND ck = ?";
  static final String SELECT_PARTITION =
      "SELECT pk, ck, id, ts, name, qty, total FROM bench.items WHERE pk = ?";

  private static NullCqlServer server;
  private static CqlSession session;

  @BeforeAll
  static void start() {
    server = NullCqlServer.builder().start();
    // driver defaults: it proposes v5, is refused and settles on v4; schema metadata is on
    session =
        CqlSession.builder()
            .addContactPoint(server.address())
            .withLocalDatacenter(NullCqlServer.DATA_CENTER)
            .build();
  }

  @AfterAll
  static void stop() {
    if (session != null) {
      session.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void javaDriverConnectsWithDefaultsAndNegotiatesV4() {
    assertThat(session.getContext().getProtocolVersion()).isEqualTo(DefaultProtocolVersion.V4);
    assertThat(session.getMetadata().getNodes()).hasSize(1);
    Node node = session.getMetadata().getNodes().values().iterator().next();
    assertThat(node.getDatacenter()).isEqualTo(NullCqlServer.DATA_CENTER);
    assertThat(node.getCassandraVersion()).hasToString("5.0.9");
    assertThat(session.getMetadata().getTokenMap()).isPresent();
    assertThat(session.checkSchemaAgreement()).isTrue();
  }

  @Test
  void answersSystemLocalWithTheNamedColumnsInOrder() {
    Row row =
        session
            .execute("SELECT rpc_port, cluster_name, host_id FROM system.local WHERE key='local'")
            .one();

    assertThat(row.getColumnDefinitions().get(0).getName().asInternal()).isEqualTo("rpc_port");
    assertThat(row.getInt(0)).isEqualTo(server.address().getPort());
    assertThat(row.getString("cluster_name")).isEqualTo("cql4j-null");
    assertThat(row.getUuid("host_id")).isNotNull();
  }

  @Test
  void answersPeersAndSchemaTablesWithNoRows() {
    assertThat(session.execute("SELECT * FROM system.peers_v2").all()).isEmpty();
    assertThat(session.execute("SELECT * FROM system.peers").all()).isEmpty();
    ResultSet tables = session.execute("SELECT * FROM system_schema.tables");
    assertThat(tables.all()).isEmpty();
    assertThat(tables.getColumnDefinitions().contains("table_name")).isTrue();
  }

  @Test
  void preparesAndExecutesTheBenchmarkStatements() {
    PreparedStatement insert = session.prepare(INSERT);
    PreparedStatement one = session.prepare(SELECT_ONE);
    PreparedStatement partition = session.prepare(SELECT_PARTITION);

    assertThat(insert.getVariableDefinitions().size()).isEqualTo(7);
    assertThat(insert.getPartitionKeyIndices()).containsExactly(0);
    assertThat(one.getResultSetDefinitions().size()).isEqualTo(7);

    ResultSet inserted =
        session.execute(insert.bind(1L, 2, UUID.randomUUID(), Instant.now(), "x", 3, 4L));
    assertThat(inserted.wasApplied()).isTrue();
    assertThat(inserted.one()).isNull();

    List<Row> single = session.execute(one.bind(1L, 7)).all();
    assertThat(single).hasSize(1);
    assertRow(single.get(0), 0);

    List<Row> rows = session.execute(partition.bind(1L)).all();
    assertThat(rows).hasSize(100);
    for (int k = 0; k < rows.size(); k++) {
      assertRow(rows.get(k), k);
    }
  }

  @Test
  void answersManyPipelinedExecutionsOnOneConnection() throws Exception {
    // single rows: Netty's paranoid leak detector (on in this build) makes wide rows slow to read
    PreparedStatement one = session.prepare(SELECT_ONE);
    List<CompletableFuture<Integer>> pending = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      pending.add(
          session
              .executeAsync(one.bind((long) i, i))
              .thenApply(AsyncResultSet::remaining)
              .toCompletableFuture());
    }
    for (CompletableFuture<Integer> f : pending) {
      assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    }
  }

  @Test
  void rejectsAnUnknownQueryNamingIt() {
    assertThatThrownBy(() -> session.execute("SELECT * FROM nowhere.nothing"))
        .isInstanceOf(InvalidQueryException.class)
        .hasMessageContaining("SELECT * FROM nowhere.nothing")
        .hasMessageContaining("unconfigured table nowhere.nothing");
    assertThatThrownBy(() -> session.execute("SELECT nope FROM system.local"))
        .isInstanceOf(InvalidQueryException.class)
        .hasMessageContaining("Undefined column name nope");
    assertThatThrownBy(() -> session.prepare("CREATE TABLE x (a int PRIMARY KEY)"))
        .isInstanceOf(InvalidQueryException.class)
        .hasMessageContaining("'create' statements are not supported");
  }

  @Test
  void switchesKeyspaceWithUse() {
    try (CqlSession inBench =
        CqlSession.builder()
            .addContactPoint(server.address())
            .withLocalDatacenter(NullCqlServer.DATA_CENTER)
            .withKeyspace("bench")
            .withConfigLoader(
                DriverConfigLoader.programmaticBuilder()
                    .withString(DefaultDriverOption.PROTOCOL_VERSION, "V4")
                    .withBoolean(DefaultDriverOption.METADATA_SCHEMA_ENABLED, false)
                    .build())
            .build()) {
      assertThat(inBench.execute("SELECT * FROM items WHERE pk = 1 AND ck = 1").all()).hasSize(1);
    }
  }

  @Test
  void answersAnotherProtocolVersionWithAV4ErrorOnTheSameStreamAndCloses() throws IOException {
    try (RawConnection raw = new RawConnection(server.address())) {
      // OPTIONS as a v5 frame on stream 7
      raw.send(new byte[] {0x05, 0, 0, 7, 0x05, 0, 0, 0, 0});

      RawConnection.Reply reply = raw.receive();
      assertThat(reply.versionByte()).isEqualTo(0x84);
      assertThat(reply.streamId()).isEqualTo(7);
      assertThat(reply.opcode()).isEqualTo(0x00);
      assertThat(reply.errorCode()).isEqualTo(0x000A);
      assertThat(reply.errorMessage())
          .isEqualTo("Invalid or unsupported protocol version (5); supported versions are (4/v4)");
      assertThat(raw.closedByServer()).isTrue();
    }
    assertThat(session.execute("SELECT key FROM system.local").one()).isNotNull();
  }

  @Test
  void failsOnlyTheStreamOfAMalformedBody() throws IOException {
    try (RawConnection raw = new RawConnection(server.address())) {
      raw.send(frame(1, 0x05, new byte[0])); // OPTIONS
      assertThat(raw.receive().opcode()).isEqualTo(0x06); // SUPPORTED
      // QUERY whose [long string] claims 1000 bytes but has 3
      raw.send(frame(2, 0x07, new byte[] {0, 0, 0x03, (byte) 0xE8, 'a', 'b', 'c'}));

      RawConnection.Reply reply = raw.receive();
      assertThat(reply.streamId()).isEqualTo(2);
      assertThat(reply.errorCode()).isEqualTo(0x000A);

      raw.send(frame(3, 0x05, new byte[0]));
      assertThat(raw.receive().streamId()).isEqualTo(3);
    }
  }

  @Test
  void closesTheConnectionOnAnUntrustworthyLength() throws IOException {
    try (RawConnection raw = new RawConnection(server.address())) {
      raw.send(
          new byte[] {0x04, 0, 0, 9, 0x07, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xF0});

      RawConnection.Reply reply = raw.receive();
      assertThat(reply.streamId()).isEqualTo(9);
      assertThat(reply.errorCode()).isEqualTo(0x000A);
      assertThat(raw.closedByServer()).isTrue();
    }
    assertThat(session.execute("SELECT key FROM system.local").one()).isNotNull();
  }

  @Test
  void answersAnUnknownStatementIdWithUnprepared() throws IOException {
    try (RawConnection raw = new RawConnection(server.address())) {
      raw.send(frame(1, 0x01, startupBody()));
      assertThat(raw.receive().opcode()).isEqualTo(0x02); // READY
      byte[] body = new byte[2 + 16 + 2 + 1];
      body[1] = 16; // [short bytes] id of 16 zero bytes, then consistency ANY and no flags
      raw.send(frame(4, 0x0A, body));

      RawConnection.Reply reply = raw.receive();
      assertThat(reply.streamId()).isEqualTo(4);
      assertThat(reply.errorCode()).isEqualTo(0x2500);
    }
  }

  @Test
  void closeReleasesThePortAndTheThreads() throws IOException {
    NullCqlServer other = NullCqlServer.builder().eventLoopThreads(2).start();
    InetSocketAddress address = other.address();
    try (CqlSession s =
        CqlSession.builder()
            .addContactPoint(address)
            .withLocalDatacenter(NullCqlServer.DATA_CENTER)
            .build()) {
      assertThat(s.execute("SELECT key FROM system.local").one()).isNotNull();
    }

    other.close();
    other.close(); // idempotent

    try (ServerSocket rebound = new ServerSocket()) {
      rebound.bind(address);
      assertThat(rebound.isBound()).isTrue();
    }
    // only this test's server is closed; the class's shared server keeps its own threads
    long threadsOfClosedServers =
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().startsWith("null-cql-server"))
            .count();
    assertThat(threadsOfClosedServers).isLessThanOrEqualTo(1);
  }

  private static void assertRow(Row row, int k) {
    assertThat(row.getInt("ck")).isEqualTo(k);
    assertThat(row.getUuid("id"))
        .isEqualTo(UUID.nameUUIDFromBytes(("item-" + k).getBytes(StandardCharsets.UTF_8)));
    assertThat(row.getString("name")).isEqualTo(String.format("item-%010d", k));
    assertThat(row.getInt("qty")).isEqualTo(k);
    assertThat(row.getLong("total")).isEqualTo(1000L * k);
    assertThat(row.getInstant("ts"))
        .isEqualTo(Instant.parse("2024-01-01T00:00:00Z").plusSeconds(k));
  }

  private static byte[] startupBody() {
    byte[] key = "CQL_VERSION".getBytes(StandardCharsets.UTF_8);
    byte[] value = "3.0.0".getBytes(StandardCharsets.UTF_8);
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(2 + 2 + key.length + 2 + value.length);
    b.putShort((short) 1).putShort((short) key.length).put(key);
    b.putShort((short) value.length).put(value);
    return b.array();
  }

  private static byte[] frame(int streamId, int opcode, byte[] body) {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(9 + body.length);
    b.put((byte) 0x04).put((byte) 0).putShort((short) streamId).put((byte) opcode);
    b.putInt(body.length).put(body);
    return b.array();
  }

  /** A blocking socket speaking raw frames; for malformed input the driver never sends. */
  private static final class RawConnection implements AutoCloseable {
    private final java.net.Socket socket;
    private final java.io.DataInputStream in;

    record Reply(int versionByte, int streamId, int opcode, byte[] body) {
      int errorCode() {
        return java.nio.ByteBuffer.wrap(body).getInt(0);
      }

      String errorMessage() {
        int length = java.nio.ByteBuffer.wrap(body).getShort(4);
        return new String(body, 6, length, StandardCharsets.UTF_8);
      }
    }

    RawConnection(InetSocketAddress address) throws IOException {
      socket = new java.net.Socket();
      socket.connect(address, 2000);
      socket.setSoTimeout((int) Duration.ofSeconds(5).toMillis());
      in = new java.io.DataInputStream(socket.getInputStream());
    }

    void send(byte[] bytes) throws IOException {
      socket.getOutputStream().write(bytes);
      socket.getOutputStream().flush();
    }

    Reply receive() throws IOException {
      int version = in.readUnsignedByte();
      in.readUnsignedByte(); // flags
      int stream = in.readShort();
      int opcode = in.readUnsignedByte();
      byte[] body = new byte[in.readInt()];
      in.readFully(body);
      return new Reply(version, stream, opcode, body);
    }

    boolean closedByServer() throws IOException {
      return in.read() == -1;
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
