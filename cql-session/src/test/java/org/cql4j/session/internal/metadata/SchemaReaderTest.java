package org.cql4j.session.internal.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cql4j.session.internal.metadata.SchemaTables.aggregate;
import static org.cql4j.session.internal.metadata.SchemaTables.column;
import static org.cql4j.session.internal.metadata.SchemaTables.function;
import static org.cql4j.session.internal.metadata.SchemaTables.index;
import static org.cql4j.session.internal.metadata.SchemaTables.keyspace;
import static org.cql4j.session.internal.metadata.SchemaTables.table;
import static org.cql4j.session.internal.metadata.SchemaTables.type;
import static org.cql4j.session.internal.metadata.SchemaTables.view;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.cql4j.protocol.errors.DbError;
import org.cql4j.protocol.errors.DbException;
import org.cql4j.protocol.types.ColumnType;
import org.cql4j.protocol.value.CqlRow;
import org.cql4j.session.AggregateMetadata;
import org.cql4j.session.ClusteringOrder;
import org.cql4j.session.ColumnKind;
import org.cql4j.session.ColumnMetadata;
import org.cql4j.session.FunctionMetadata;
import org.cql4j.session.FunctionSignature;
import org.cql4j.session.IndexKind;
import org.cql4j.session.KeyspaceMetadata;
import org.cql4j.session.TableMetadata;
import org.cql4j.session.UserTypeMetadata;
import org.junit.jupiter.api.Test;

class SchemaReaderTest {
  private static final Map<String, String> SIMPLE =
      Map.of("class", "org.apache.cassandra.locator.SimpleStrategy", "replication_factor", "1");
  private static final Duration WAIT = Duration.ofSeconds(5);

  /** Answers each query text with its rows; any other query fails the test. */
  private final Map<String, CompletableFuture<List<CqlRow>>> answers = new HashMap<>();

  private final List<String> sent = new ArrayList<>();
  private final SchemaReader reader =
      new SchemaReader(
          cql -> {
            sent.add(cql);
            CompletableFuture<List<CqlRow>> answer = answers.get(cql);
            if (answer == null
                && (cql.startsWith(SchemaReader.FUNCTIONS)
                    || cql.startsWith(SchemaReader.AGGREGATES))) {
              return CompletableFuture.completedFuture(List.of()); // none unless answered
            }
            if (answer == null) {
              throw new AssertionError("unexpected query " + cql);
            }
            return answer;
          });

  private void answer(String cql, CqlRow... rows) {
    answers.put(cql, CompletableFuture.completedFuture(List.of(rows)));
  }

  // ks: user types "outer" (using "inner", listed first as system_schema sorts by name) and
  // "inner"; table "events" with every kind of column, an index, and its ScyllaDB index view
  private void answerAll() {
    answer(SchemaReader.KEYSPACES, keyspace("ks", false, SIMPLE), keyspace("empty", true, SIMPLE));
    answer(
        SchemaReader.TYPES,
        type("ks", "a_outer", List.of("in", "n"), List.of("frozen<b_inner>", "int")),
        type("ks", "b_inner", List.of("x"), List.of("list<frozen<map<text, int>>>")));
    answer(SchemaReader.TABLES, table("ks", "events", "it's", 3600), table("ks", "broken", "", 0));
    answer(
        SchemaReader.COLUMNS,
        column("ks", "events", "at", "clustering", 1, "timestamp", "desc"),
        column("ks", "events", "day", "partition_key", 1, "date", "none"),
        column("ks", "events", "id", "clustering", 0, "uuid", "asc"),
        column("ks", "events", "owner", "static", -1, "text", "none"),
        column("ks", "events", "payload", "regular", -1, "frozen<a_outer>", "none"),
        column("ks", "events", "tags", "regular", -1, "set<text>", "none"),
        column("ks", "events", "tenant", "partition_key", 0, "text", "none"),
        column("ks", "events", "weird", "regular", -1, "frozen<nope>", "none"),
        column("ks", "events_by_owner", "at", "clustering", 1, "timestamp", "desc"),
        column("ks", "events_by_owner", "owner", "partition_key", 0, "text", "none"),
        column("ks", "events_by_owner", "tenant", "clustering", 0, "text", "asc"),
        column("ks", "by_tags_index", "tags", "partition_key", 0, "text", "none"));
    answer(
        SchemaReader.VIEWS,
        view("ks", "by_tags_index", "events", "tags IS NOT NULL"),
        view("ks", "events_by_owner", "events", "owner IS NOT NULL"));
    answer(
        SchemaReader.INDEXES,
        index("ks", "events", "by_tags", "COMPOSITES", Map.of("target", "values(tags)")));
  }

