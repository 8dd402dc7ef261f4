package org.cql4j.it.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.cql4j.protocol.value.Values;
import org.cql4j.session.Session;
import org.cql4j.session.TableMetadata;
import org.cql4j.session.Token;
import org.cql4j.session.statement.PreparedStatement;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.TestCluster;
import org.junit.jupiter.api.Test;

/** The session's schema metadata, kept current, and tokens computed from it. */
@CassandraTest
class ClusterStateSchemaIT {

  @Test
  void seesItsOwnDdlAtOnceAndAnotherClientsWithinASecond(TestCluster cassandra) throws Exception {
    try (Session session = Session.builder().knownNodes(cassandra.contactPoints()).build();
        Session other = Session.builder().knownNodes(cassandra.contactPoints()).build()) {
      session.queryUnpaged(
          "CREATE KEYSPACE IF NOT EXISTS cs_it WITH replication ="
              + " {'class': 'SimpleStrategy', 'replication_factor': 1}");
      session.queryUnpaged("DROP TABLE IF EXISTS cs_it.t");
      session.queryUnpaged(
          "CREATE TABLE cs_it.t (a text, b int, c int, v text, PRIMARY KEY ((a, b), c))");
      TableMetadata table =
          session.getClusterState().keyspace("cs_it").orElseThrow().table("t").orElseThrow();
      assertThat(table.partitionKey()).containsExactly("a", "b");
      assertThat(table.clusteringKey()).containsExactly("c");
      assertThat(table.columns()).containsOnlyKeys("a", "b", "c", "v");

      other.queryUnpaged("ALTER TABLE cs_it.t ADD added text");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
      while (!session
          .getClusterState()
          .keyspace("cs_it")
          .orElseThrow()
          .table("t")
          .orElseThrow()
          .columns()
          .containsKey("added")) {
        assertThat(System.nanoTime()).as("the new column within a second").isLessThan(deadline);
        TimeUnit.MILLISECONDS.sleep(20);
      }
    }
  }

  @Test
  void computesTheTokenTheServerComputes(TestCluster cassandra) {
    try (Session session = Session.builder().knownNodes(cassandra.contactPoints()).build()) {
      session.queryUnpaged(
          "CREATE KEYSPACE IF NOT EXISTS cs_it WITH replication ="
              + " {'class': 'SimpleStrategy', 'replication_factor': 1}");
      session.queryUnpaged(
          "CREATE TABLE IF NOT EXISTS cs_it.tokens (a text, b int, v text, PRIMARY KEY ((a, b)))");
      PreparedStatement insert =
          session.prepare("INSERT INTO cs_it.tokens (a, b, v) VALUES (?, ?, ?)");
      PreparedStatement serverToken =
          session.prepare("SELECT token(a, b) FROM cs_it.tokens WHERE a = ? AND b = ?");
      for (int i = 0; i < 50; i++) {
        session.executeUnpaged(insert, Values.of("k" + i, i, "v"));
        long server =
            session
                .executeUnpaged(serverToken, Values.of("k" + i, i))
                .intoRowsResult()
                .singleRow(Long.class);
        Token byValues =
            session.getClusterState().computeToken("cs_it", "tokens", Values.of("k" + i, i));
        Token byName =
            session.getClusterState().computeToken("cs_it", "tokens", Map.of("b", i, "a", "k" + i));
        assertThat(byValues).isEqualTo(Token.of(server)).isEqualTo(byName);
        assertThat(insert.computeToken(Values.of("k" + i, i, "v"))).contains(byValues);
      }
      assertThatThrownBy(
              () -> session.getClusterState().computeToken("cs_it", "nope", List.of("x", 1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("cs_it.nope");
    }
  }

  @Test
  void withoutSchemaMetadataThereIsNoSchemaAndTheErrorSaysWhy(TestCluster cassandra) {
    try (Session session =
        Session.builder()
            .knownNodes(cassandra.contactPoints())
            .fetchSchemaMetadata(false)
            .build()) {
      assertThat(session.getClusterState().keyspaces()).isEmpty();
      assertThatThrownBy(
              () -> session.getClusterState().computeToken("system", "local", List.of("local")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("fetchSchemaMetadata");
    }
  }
}
