package org.cql4j.testkit.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.errors.DbError;
import org.cql4j.protocol.errors.OperationType;
import org.cql4j.protocol.frame.FrameCodec;
import org.cql4j.protocol.frame.ResponseEnvelope;
import org.cql4j.protocol.message.ErrorMessage;
import org.cql4j.protocol.message.Execute;
import org.cql4j.protocol.message.Options;
import org.cql4j.protocol.message.Prepare;
import org.cql4j.protocol.message.PreparedResult;
import org.cql4j.protocol.message.QueryParameters;
import org.cql4j.protocol.message.RawValues;
import org.cql4j.protocol.message.RowsResult;
import org.cql4j.protocol.message.Startup;
import org.cql4j.protocol.message.Supported;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.CqlProxy;
import org.cql4j.testkit.TestCluster;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ScyllaDB emulation over a real 3-node ring, read with a raw client. */
@CassandraTest(nodes = 3, scyllaShards = 4)
class ScyllaEmulationIT {
  private static final int LWT_MASK = 0x80000000;

  @BeforeAll
  static void schema(TestCluster cluster) throws IOException {
    try (TestClient client =
        TestClient.ready(cluster.proxy().orElseThrow().node(1).proxyAddress())) {
      client.query(
          "CREATE KEYSPACE IF NOT EXISTS emu WITH replication ="
              + " {'class': 'SimpleStrategy', 'replication_factor': 1}");
      client.query("CREATE TABLE IF NOT EXISTS emu.kv (k int PRIMARY KEY, v int)");
    }
    awaitTableOnEveryNode(cluster.proxy().orElseThrow());
  }