  @Test
  void readsEveryKeyspaceWithItsTablesViewsIndexesAndUserTypes() {
    answerAll();

    Map<String, KeyspaceMetadata> keyspaces = reader.readAll().join();

    assertThat(keyspaces.keySet()).containsExactly("empty", "ks");
    KeyspaceMetadata ks = keyspaces.get("ks");
    assertThat(ks.replication()).isEqualTo(SIMPLE);
    assertThat(ks.durableWrites()).isFalse();
    assertThat(keyspaces.get("empty").tables()).isEmpty();

    // user types, each after the ones it uses
    assertThat(ks.userTypes().keySet()).containsExactly("b_inner", "a_outer");
    UserTypeMetadata inner = ks.userTypes().get("b_inner");
    UserTypeMetadata outer = ks.userTypes().get("a_outer");
    assertThat(inner.fieldTypes())
        .containsExactly(ColumnType.list(ColumnType.map(ColumnType.TEXT, ColumnType.INT)));
    assertThat(inner.frozenFields()).isEmpty();
    assertThat(outer.fieldTypes()).containsExactly(inner.toColumnType(), ColumnType.INT);
    assertThat(outer.frozenFields()).containsExactly("in");

    // the table: keys by position, the others in the rows' order; the broken table (no columns)
    // is left out, not the keyspace
    assertThat(ks.tables().keySet()).containsExactly("events");
    TableMetadata events = ks.table("events").orElseThrow();
    assertThat(events.columns().keySet())
        .containsExactly("tenant", "day", "id", "at", "owner", "payload", "tags", "weird");
    assertThat(events.partitionKey()).containsExactly("tenant", "day");
    assertThat(events.clusteringKey()).containsExactly("id", "at");
    assertThat(events.columns().get("at"))
        .isEqualTo(
            new ColumnMetadata(
                "at", ColumnType.TIMESTAMP, ColumnKind.CLUSTERING, ClusteringOrder.DESC, false));
    assertThat(events.columns().get("owner").kind()).isEqualTo(ColumnKind.STATIC);
    assertThat(events.columns().get("payload"))
        .isEqualTo(
            new ColumnMetadata(
                "payload", outer.toColumnType(), ColumnKind.REGULAR, ClusteringOrder.NONE, true));
    assertThat(events.columns().get("tags").frozen()).isFalse();
    // an unknown type is kept as a custom type of the raw text
    assertThat(events.columns().get("weird").type())
        .isEqualTo(new ColumnType.Custom("frozen<nope>"));
    assertThat(events.comment()).isEqualTo("it's");
    assertThat(events.options())
        .containsExactly(
            Map.entry("caching", "{'keys': 'ALL'}"), Map.entry("gc_grace_seconds", "3600"));
    assertThat(events.indexes().keySet()).containsExactly("by_tags");
    assertThat(events.indexes().get("by_tags").kind()).isEqualTo(IndexKind.COMPOSITES);
    assertThat(events.indexes().get("by_tags").target()).isEqualTo("values(tags)");

    // the view (without default_time_to_live), but not the view backing the index
    assertThat(ks.views().keySet()).containsExactly("events_by_owner");
    var view = ks.view("events_by_owner").orElseThrow();
    assertThat(view.baseTable()).isEqualTo("events");
    assertThat(view.whereClause()).isEqualTo("owner IS NOT NULL");
    assertThat(view.partitionKey()).containsExactly("owner");
    assertThat(view.clusteringKey()).containsExactly("tenant", "at");
    assertThat(view.options()).doesNotContainKey("default_time_to_live");
  }

  @Test
  void readsOneKeyspaceWithQueriesLimitedToIt() {
    String where = " WHERE keyspace_name = 'it''s'";
    answer(SchemaReader.KEYSPACES + where, keyspace("it's", true, SIMPLE));
    answer(SchemaReader.TYPES + where);
    answer(SchemaReader.TABLES + where, table("it's", "t", "", 0));
    answer(
        SchemaReader.COLUMNS + where, column("it's", "t", "k", "partition_key", 0, "int", "none"));
    answer(SchemaReader.VIEWS + where);
    answer(SchemaReader.INDEXES + where);

    Optional<KeyspaceMetadata> keyspace = reader.readKeyspace("it's").join();

    assertThat(keyspace).isPresent();
    assertThat(keyspace.get().table("t").orElseThrow().partitionKey()).containsExactly("k");
    assertThat(sent).hasSize(8).allSatisfy(cql -> assertThat(cql).endsWith(where));
  }

