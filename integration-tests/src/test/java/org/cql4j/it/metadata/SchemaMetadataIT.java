package org.cql4j.it.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.message.BoundValues;
import org.cql4j.protocol.message.Query;
import org.cql4j.protocol.message.QueryParameters;
import org.cql4j.protocol.types.ColumnType;
import org.cql4j.protocol.value.CqlRow;
import org.cql4j.session.ClusteringOrder;
import org.cql4j.session.ColumnKind;
import org.cql4j.session.ColumnMetadata;
import org.cql4j.session.IndexKind;
import org.cql4j.session.IndexMetadata;
import org.cql4j.session.KeyspaceMetadata;
import org.cql4j.session.RelationMetadata;
import org.cql4j.session.TableMetadata;
import org.cql4j.session.UserTypeMetadata;
import org.cql4j.session.ViewMetadata;
import org.cql4j.session.internal.connection.Connection;
import org.cql4j.session.internal.connection.ConnectionConfig;
import org.cql4j.session.internal.connection.ConnectionFactory;
import org.cql4j.session.internal.connection.SystemQueries;
import org.cql4j.session.internal.connection.Transport;
import org.cql4j.session.internal.metadata.SchemaCql;
import org.cql4j.session.internal.metadata.SchemaReader;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schema metadata read from a real node's {@code system_schema}: every kind of column, user
 * types nesting user types, frozen and non-frozen collections, a tuple, a vector, a materialized
 * view and indexes; and {@code describe()} recreating all of it in another keyspace.
 */