  // The schema reaches the other nodes asynchronously; a replica that does not know the table yet
  // fails reads of it (ReadFailure, UNKNOWN), so wait until every node has it.
  private static void awaitTableOnEveryNode(CqlProxy proxy) throws IOException {
    for (int node = 1; node <= 3; node++) {
      try (TestClient client = TestClient.ready(proxy.node(node).proxyAddress())) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
          Object answer =
              client.query(
                  "SELECT table_name FROM system_schema.tables"
                      + " WHERE keyspace_name = 'emu' AND table_name = 'kv'");
          boolean known = answer instanceof RowsResult rows && rows.rowCount() == 1;
          if (answer instanceof RowsResult rows) {
            rows.release();
          }
          if (known) {
            break;
          }
          assertThat(System.nanoTime() - deadline).as("emu.kv on node %d", node).isNegative();
          try {
            Thread.sleep(100);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
          }
        }
      }
    }
  }

  private static TestClient startup(
      InetSocketAddress address, int localPort, Map<String, String> options) throws IOException {
    TestClient client = new TestClient(address, localPort, FrameCodec.defaults());
    client.request(new Options());
    client.request(new Startup(options));
    return client;
  }

  private static Map<String, String> with(String key, String value) {
    return Map.of(Startup.CQL_VERSION, "3.0.0", key, value);
  }

  @Test
  void advertisesScyllaOptionsAndTheLeastConnectedShard(TestCluster cluster) throws IOException {
    CqlProxy proxy = cluster.proxy().orElseThrow();
    InetSocketAddress node3 = proxy.node(3).proxyAddress();
    long before = proxy.node(3).connections().stream().filter(ProxyConnection::isOpen).count();
    assertThat(before).isZero();
    try (TestClient a = TestClient.connect(node3);
        TestClient b = TestClient.connect(node3)) {
      Supported first = (Supported) a.request(new Options());
      Supported second = (Supported) b.request(new Options());
      assertThat(first.options())
          .containsEntry("SCYLLA_NR_SHARDS", List.of("4"))
          .containsEntry(
              "SCYLLA_PARTITIONER", List.of("org.apache.cassandra.dht.Murmur3Partitioner"))
          .containsEntry("SCYLLA_SHARDING_ALGORITHM", List.of("biased-token-round-robin"))
          .containsEntry("SCYLLA_SHARDING_IGNORE_MSB", List.of("12"))
          .containsEntry("SCYLLA_SHARD_AWARE_PORT", List.of("19042"))
          .containsEntry(
              "SCYLLA_LWT_ADD_METADATA_MARK", List.of("LWT_OPTIMIZATION_META_BIT_MASK=2147483648"))
          .containsEntry("SCYLLA_RATE_LIMIT_ERROR", List.of("ERROR_CODE=61440"))
          .containsKeys(
              "TABLETS_ROUTING_V1", "SCYLLA_USE_METADATA_ID", "SCYLLA_HOST_ID", "CQL_VERSION")
          .doesNotContainKey("TABLETS_ROUTING_V2_EXPERIMENTAL");
      assertThat(first.options().get("SCYLLA_SHARD")).containsExactly("0");
      assertThat(second.options().get("SCYLLA_SHARD")).containsExactly("1");
      assertThat(first.options().get("SCYLLA_HOST_ID"))
          .containsExactly(proxy.node(3).hostId().orElseThrow().toString());
    }
  }

  @Test
  void theShardAwarePortPicksSourcePortModuloShards(TestCluster cluster) throws IOException {
    CqlProxy proxy = cluster.proxy().orElseThrow();
    InetSocketAddress shardAware = proxy.node(2).shardAwareAddress().orElseThrow();
    int before = proxy.node(2).connections().size();
    assertThat(shardAware.getPort()).isEqualTo(19042);
    for (int shard = 0; shard < 4; shard++) {
      int port = freePortFor(shard);
      try (TestClient client = new TestClient(shardAware, port, FrameCodec.defaults())) {
        Supported supported = (Supported) client.request(new Options());
        assertThat(supported.options().get("SCYLLA_SHARD")).containsExactly(String.valueOf(shard));
      }
    }
    assertThat(proxy.node(2).connections().subList(before, before + 4))
        .allMatch(ProxyConnection::viaShardAwarePort);
  }

  private static int freePortFor(int shard) {
    for (int port = 40_000 + shard + (int) (ProcessHandle.current().pid() % 1000) * 4;
        ;
        port += 4) {
      try (java.net.ServerSocket probe = new java.net.ServerSocket(port)) {
        return port;
      } catch (IOException taken) {
        // try the next port with the same remainder
      }
    }
  }

  @Test
  void refusesProtocolV5AsScyllaDoes(TestCluster cluster) throws IOException {
    try (TestClient client =
        TestClient.connect(cluster.proxy().orElseThrow().node(1).proxyAddress())) {
      client.sendRaw(new byte[] {0x05, 0, 0, 7, 0x05, 0, 0, 0, 0});
      ResponseEnvelope answer = client.read(Duration.ofSeconds(5));
      assertThat(answer.streamId()).isEqualTo(7);
      assertThat(((ErrorMessage) answer.message()).error()).isEqualTo(new DbError.ProtocolError());
      assertThat(((ErrorMessage) answer.message()).message())
          .startsWith("Invalid or unsupported protocol version (5)");
    }
  }

  @Test
  void marksConditionalStatementsWhenAsked(TestCluster cluster) throws IOException {
    InetSocketAddress node1 = cluster.proxy().orElseThrow().node(1).proxyAddress();
    String lwt = "INSERT INTO emu.kv (k, v) VALUES (?, ?) IF NOT EXISTS";
    try (TestClient marked =
            startup(
                node1,
                0,
                with("SCYLLA_LWT_ADD_METADATA_MARK", "LWT_OPTIMIZATION_META_BIT_MASK=2147483648"));
        TestClient plain = TestClient.ready(node1)) {
      assertThat(((PreparedResult) marked.request(new Prepare(lwt))).variables().isLwt(LWT_MASK))
          .isTrue();
      assertThat(
              ((PreparedResult)
                      marked.request(new Prepare("INSERT INTO emu.kv (k, v) VALUES (?, ?)")))
                  .variables()
                  .isLwt(LWT_MASK))
          .isFalse();
      assertThat(((PreparedResult) plain.request(new Prepare(lwt))).variables().isLwt(LWT_MASK))
          .isFalse();
    }
  }

  @Test
  void forgesTheRateLimitErrorWithTheNegotiatedCode(TestCluster cluster) throws IOException {
    CqlProxy proxy = cluster.proxy().orElseThrow();
    proxy
        .rules()
        .add(
            Condition.queryContains("emu.kv"),
            Action.forgeError(
                new DbError.RateLimitReached(OperationType.WRITE, false), "rate limit"));
    InetSocketAddress node1 = proxy.node(1).proxyAddress();
    try (TestClient scylla =
            startup(node1, 0, with("SCYLLA_RATE_LIMIT_ERROR", "ERROR_CODE=61440"));
        TestClient plain = TestClient.ready(node1)) {
      assertThat(((ErrorMessage) scylla.query("SELECT * FROM emu.kv")).code()).isEqualTo(0xF000);
      assertThat(((ErrorMessage) plain.query("SELECT * FROM emu.kv")).error())
          .isEqualTo(new DbError.ConfigError());
    }
  }

  @Test
  void answersAMisroutedTabletRequestWithItsTabletAndCountsIt(TestCluster cluster)
      throws IOException {
    CqlProxy proxy = cluster.proxy().orElseThrow();
    UUID node2 = proxy.node(2).hostId().orElseThrow();
    UUID node1 = proxy.node(1).hostId().orElseThrow();
    proxy
        .tablets()
        .set("emu", "kv", TabletMap.evenly(1, i -> List.of(new TabletReplica(node2, 3))));
    try (TestClient client =
        startup(proxy.node(1).proxyAddress(), 0, with("TABLETS_ROUTING_V1", ""))) {
      PreparedResult select =
          (PreparedResult) client.request(new Prepare("SELECT v FROM emu.kv WHERE k = ?"));
      ResponseEnvelope misrouted = execute(client, select, 1);
      byte[] payload = misrouted.customPayload().get("tablets-routing-v1");
      assertThat(payload).isNotNull();
      ByteBuf tuple = Unpooled.wrappedBuffer(payload);
      assertThat(tuple.readInt()).isEqualTo(8);
      assertThat(tuple.readLong()).isEqualTo(Long.MIN_VALUE);
      assertThat(tuple.readInt()).isEqualTo(8);
      assertThat(tuple.readLong()).isEqualTo(Long.MAX_VALUE);
      tuple.readInt(); // list length
      assertThat(tuple.readInt()).isEqualTo(1);
      tuple.readInt(); // tuple length
      tuple.readInt();
      assertThat(new UUID(tuple.readLong(), tuple.readLong())).isEqualTo(node2);
      tuple.readInt();
      assertThat(tuple.readInt()).isEqualTo(3);
      assertThat(proxy.node(1).routing().wrongNode()).isEqualTo(1);

      // the tablet migrates here, to this connection's shard: no payload, counted as correct
      int shard =
          proxy
              .node(1)
              .connections()
              .get(proxy.node(1).connections().size() - 1)
              .shard()
              .orElseThrow();
      proxy.tablets().migrate("emu", "kv", 0, List.of(new TabletReplica(node1, shard)));
      ResponseEnvelope routed = execute(client, select, 1);
      assertThat(routed.customPayload()).doesNotContainKey("tablets-routing-v1");
      assertThat(proxy.node(1).routing().correct()).isEqualTo(1);
    }
  }

  @Test
  void countsNodeMisroutesWithReplicationFactorOne(TestCluster cluster) throws IOException {
    CqlProxy proxy = cluster.proxy().orElseThrow();
    for (ProxyNode node : proxy.nodes()) {
      try (TestClient client = TestClient.ready(node.proxyAddress())) {
        PreparedResult insert =
            (PreparedResult) client.request(new Prepare("INSERT INTO emu.kv (k, v) VALUES (?, 1)"));
        for (int k = 0; k < 10; k++) {
          execute(client, insert, k);
        }
      }
    }
    long wrongNode = proxy.nodes().stream().mapToLong(n -> n.routing().wrongNode()).sum();
    long onReplica =
        proxy.nodes().stream()
            .mapToLong(n -> n.routing().correct() + n.routing().wrongShard())
            .sum();
    assertThat(wrongNode).isEqualTo(20); // each key reached all 3 nodes, one of them its replica
    assertThat(onReplica).isEqualTo(10);
  }

  @Test
  void checksTheTabletVersionBlockOfTabletsRoutingV2(TestCluster cluster) throws IOException {
    CqlProxy shared = cluster.proxy().orElseThrow();
    String node1 = cluster.managed().orElseThrow().node(1).contactPoint();
    byte[] ip = shared.node(1).proxyAddress().getAddress().getAddress();
    String listen =
        "127." + (ip[1] & 0xFF) + "." + ((ip[2] & 0xFF) ^ 32) + "." + (ip[3] & 0xFF) + ":0";
    try (CqlProxy proxy =
        CqlProxy.builder()
            .node(node1, listen)
            .scylla(
                org.cql4j.testkit.proxy.ScyllaEmulation.builder()
                    .shards(1)
                    .shardAwarePort(0)
                    .option(ScyllaOption.TABLETS_ROUTING_V2, true)
                    .build())
            .start()) {
      UUID host = proxy.node(1).hostId().orElseThrow();
      long version = 0x5A;
      proxy
          .tablets()
          .set(
              "emu",
              "kv",
              List.of(
                  new Tablet(
                      Long.MIN_VALUE,
                      Long.MAX_VALUE,
                      List.of(new TabletReplica(host, 0)),
                      version)));
      try (TestClient client =
          startup(proxy.node(1).proxyAddress(), 0, with("TABLETS_ROUTING_V2_EXPERIMENTAL", ""))) {
        PreparedResult select =
            (PreparedResult) client.request(new Prepare("SELECT v FROM emu.kv WHERE k = ?"));
        // block 1 holds 0x5: current; block 0 holds 0xA, so 0x03 is stale
        assertThat(executeWithBlock(client, select, 0x15).customPayload()).isEmpty();
        byte[] payload =
            executeWithBlock(client, select, 0x03).customPayload().get("tablets-routing-v2");
        assertThat(payload).isNotNull();
        ByteBuf tuple = Unpooled.wrappedBuffer(payload);
        tuple.skipBytes(payload.length - 8);
        assertThat(tuple.readLong()).isEqualTo(version);
        assertThat(proxy.node(1).routing().correct()).isEqualTo(2);
      }
    }
  }

  /** An EXECUTE followed by the one-byte {@code tablet_version_block} of tablets routing v2. */
  private static ResponseEnvelope executeWithBlock(
      TestClient client, PreparedResult prepared, int block) throws IOException {
    byte[] k = ByteBuffer.allocate(4).putInt(1).array();
    ByteBuf frame =
        FrameCodec.defaults()
            .encode(
                io.netty.buffer.ByteBufAllocator.DEFAULT,
                new org.cql4j.protocol.frame.RequestEnvelope(
                    100 + block,
                    false,
                    Map.of(),
                    new Execute(
                        prepared.id(),
                        null,
                        QueryParameters.of(Consistency.ONE, new RawValues(null, List.of(k))))));
    try {
      frame.writeByte(block);
      frame.setInt(5, frame.readableBytes() - 9);
      byte[] bytes = new byte[frame.readableBytes()];
      frame.readBytes(bytes);
      client.sendRaw(bytes);
    } finally {
      frame.release();
    }
    ResponseEnvelope answer = client.read(Duration.ofSeconds(10));
    if (answer.message() instanceof RowsResult rows) {
      rows.release();
    }
    assertThat(answer.message()).isNotInstanceOf(ErrorMessage.class);
    return answer;
  }

  private static ResponseEnvelope execute(TestClient client, PreparedResult prepared, int key)
      throws IOException {
    byte[] k = ByteBuffer.allocate(4).putInt(key).array();
    client.send(
        new Execute(
            prepared.id(),
            null,
            QueryParameters.of(Consistency.ONE, new RawValues(null, List.of(k)))));
    ResponseEnvelope answer = client.read(Duration.ofSeconds(10));
    if (answer.message() instanceof RowsResult rows) {
      rows.release();
    }
    assertThat(answer.message()).isNotInstanceOf(ErrorMessage.class);
    return answer;
  }
}