  @Test
  void readsNoKeyspaceWhenItWasDropped() {
    String where = " WHERE keyspace_name = 'gone'";
    for (String query :
        List.of(
            SchemaReader.KEYSPACES,
            SchemaReader.TYPES,
            SchemaReader.TABLES,
            SchemaReader.COLUMNS,
            SchemaReader.VIEWS,
            SchemaReader.INDEXES)) {
      answer(query + where);
    }
    assertThat(reader.readKeyspace("gone").join()).isEmpty();
  }

  @Test
  void refreshesOneTableOrViewOfAKnownKeyspace() {
    answerAll();
    KeyspaceMetadata known = reader.readAll().join().get("ks");
    String ks = " WHERE keyspace_name = 'ks'";
    String table = ks + " AND table_name = 'events'";
    answer(SchemaReader.TYPES + ks, type("ks", "b_inner", List.of("x"), List.of("int")));
    answer(SchemaReader.TABLES + table, table("ks", "events", "new comment", 10));
    answer(
        SchemaReader.COLUMNS + table,
        column("ks", "events", "tenant", "partition_key", 0, "text", "none"),
        column("ks", "events", "v", "regular", -1, "frozen<b_inner>", "none"));
    answer(SchemaReader.VIEWS + ks + " AND view_name = 'events'");
    answer(SchemaReader.INDEXES + table);

    KeyspaceMetadata refreshed = reader.refreshTable(known, "events").join();

    TableMetadata events = refreshed.table("events").orElseThrow();
    assertThat(events.comment()).isEqualTo("new comment");
    assertThat(events.columns().keySet()).containsExactly("tenant", "v");
    assertThat(events.columns().get("v").type())
        .isEqualTo(refreshed.userTypes().get("b_inner").toColumnType());
    assertThat(events.indexes()).isEmpty();
    assertThat(refreshed.views()).isEqualTo(known.views());
    assertThat(refreshed.userTypes().keySet()).containsExactly("b_inner");
    assertThat(refreshed.replication()).isEqualTo(known.replication());
    assertThat(sent.subList(8, sent.size())).doesNotContain(SchemaReader.KEYSPACES);
  }

  @Test
  void refreshingADroppedViewRemovesIt() {
    answerAll();
    KeyspaceMetadata known = reader.readAll().join().get("ks");
    String ks = " WHERE keyspace_name = 'ks'";
    String table = ks + " AND table_name = 'events_by_owner'";
    answer(SchemaReader.TYPES + ks);
    answer(SchemaReader.TABLES + table);
    answer(SchemaReader.COLUMNS + table);
    answer(SchemaReader.VIEWS + ks + " AND view_name = 'events_by_owner'");
    answer(SchemaReader.INDEXES + table);

    KeyspaceMetadata refreshed = reader.refreshTable(known, "events_by_owner").join();

    assertThat(refreshed.views()).isEmpty();
    assertThat(refreshed.tables()).isEqualTo(known.tables());
  }

  // as Cassandra 5.0 stores them: tuples and user types frozen, the aggregate's state too
  private void answerFunctions(String where) {
    answer(
        SchemaReader.FUNCTIONS + where,
        function(
            "ks", "plus", List.of("a", "b"), List.of("int", "int"), "int", false, "return a+b;"),
        function(
            "ks",
            "plus",
            List.of("a", "b"),
            List.of("bigint", "bigint"),
            "bigint",
            true,
            "return a;"),
        function(
            "ks",
            "st",
            List.of("s", "v"),
            List.of("frozen<tuple<int, bigint>>", "frozen<b_inner>"),
            "frozen<tuple<int, bigint>>",
            true,
            "return s;"));
    answer(
        SchemaReader.AGGREGATES + where,
        aggregate(
            "ks",
            "agg",
            List.of("frozen<b_inner>"),
            "st",
            "frozen<tuple<int, bigint>>",
            null,
            "(0, 0)",
            "frozen<tuple<int, bigint>>"));
  }

