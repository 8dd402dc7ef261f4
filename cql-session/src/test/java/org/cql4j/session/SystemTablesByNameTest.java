package org.cql4j.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.cql4j.protocol.message.Query;
import org.cql4j.protocol.message.Response;
import org.cql4j.protocol.message.RowsMetadata;
import org.cql4j.protocol.message.RowsResult;
import org.cql4j.protocol.message.VoidResult;
import org.cql4j.protocol.serialize.RowWriter;
import org.cql4j.protocol.types.ColumnSpec;
import org.cql4j.protocol.types.ColumnType;
import org.cql4j.protocol.value.Values;
import org.cql4j.session.internal.connection.LocalCqlServer;
import org.junit.jupiter.api.Test;

/**
 * The session reads the system tables by column name: a server (or proxy) that answers with more
 * columns than selected, in another order, is understood.
 */
class SystemTablesByNameTest {
  private static final UUID HOST_ID = UUID.fromString("a0000000-0000-4000-8000-000000000001");
  private static final UUID SCHEMA = UUID.fromString("c0ffee00-0000-3000-8000-000000000007");
  private final List<String> queries = new ArrayList<>();

  /** Every system.local query gets the whole row, cluster_name first, schema_version late. */
  Response answer(Query query) {
    synchronized (queries) {
      queries.add(query.query());
    }
    if (query.query().contains("system.local")) {
      return rows(
          "local",
          List.of(
              col("cluster_name", ColumnType.TEXT),
              col("data_center", ColumnType.TEXT),
              col("host_id", ColumnType.UUID),
              col("rack", ColumnType.TEXT),
              col("release_version", ColumnType.TEXT),
              col("tokens", ColumnType.set(ColumnType.TEXT)),
              col("schema_version", ColumnType.UUID),
              col("rpc_address", ColumnType.INET)),
          "Test Cluster",
          "dc1",
          HOST_ID,
          "r1",
          "5.0.9",
          Set.of("0"),
          SCHEMA,
          InetAddress.getLoopbackAddress());
    }
    if (query.query().contains("system.peers")) {
      return rows(
          "peers_v2",
          List.of(
              col("peer", ColumnType.INET),
              col("native_address", ColumnType.INET),
              col("host_id", ColumnType.UUID)));
    }
    return new VoidResult();
  }

  @Test
  void awaitsSchemaAgreementWhenTheServerAnswersWithExtraColumnsFirst() throws Exception {
    try (LocalCqlServer server = new LocalCqlServer(this::answer);
        Session session =
            Session.builder()
                .knownNode("127.0.0.1:" + server.address().getPort())
                .schemaAgreementTimeout(Duration.ofSeconds(5))
                .build()) {
      assertThat(session.awaitSchemaAgreement()).isEqualTo(SCHEMA);
      assertThat(session.getClusterState().nodes())
          .singleElement()
          .satisfies(
              node -> {
                assertThat(node.hostId()).isEqualTo(HOST_ID);
                assertThat(node.datacenter()).isEqualTo("dc1");
              });
    }
    synchronized (queries) {
      assertThat(queries).anyMatch(q -> q.startsWith("SELECT schema_version FROM system.local"));
    }
  }

  private static ColumnSpec col(String name, ColumnType type) {
    return new ColumnSpec("system", "local", name, type);
  }

  private static RowsResult rows(String table, List<ColumnSpec> columns, Object... row) {
    ByteBuf content = Unpooled.buffer();
    if (row.length > 0) {
      Values.of(row).serialize(columns, new RowWriter(content));
    }
    return new RowsResult(RowsMetadata.of(columns, null), row.length > 0 ? 1 : 0, content);
  }
}
