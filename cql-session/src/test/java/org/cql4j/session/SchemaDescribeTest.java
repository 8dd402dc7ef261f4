package org.cql4j.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cql4j.protocol.types.ColumnType;
import org.junit.jupiter.api.Test;

class SchemaDescribeTest {
  private static final UserTypeMetadata POINT =
      new UserTypeMetadata(
          "ks",
          "point",
          List.of("x", "y"),
          List.of(ColumnType.DOUBLE, ColumnType.DOUBLE),
          Set.of());
  private static final UserTypeMetadata ADDRESS =
      new UserTypeMetadata(
          "ks",
          "Address",
          List.of("street", "where", "tags", "history"),
          List.of(
              ColumnType.TEXT,
              POINT.toColumnType(),
              ColumnType.set(ColumnType.TEXT),
              ColumnType.list(POINT.toColumnType())),
          Set.of("where", "history"));

  private static ColumnMetadata pk(String name, ColumnType type) {
    return new ColumnMetadata(name, type, ColumnKind.PARTITION_KEY, ClusteringOrder.NONE, false);
  }

  private static ColumnMetadata ck(String name, ColumnType type, ClusteringOrder order) {
    return new ColumnMetadata(name, type, ColumnKind.CLUSTERING, order, false);
  }

  private static ColumnMetadata regular(String name, ColumnType type, boolean frozen) {
    return new ColumnMetadata(name, type, ColumnKind.REGULAR, ClusteringOrder.NONE, frozen);
  }

  private static TableMetadata events() {
    return new TableMetadata(
        "ks",
        "Events",
        List.of(
            pk("tenant", ColumnType.TEXT),
            pk("day", ColumnType.DATE),
            ck("at", ColumnType.TIMESTAMP, ClusteringOrder.DESC),
            ck("order", ColumnType.INT, ClusteringOrder.ASC),
            new ColumnMetadata(
                "owner", ColumnType.TEXT, ColumnKind.STATIC, ClusteringOrder.NONE, false),
            regular("address", ADDRESS.toColumnType(), true),
            regular("embedding", ColumnType.vector(ColumnType.FLOAT, 3), false),
            regular("pair", ColumnType.tuple(ColumnType.INT, POINT.toColumnType()), true),
            regular(
                "scores", ColumnType.map(ColumnType.TEXT, ColumnType.list(ColumnType.INT)), false),
            regular("tags", ColumnType.set(ColumnType.TEXT), true)),
        "it's a table",
        Map.of("gc_grace_seconds", "3600", "caching", "{'keys': 'ALL'}"),
        List.of(
            new IndexMetadata(
                "ks", "Events", "by_owner", IndexKind.COMPOSITES, Map.of("target", "owner"))));
  }

  @Test
  void describesATableWithEveryKindOfColumnAndItsOptions() {
    assertThat(events().describe())
        .isEqualTo(
            """
            CREATE TABLE ks."Events" (
                tenant text,
                day date,
                at timestamp,
                "order" int,
                owner text static,
                address frozen<"Address">,
                embedding vector<float, 3>,
                pair frozen<tuple<int, frozen<point>>>,
                scores map<text, frozen<list<int>>>,
                tags frozen<set<text>>,
                PRIMARY KEY ((tenant, day), at, "order")
            ) WITH CLUSTERING ORDER BY (at DESC, "order" ASC)
                AND caching = {'keys': 'ALL'}
                AND comment = 'it''s a table'
                AND gc_grace_seconds = 3600;""");
  }

  @Test
  void describesATableWithASinglePartitionKeyColumnAndNoClustering() {
    TableMetadata table =
        new TableMetadata(
            "ks",
            "kv",
            List.of(pk("k", ColumnType.INT), regular("v", ColumnType.TEXT, false)),
            "",
            Map.of(),
            List.of());
    assertThat(table.describe())
        .isEqualTo(
            """
            CREATE TABLE ks.kv (
                k int,
                v text,
                PRIMARY KEY (k)
            ) WITH comment = '';""");
    assertThat(table.partitionKey()).containsExactly("k");
    assertThat(table.clusteringKey()).isEmpty();
  }

  @Test
  void keepsTheColumnsInOrderAndTellsTheKeyParts() {
    TableMetadata table = events();
    assertThat(table.columns().keySet())
        .containsExactly(
            "tenant",
            "day",
            "at",
            "order",
            "owner",
            "address",
            "embedding",
            "pair",
            "scores",
            "tags");
    assertThat(table.partitionKey()).containsExactly("tenant", "day");
    assertThat(table.clusteringKey()).containsExactly("at", "order");
    assertThat(table.column("address").orElseThrow().frozen()).isTrue();
    assertThat(table.column("missing")).isEmpty();
    assertThat(table).isEqualTo(events()).hasSameHashCodeAs(events());
  }

  @Test
  void namesUserTypesOfAnotherKeyspaceWithTheirKeyspace() {
    ColumnType foreign = new ColumnType.UserType("other", "t", List.of());
    TableMetadata table =
        new TableMetadata(
            "ks",
            "t",
            List.of(pk("k", ColumnType.INT), regular("v", ColumnType.list(foreign), false)),
            "",
            Map.of(),
            List.of());
    assertThat(table.describe()).contains("    v list<frozen<other.t>>,\n");
  }