  @Test
  void readsFunctionsAndAggregatesBySignatureWithTheirUserTypes() {
    answerAll();
    answerFunctions("");

    KeyspaceMetadata ks = reader.readAll().join().get("ks");

    ColumnType state = ColumnType.tuple(ColumnType.INT, ColumnType.BIGINT);
    ColumnType inner = ks.userTypes().get("b_inner").toColumnType();
    assertThat(ks.functions().keySet())
        .extracting(FunctionSignature::toString)
        .containsExactly(
            "plus(bigint, bigint)", "plus(int, int)", "st(tuple<int, bigint>, ks.b_inner)");
    FunctionMetadata plus = ks.function("plus", ColumnType.INT, ColumnType.INT).orElseThrow();
    assertThat(plus.argumentNames()).containsExactly("a", "b");
    assertThat(plus.returnType()).isEqualTo(ColumnType.INT);
    assertThat(plus.calledOnNullInput()).isFalse();
    assertThat(plus.language()).isEqualTo("java");
    assertThat(plus.body()).isEqualTo("return a+b;");
    assertThat(
            ks.function("plus", ColumnType.BIGINT, ColumnType.BIGINT)
                .orElseThrow()
                .calledOnNullInput())
        .isTrue();
    assertThat(ks.function("st", state, inner)).isPresent();

    AggregateMetadata agg = ks.aggregate("agg", inner).orElseThrow();
    assertThat(agg.stateType()).isEqualTo(state);
    assertThat(agg.finalFunction()).isEmpty();
    assertThat(agg.initialCondition()).contains("(0, 0)");
    assertThat(agg.returnType()).isEqualTo(state);
    assertThat(ks.function(agg.stateFunctionSignature())).isPresent();
    assertThat(ks.describeAll())
        .containsSubsequence(
            ks.userTypes().get("a_outer").describe(),
            plus.describe(),
            agg.describe(),
            ks.table("events").orElseThrow().describe());
  }

  @Test
  void refreshesTheFunctionsAndAggregatesOfAKnownKeyspaceOnly() {
    answerAll();
    KeyspaceMetadata known = reader.readAll().join().get("ks");
    assertThat(known.functions()).isEmpty();
    sent.clear();
    answerFunctions(" WHERE keyspace_name = 'ks'");

    KeyspaceMetadata refreshed = reader.refreshFunctions(known).join();

    assertThat(refreshed.functions()).hasSize(3);
    assertThat(refreshed.aggregates()).hasSize(1);
    assertThat(refreshed.tables()).isEqualTo(known.tables());
    assertThat(refreshed.userTypes()).isEqualTo(known.userTypes());
    assertThat(sent)
        .containsExactlyInAnyOrder(
            SchemaReader.FUNCTIONS + " WHERE keyspace_name = 'ks'",
            SchemaReader.AGGREGATES + " WHERE keyspace_name = 'ks'");
  }

  @Test
  void readsViewsAndIndexesAsNoneWhenTheServerHasNoSuchTables() {
    answerAll();
    DbException unconfigured = new DbException(new DbError.Invalid(), "unconfigured table views");
    answers.put(SchemaReader.VIEWS, CompletableFuture.failedFuture(unconfigured));
    answers.put(SchemaReader.INDEXES, CompletableFuture.failedFuture(unconfigured));

    KeyspaceMetadata ks = reader.readAll().join().get("ks");

    assertThat(ks.views()).isEmpty();
    assertThat(ks.table("events").orElseThrow().indexes()).isEmpty();
  }

  @Test
  void failsTheReadWhenAQueryFails() {
    answerAll();
    IllegalStateException timeout = new IllegalStateException("timed out");
    answers.put(SchemaReader.COLUMNS, CompletableFuture.failedFuture(timeout));
    assertThat(reader.readAll())
        .failsWithin(WAIT)
        .withThrowableOfType(Exception.class)
        .havingRootCause()
        .isSameAs(timeout);
  }

  @Test
  void resolvesUserTypesThatFormACycleWithoutFailing() {
    answer(SchemaReader.KEYSPACES, keyspace("ks", true, SIMPLE));
    answer(
        SchemaReader.TYPES,
        type("ks", "a", List.of("b"), List.of("frozen<b>")),
        type("ks", "b", List.of("a"), List.of("frozen<a>")));
    answer(SchemaReader.TABLES);
    answer(SchemaReader.COLUMNS);
    answer(SchemaReader.VIEWS);
    answer(SchemaReader.INDEXES);

    KeyspaceMetadata ks = reader.readAll().join().get("ks");

    assertThat(ks.userTypes().keySet()).containsExactly("b", "a");
    assertThat(ks.userTypes().get("b").fieldTypes())
        .containsExactly(new ColumnType.Custom("frozen<a>"));
    assertThat(ks.userTypes().get("a").fieldTypes())
        .containsExactly(ks.userTypes().get("b").toColumnType());
    assertThat(ks.userTypes().get("a").frozenFields()).isEqualTo(Set.of("b"));
  }
}
