package org.cql4j.testkit.internal.nullserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.cql4j.protocol.types.ColumnSpec;
import org.cql4j.protocol.types.ColumnType;
import org.junit.jupiter.api.Test;

class QueryPlanTest {
  private final Catalog catalog =
      new Catalog(() -> new InetSocketAddress("127.0.0.1", 9042), "c", 100);

  @Test
  void selectsTheNamedColumnsInOrder() {
    QueryPlan plan =
        QueryPlan.of(catalog, null, "select RELEASE_VERSION, \"host_id\" from system.local");

    assertThat(plan.resultColumns())
        .extracting(ColumnSpec::name)
        .containsExactly("release_version", "host_id");
    assertThat(plan.rows()).hasSize(1);
    assertThat(plan.rows().get(0)[0]).isEqualTo("5.0.9");
  }

  @Test
  void typesBindMarkersByTheirColumnsAndFindsThePartitionKey() {
    QueryPlan plan =
        QueryPlan.of(
            catalog,
            null,
            "INSERT INTO bench.items (ck, pk, id, ts, name, qty, total) VALUES (?, :key, ?, ?, ?,"
                + " 3, ?) USING TTL 10;");

    assertThat(plan.variables())
        .extracting(ColumnSpec::name)
        .containsExactly("ck", "key", "id", "ts", "name", "total");
    assertThat(plan.variables().get(1).type()).isEqualTo(ColumnType.BIGINT);
    assertThat(plan.partitionKeyIndexes()).containsExactly(1);
    assertThat(plan.rows()).isNull();
  }

  @Test
  void readsOneRowForAFullKeyAndAPartitionOtherwise() {
    assertThat(
            QueryPlan.of(catalog, null, "SELECT * FROM bench.items WHERE pk = ? AND ck = ?").rows())
        .hasSize(1);
    QueryPlan partition =
        QueryPlan.of(catalog, "bench", "SELECT name FROM items WHERE pk = ? AND ck > 5");
    assertThat(partition.rows()).hasSize(100);
    assertThat(partition.partitionKeyIndexes()).containsExactly(0);
    assertThat(QueryPlan.of(catalog, null, "SELECT * FROM bench.items LIMIT 7").rows()).hasSize(7);
    assertThat(
            QueryPlan.of(
                    catalog, null, "SELECT * FROM bench.items WHERE pk IN (1, 2) ALLOW FILTERING")
                .rows())
        .hasSize(100);
  }

  @Test
  void acceptsLiteralsOfEveryKind() {
    QueryPlan plan =
        QueryPlan.of(
            catalog,
            null,
            "SELECT * FROM system_schema.tables WHERE keyspace_name = 'it''s' AND table_name IN"
                + " ('a', 'b') AND id = c0ffee00-0000-3000-8000-000000000005 AND"
                + " bloom_filter_fp_chance = -0.01");

    assertThat(plan.rows()).isEmpty();
    assertThat(plan.variables()).isEmpty();
  }

  @Test
  void switchesKeyspacesThatExist() {
    assertThat(QueryPlan.of(catalog, null, "USE \"bench\"").keyspace()).isEqualTo("bench");
    assertThatThrownBy(() -> QueryPlan.of(catalog, null, "USE nowhere"))
        .hasMessage("Keyspace 'nowhere' does not exist");
  }

  @Test
  void explainsWhatItCannotAnswer() {
    assertThatThrownBy(() -> QueryPlan.of(catalog, null, "SELECT * FROM items"))
        .hasMessageContaining("No keyspace has been specified");
    assertThatThrownBy(() -> QueryPlan.of(catalog, null, "SELECT count(*) FROM system.local"))
        .hasMessageContaining("functions and aliases are not supported");
    assertThatThrownBy(() -> QueryPlan.of(catalog, null, "INSERT INTO bench.items (pk) VALUES (?)"))
        .hasMessage("Some primary key parts are missing: ck");
    assertThatThrownBy(() -> QueryPlan.of(catalog, null, "DROP TABLE bench.items"))
        .hasMessageContaining("'drop' statements are not supported");
    assertThatThrownBy(() -> QueryPlan.of(catalog, null, "SELECT * FROM system.local WHERE"))
        .hasMessage("unexpected end of statement");
  }

  @Test
  void discardsOtherWrites() {
    assertThat(QueryPlan.of(catalog, null, "UPDATE bench.items SET qty = 1 WHERE pk = 1"))
        .isSameAs(QueryPlan.WRITE);
  }
}