  @Test
  void describesIndexes() {
    assertThat(events().indexes().get("by_owner").describe())
        .isEqualTo("CREATE INDEX by_owner ON ks.\"Events\" (owner);");
    IndexMetadata sai =
        new IndexMetadata(
            "ks",
            "t",
            "Vec",
            IndexKind.CUSTOM,
            Map.of(
                "target", "values(m)",
                "class_name", "org.apache.cassandra.index.sai.StorageAttachedIndex",
                "similarity_function", "COSINE"));
    assertThat(sai.describe())
        .isEqualTo(
            "CREATE CUSTOM INDEX \"Vec\" ON ks.t (values(m))"
                + " USING 'org.apache.cassandra.index.sai.StorageAttachedIndex'"
                + " WITH OPTIONS = {'similarity_function': 'COSINE'};");
    assertThat(sai.target()).isEqualTo("values(m)");
  }

  @Test
  void describesAViewSelectingSomeOrAllColumns() {
    List<ColumnMetadata> columns =
        List.of(
            pk("owner", ColumnType.TEXT),
            ck("tenant", ColumnType.TEXT, ClusteringOrder.ASC),
            ck("day", ColumnType.DATE, ClusteringOrder.DESC),
            regular("tags", ColumnType.set(ColumnType.TEXT), true));
    String where = "owner IS NOT NULL AND tenant IS NOT NULL AND day IS NOT NULL";
    ViewMetadata view =
        new ViewMetadata(
            "ks", "by_owner", "Events", false, where, columns, "", Map.of("gc_grace_seconds", "0"));
    assertThat(view.describe())
        .isEqualTo(
            """
            CREATE MATERIALIZED VIEW ks.by_owner AS
                SELECT owner, tenant, day, tags
                FROM ks."Events"
                WHERE owner IS NOT NULL AND tenant IS NOT NULL AND day IS NOT NULL
                PRIMARY KEY (owner, tenant, day)
                WITH CLUSTERING ORDER BY (tenant ASC, day DESC)
                AND comment = ''
                AND gc_grace_seconds = 0;""");
    ViewMetadata all = new ViewMetadata("ks", "all", "Events", true, where, columns, "", Map.of());
    assertThat(all.describe()).contains("    SELECT *\n");
    assertThat(all.baseTable()).isEqualTo("Events");
  }

  @Test
  void describesUserTypesKeepingWhichFieldsAreFrozen() {
    assertThat(ADDRESS.describe())
        .isEqualTo(
            """
            CREATE TYPE ks."Address" (
                street text,
                "where" frozen<point>,
                tags set<text>,
                history frozen<list<frozen<point>>>
            );""");
    assertThat(ADDRESS.toColumnType().fields().get(1).type()).isEqualTo(POINT.toColumnType());
  }

  @Test
  void describesAKeyspaceAndEverythingInItInAnOrderThatRuns() {
    Map<String, String> replication = new LinkedHashMap<>();
    replication.put("replication_factor", "1");
    replication.put("class", "org.apache.cassandra.locator.SimpleStrategy");
    Map<String, UserTypeMetadata> types = new LinkedHashMap<>();
    types.put("point", POINT);
    types.put("Address", ADDRESS);
    KeyspaceMetadata keyspace =
        new KeyspaceMetadata("ks", replication, false, Map.of("Events", events()), Map.of(), types);
    assertThat(keyspace.describe())
        .isEqualTo(
            "CREATE KEYSPACE ks WITH replication = {'class':"
                + " 'org.apache.cassandra.locator.SimpleStrategy', 'replication_factor': '1'}"
                + " AND durable_writes = false;");
    assertThat(keyspace.describeAll())
        .containsExactly(
            keyspace.describe(),
            POINT.describe(),
            ADDRESS.describe(),
            events().describe(),
            "CREATE INDEX by_owner ON ks.\"Events\" (owner);");
    assertThat(keyspace.table("Events")).contains(events());
    assertThat(keyspace.table("events")).isEmpty();
  }

  @Test
  void rejectsColumnsThatDoNotMakeAPrimaryKey() {
    assertThatThrownBy(
            () ->
                new TableMetadata(
                    "ks",
                    "t",
                    List.of(regular("v", ColumnType.INT, false)),
                    "",
                    Map.of(),
                    List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ks.t: no partition key column");
    assertThatThrownBy(
            () ->
                new TableMetadata(
                    "ks",
                    "t",
                    List.of(
                        pk("k", ColumnType.INT),
                        regular("v", ColumnType.INT, false),
                        ck("c", ColumnType.INT, ClusteringOrder.ASC)),
                    "",
                    Map.of(),
                    List.of()))
        .hasMessage("ks.t: column c (CLUSTERING) must come before the regular and static columns");
    assertThatThrownBy(
            () ->
                new TableMetadata(
                    "ks",
                    "t",
                    List.of(pk("k", ColumnType.INT), regular("k", ColumnType.INT, false)),
                    "",
                    Map.of(),
                    List.of()))
        .hasMessage("ks.t: two columns named k");
    assertThatThrownBy(() -> ck("c", ColumnType.INT, ClusteringOrder.NONE))
        .hasMessage(
            "column c: a clustering column is ASC or DESC, any other column NONE; got CLUSTERING"
                + " NONE");
  }
}