@CassandraTest
class SchemaMetadataIT {
  private static final Logger LOG = LoggerFactory.getLogger(SchemaMetadataIT.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String KS = "schema_it";
  private static final String COPY = "schema_it_copy";

  private static final List<String> SCHEMA =
      List.of(
          "CREATE KEYSPACE schema_it WITH replication ="
              + " {'class': 'SimpleStrategy', 'replication_factor': 1}",
          "CREATE TYPE schema_it.point (x double, y double)",
          "CREATE TYPE schema_it.\"Address\" (street text, \"where\" frozen<point>,"
              + " tags set<text>, history list<frozen<point>>)",
          "CREATE TABLE schema_it.\"Events\" ("
              + " tenant text, day date, at timestamp, \"order\" int,"
              + " owner text static,"
              + " address frozen<\"Address\">,"
              + " addresses map<text, frozen<\"Address\">>,"
              + " points list<frozen<point>>,"
              + " tags set<text>,"
              + " frozen_tags frozen<set<text>>,"
              + " scores map<text, frozen<list<int>>>,"
              + " pair tuple<int, text>,"
              + " nested frozen<list<frozen<map<text, int>>>>,"
              + " embedding vector<float, 3>,"
              + " loc point,"
              + " span duration,"
              + " natives tuple<ascii, bigint, blob, boolean, decimal, double, float, inet,"
              + " smallint, time, timeuuid, tinyint, uuid, varchar, varint>,"
              + " PRIMARY KEY ((tenant, day), at, \"order\"))"
              + " WITH CLUSTERING ORDER BY (at DESC, \"order\" ASC)"
              + " AND comment = 'it''s the events' AND gc_grace_seconds = 3600",
          "CREATE INDEX events_tags ON schema_it.\"Events\" (tags)",
          "CREATE INDEX events_embedding ON schema_it.\"Events\" (embedding) USING 'sai'"
              + " WITH OPTIONS = {'similarity_function': 'DOT_PRODUCT'}",
          "CREATE TABLE schema_it.plain (id int PRIMARY KEY, v text, \"Mixed\" int)",
          "CREATE MATERIALIZED VIEW schema_it.plain_by_v AS"
              + " SELECT id, v, \"Mixed\" FROM schema_it.plain"
              + " WHERE v IS NOT NULL AND id IS NOT NULL"
              + " PRIMARY KEY (v, id) WITH CLUSTERING ORDER BY (id DESC) AND comment = 'by v'");

  private static Transport transport;
  private static Connection connection;
  private static SchemaReader reader;

  @BeforeAll
  static void setUp(TestCluster cassandra) throws Exception {
    transport = Transport.create(Transport.Kind.NIO, 1);
    connection =
        new ConnectionFactory(transport)
            .connect(ConnectionConfig.builder(address(cassandra.firstContactPoint())).build())
            .get(30, TimeUnit.SECONDS);
    reader = SchemaReader.over(connection, TIMEOUT);
    execute("DROP KEYSPACE IF EXISTS " + COPY);
    execute("DROP KEYSPACE IF EXISTS " + KS);
    for (String statement : SCHEMA) {
      execute(statement);
    }
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (connection != null) {
      execute("DROP KEYSPACE IF EXISTS " + COPY);
      execute("DROP KEYSPACE IF EXISTS " + KS);
      connection.close().get(10, TimeUnit.SECONDS);
    }
    transport.close();
  }

  @Test
  void readsEveryKindOfColumnWithItsTypeKindAndOrder() throws Exception {
    KeyspaceMetadata ks = await(reader.readKeyspace(KS)).orElseThrow();
    UserTypeMetadata point = ks.userType("point").orElseThrow();
    UserTypeMetadata address = ks.userType("Address").orElseThrow();
    TableMetadata events = ks.table("Events").orElseThrow();

    assertThat(ks.replication())
        .containsEntry("class", "org.apache.cassandra.locator.SimpleStrategy")
        .containsEntry("replication_factor", "1");
    assertThat(ks.durableWrites()).isTrue();
    assertThat(events.partitionKey()).containsExactly("tenant", "day");
    assertThat(events.clusteringKey()).containsExactly("at", "order");
    assertThat(events.comment()).isEqualTo("it's the events");
    assertThat(events.options()).containsEntry("gc_grace_seconds", "3600");
    Map<String, ColumnMetadata> c = events.columns();
    assertThat(c.keySet())
        .startsWith("tenant", "day", "at", "order")
        .hasSize(17)
        .contains("owner", "loc", "natives");
    assertThat(c.get("at"))
        .isEqualTo(column("at", ColumnType.TIMESTAMP, ColumnKind.CLUSTERING, ClusteringOrder.DESC));
    assertThat(c.get("order").clusteringOrder()).isEqualTo(ClusteringOrder.ASC);
    assertThat(c.get("day").kind()).isEqualTo(ColumnKind.PARTITION_KEY);
    assertThat(c.get("owner").kind()).isEqualTo(ColumnKind.STATIC);
    assertThat(c.get("address").type()).isEqualTo(address.toColumnType());
    assertThat(c.get("address").frozen()).isTrue();
    assertThat(c.get("addresses").type())
        .isEqualTo(ColumnType.map(ColumnType.TEXT, address.toColumnType()));
    assertThat(c.get("addresses").frozen()).isFalse();
    assertThat(c.get("tags").type()).isEqualTo(ColumnType.set(ColumnType.TEXT));
    assertThat(c.get("tags").frozen()).isFalse();
    assertThat(c.get("frozen_tags").type()).isEqualTo(ColumnType.set(ColumnType.TEXT));
    assertThat(c.get("frozen_tags").frozen()).isTrue();
    assertThat(c.get("pair").type()).isEqualTo(ColumnType.tuple(ColumnType.INT, ColumnType.TEXT));
    assertThat(c.get("nested").type())
        .isEqualTo(ColumnType.list(ColumnType.map(ColumnType.TEXT, ColumnType.INT)));
    assertThat(c.get("embedding").type()).isEqualTo(ColumnType.vector(ColumnType.FLOAT, 3));
    assertThat(c.get("loc").type()).isEqualTo(point.toColumnType());
    assertThat(c.get("loc").frozen()).isFalse();
    assertThat(c.get("span").type()).isEqualTo(ColumnType.DURATION);
    assertThat(((ColumnType.TupleType) c.get("natives").type()).components())
        .doesNotHaveAnyElementsOfTypes(ColumnType.Custom.class)
        .hasSize(15)
        .contains(ColumnType.TEXT, ColumnType.VARINT, ColumnType.TIMEUUID);

    // the user types, the nested one first
    assertThat(ks.userTypes().keySet()).containsExactly("point", "Address");
    assertThat(address.fieldNames()).containsExactly("street", "where", "tags", "history");
    assertThat(address.fieldTypes())
        .containsExactly(
            ColumnType.TEXT,
            point.toColumnType(),
            ColumnType.set(ColumnType.TEXT),
            ColumnType.list(point.toColumnType()));
    assertThat(address.frozenFields()).containsExactly("where");
  }

  @Test
  void readsTheViewAndTheIndexes() throws Exception {
    KeyspaceMetadata ks = await(reader.readAll()).get(KS);

    assertThat(ks.views().keySet()).containsExactly("plain_by_v");
    ViewMetadata view = ks.view("plain_by_v").orElseThrow();
    assertThat(view.baseTable()).isEqualTo("plain");
    assertThat(view.includeAllColumns()).isFalse();
    assertThat(view.whereClause()).isEqualTo("v IS NOT NULL AND id IS NOT NULL");
    assertThat(view.partitionKey()).containsExactly("v");
    assertThat(view.clusteringKey()).containsExactly("id");
    assertThat(view.columns().get("id").clusteringOrder()).isEqualTo(ClusteringOrder.DESC);
    assertThat(view.comment()).isEqualTo("by v");

    Map<String, IndexMetadata> indexes = ks.table("Events").orElseThrow().indexes();
    assertThat(indexes.keySet()).containsExactlyInAnyOrder("events_tags", "events_embedding");
    assertThat(indexes.get("events_tags").kind()).isEqualTo(IndexKind.COMPOSITES);
    assertThat(indexes.get("events_tags").target()).isEqualTo("values(tags)");
    IndexMetadata sai = indexes.get("events_embedding");
    assertThat(sai.kind()).isEqualTo(IndexKind.CUSTOM);
    assertThat(sai.className()).contains("sai"); // as written in USING
    assertThat(sai.options()).containsEntry("similarity_function", "DOT_PRODUCT");
  }

  @Test
  void readsEveryKeyspaceOfTheNodeWithoutAnUnknownType() throws Exception {
    Map<String, KeyspaceMetadata> all = await(reader.readAll());

    assertThat(all.keySet()).contains("system", "system_schema", "system_auth", KS);
    List<ColumnMetadata> columns = new ArrayList<>();
    all.values().forEach(ks -> relations(ks).forEach(r -> columns.addAll(r.columns().values())));
    assertThat(columns)
        .hasSizeGreaterThan(100)
        .noneMatch(c -> c.type() instanceof ColumnType.Custom);
  }

  @Test
  void matchesWhatSystemSchemaSaysOfEveryColumn() throws Exception {
    KeyspaceMetadata ks = await(reader.readKeyspace(KS)).orElseThrow();
    List<RelationMetadata> relations = relations(ks);
    assertThat(relations).hasSize(3);
    for (RelationMetadata relation : relations) {
      assertThat(columnsAsTheModelSaysThem(relation))
          .as("%s", relation.name())
          .isEqualTo(columnRows(KS, relation.name()));
    }
  }

  @Test
  void refreshesOneTableAfterItChanges() throws Exception {
    KeyspaceMetadata before = await(reader.readKeyspace(KS)).orElseThrow();
    execute("CREATE TABLE schema_it.later (k int PRIMARY KEY, p frozen<point>)");
    try {
      KeyspaceMetadata after = await(reader.refreshTable(before, "later"));
      assertThat(after.table("later").orElseThrow().columns().get("p").type())
          .isEqualTo(after.userType("point").orElseThrow().toColumnType());
      assertThat(after.tables().keySet()).containsAll(before.tables().keySet());
      assertThat(after.views()).isEqualTo(before.views());
    } finally {
      execute("DROP TABLE schema_it.later");
    }
    KeyspaceMetadata dropped = await(reader.refreshTable(before, "later"));
    assertThat(dropped.table("later")).isEmpty();
    assertThat(dropped.tables()).isEqualTo(before.tables());
  }

  @Test
  void describeRecreatesEverythingInAnotherKeyspace() throws Exception {
    KeyspaceMetadata original = await(reader.readKeyspace(KS)).orElseThrow();
    execute("DROP KEYSPACE IF EXISTS " + COPY);
    LOG.info("{}", String.join("\n", original.describeAll()));
    for (String statement : original.describeAll()) {
      execute(statement.replaceAll("\\b" + KS + "\\b", COPY));
    }
    KeyspaceMetadata copy = await(reader.readKeyspace(COPY)).orElseThrow();

    // what the server stores of the copy is what it stores of the original
    for (RelationMetadata relation : relations(original)) {
      assertThat(columnRows(COPY, relation.name()))
          .as("%s", relation.name())
          .isEqualTo(columnRows(KS, relation.name()));
    }
    assertThat(rows(COPY, "types", "type_name", "field_names", "field_types"))
        .isEqualTo(rows(KS, "types", "type_name", "field_names", "field_types"));
    assertThat(rows(COPY, "indexes", "table_name", "index_name", "kind", "options"))
        .isEqualTo(rows(KS, "indexes", "table_name", "index_name", "kind", "options"));
    assertThat(rows(COPY, "views", "view_name", "base_table_name", "where_clause", "comment"))
        .isEqualTo(rows(KS, "views", "view_name", "base_table_name", "where_clause", "comment"));
    assertThat(rows(COPY, "tables", "table_name", "comment", "gc_grace_seconds", "caching"))
        .isEqualTo(rows(KS, "tables", "table_name", "comment", "gc_grace_seconds", "caching"));

    // and so is the metadata, statement for statement
    assertThat(copy.describeAll())
        .isEqualTo(
            original.describeAll().stream()
                .map(s -> s.replaceAll("\\b" + KS + "\\b", COPY))
                .toList());
  }

  // the model's view of each column as the (name, kind, position, type, clustering order) of
  // system_schema.columns
  private static List<String> columnsAsTheModelSaysThem(RelationMetadata relation) {
    Map<String, String> columns = new TreeMap<>();
    for (ColumnMetadata column : relation.columns().values()) {
      int position =
          switch (column.kind()) {
            case PARTITION_KEY -> relation.partitionKey().indexOf(column.name());
            case CLUSTERING -> relation.clusteringKey().indexOf(column.name());
            default -> -1;
          };
      columns.put(
          column.name(),
          String.join(
              " | ",
              column.name(),
              column.kind().name().toLowerCase(),
              Integer.toString(position),
              SchemaCql.type(column.type(), column.frozen(), relation.keyspace()),
              column.clusteringOrder().name().toLowerCase()));
    }
    return new ArrayList<>(columns.values());
  }

  private static List<String> columnRows(String keyspace, String relation) throws Exception {
    List<String> columns = new ArrayList<>();
    String cql =
        "SELECT column_name, kind, position, type, clustering_order FROM system_schema.columns"
            + " WHERE keyspace_name = '"
            + keyspace
            + "' AND table_name = '"
            + relation
            + "'";
    for (CqlRow row : await(SystemQueries.rows(connection, cql, TIMEOUT))) {
      columns.add(
          String.join(
              " | ",
              row.getString("column_name"),
              row.getString("kind"),
              Integer.toString(row.getInt("position")),
              row.getString("type"),
              row.getString("clustering_order")));
    }
    columns.sort(null);
    assertThat(columns).isNotEmpty();
    return columns;
  }

  private static List<String> rows(String keyspace, String table, String... columns)
      throws Exception {
    String cql =
        "SELECT "
            + String.join(", ", columns)
            + " FROM system_schema."
            + table
            + " WHERE keyspace_name = '"
            + keyspace
            + "'";
    List<String> rows = new ArrayList<>();
    for (CqlRow row : await(SystemQueries.rows(connection, cql, TIMEOUT))) {
      List<String> values = new ArrayList<>();
      for (String column : columns) {
        values.add(String.valueOf(row.getObject(column)));
      }
      rows.add(String.join(" | ", values));
    }
    assertThat(rows).isNotEmpty();
    return rows;
  }

  private static List<RelationMetadata> relations(KeyspaceMetadata ks) {
    List<RelationMetadata> relations = new ArrayList<>(ks.tables().values());
    relations.addAll(ks.views().values());
    return relations;
  }

  private static ColumnMetadata column(
      String name, ColumnType type, ColumnKind kind, ClusteringOrder order) {
    return new ColumnMetadata(name, type, kind, order, false);
  }

  private static void execute(String cql) throws Exception {
    Query query = new Query(cql, QueryParameters.of(Consistency.ONE, BoundValues.EMPTY));
    ReferenceCountUtil.release(await(connection.send(query, TIMEOUT)).message());
  }

  private static <T> T await(CompletableFuture<T> future) throws Exception {
    return future.get(60, TimeUnit.SECONDS);
  }

  private static InetSocketAddress address(String contactPoint) {
    int colon = contactPoint.lastIndexOf(':');
    return new InetSocketAddress(
        contactPoint.substring(0, colon), Integer.parseInt(contactPoint.substring(colon + 1)));
  }
}
