package org.cql4j.session.internal.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cql4j.protocol.types.ColumnType;
import org.cql4j.session.AggregateMetadata;
import org.cql4j.session.ClusteringOrder;
import org.cql4j.session.ColumnKind;
import org.cql4j.session.ColumnMetadata;
import org.cql4j.session.FunctionMetadata;
import org.cql4j.session.FunctionSignature;
import org.cql4j.session.KeyspaceMetadata;
import org.cql4j.session.TableMetadata;
import org.cql4j.session.UserTypeMetadata;
import org.cql4j.session.ViewMetadata;
import org.cql4j.session.observability.SchemaChangeListener;
import org.junit.jupiter.api.Test;

class SchemaDiffTest {
  private static final Map<String, String> RF1 = Map.of("class", "SimpleStrategy", "rf", "1");

  /** Records each call as "what name". */
  private static final class Recorder implements SchemaChangeListener {
    final List<String> calls = new ArrayList<>();

    @Override
    public void onKeyspaceCreated(KeyspaceMetadata k) {
      calls.add("keyspace created " + k.name());
    }

    @Override
    public void onKeyspaceUpdated(KeyspaceMetadata current, KeyspaceMetadata previous) {
      calls.add("keyspace updated " + current.name() + " " + previous.replication().get("rf"));
    }

    @Override
    public void onKeyspaceDropped(KeyspaceMetadata k) {
      calls.add("keyspace dropped " + k.name());
    }

    @Override
    public void onTableCreated(TableMetadata t) {
      calls.add("table created " + t.name());
    }

    @Override
    public void onTableUpdated(TableMetadata current, TableMetadata previous) {
      calls.add("table updated " + current.name() + " " + previous.columns().size());
    }

    @Override
    public void onTableDropped(TableMetadata t) {
      calls.add("table dropped " + t.name());
    }

    @Override
    public void onViewCreated(ViewMetadata v) {
      calls.add("view created " + v.name());
    }

    @Override
    public void onViewDropped(ViewMetadata v) {
      calls.add("view dropped " + v.name());
    }

    @Override
    public void onUserTypeCreated(UserTypeMetadata t) {
      calls.add("type created " + t.name());
    }

    @Override
    public void onUserTypeUpdated(UserTypeMetadata current, UserTypeMetadata previous) {
      calls.add("type updated " + current.name());
    }

    @Override
    public void onFunctionCreated(FunctionMetadata f) {
      calls.add("function created " + f.signature());
    }

    @Override
    public void onFunctionUpdated(FunctionMetadata current, FunctionMetadata previous) {
      calls.add("function updated " + current.signature() + " was " + previous.body());
    }

    @Override
    public void onFunctionDropped(FunctionMetadata f) {
      calls.add("function dropped " + f.signature());
    }

    @Override
    public void onAggregateCreated(AggregateMetadata a) {
      calls.add("aggregate created " + a.signature());
    }

    @Override
    public void onAggregateDropped(AggregateMetadata a) {
      calls.add("aggregate dropped " + a.signature());
    }
  }

  private static TableMetadata table(String name, String... regular) {
    List<ColumnMetadata> columns = new ArrayList<>();
    columns.add(
        new ColumnMetadata(
            "k", ColumnType.INT, ColumnKind.PARTITION_KEY, ClusteringOrder.NONE, false));
    for (String c : regular) {
      columns.add(
          new ColumnMetadata(c, ColumnType.TEXT, ColumnKind.REGULAR, ClusteringOrder.NONE, false));
    }
    return new TableMetadata("ks", name, columns, "", Map.of(), List.of());
  }

  private static UserTypeMetadata point(String... fields) {
    List<ColumnType> types = new ArrayList<>();
    for (String f : fields) {
      types.add(ColumnType.INT);
    }
    return new UserTypeMetadata("ks", "point", List.of(fields), types, Set.of());
  }

  private static FunctionMetadata function(String name, ColumnType type, String body) {
    return new FunctionMetadata(
        "ks", name, List.of("a"), List.of(type), ColumnType.INT, "java", body, true);
  }

  private static AggregateMetadata aggregate(String name) {
    return new AggregateMetadata(
        "ks",
        name,
        List.of(ColumnType.INT),
        "f",
        ColumnType.INT,
        Optional.empty(),
        Optional.of("0"),
        ColumnType.INT);
  }

  private static KeyspaceMetadata keyspace(
      String name,
      Map<String, String> replication,
      List<TableMetadata> tables,
      List<UserTypeMetadata> types,
      List<FunctionMetadata> functions,
      List<AggregateMetadata> aggregates) {
    Map<String, TableMetadata> t = new LinkedHashMap<>();
    tables.forEach(x -> t.put(x.name(), x));
    Map<String, UserTypeMetadata> u = new LinkedHashMap<>();
    types.forEach(x -> u.put(x.name(), x));
    Map<FunctionSignature, FunctionMetadata> f = new LinkedHashMap<>();
    functions.forEach(x -> f.put(x.signature(), x));
    Map<FunctionSignature, AggregateMetadata> a = new LinkedHashMap<>();
    aggregates.forEach(x -> a.put(x.signature(), x));
    return new KeyspaceMetadata(name, replication, true, t, Map.of(), u, f, a);
  }

  private static List<String> diff(
      Map<String, KeyspaceMetadata> previous, Map<String, KeyspaceMetadata> current) {
    Recorder recorder = new Recorder();
    SchemaDiff.compare(previous, current, recorder);
    return recorder.calls;
  }

  @Test
  void reportsNothingForEqualSchemas() {
    KeyspaceMetadata ks = keyspace("ks", RF1, List.of(table("t")), List.of(), List.of(), List.of());
    KeyspaceMetadata same =
        keyspace("ks", Map.copyOf(RF1), List.of(table("t")), List.of(), List.of(), List.of());
    assertThat(diff(Map.of("ks", ks), Map.of("ks", same))).isEmpty();
  }

  @Test
  void reportsACreatedOrDroppedKeyspaceAloneNotItsContents() {
    KeyspaceMetadata ks =
        keyspace("ks", RF1, List.of(table("t")), List.of(point("x")), List.of(), List.of());
    assertThat(diff(Map.of(), Map.of("ks", ks))).containsExactly("keyspace created ks");
    assertThat(diff(Map.of("ks", ks), Map.of())).containsExactly("keyspace dropped ks");
  }

  @Test
  void reportsEachKindCreatedUpdatedAndDroppedOnce() {
    ColumnType.UserType oldPoint = point("x").toColumnType();
    KeyspaceMetadata before =
        keyspace(
            "ks",
            RF1,
            List.of(table("kept", "a"), table("gone")),
            List.of(point("x")),
            List.of(function("f", ColumnType.INT, "old"), function("uses", oldPoint, "b")),
            List.of(aggregate("old_agg")));
    ColumnType.UserType newPoint = point("x", "y").toColumnType();
    KeyspaceMetadata after =
        keyspace(
            "ks",
            Map.of("class", "SimpleStrategy", "rf", "3"),
            List.of(table("kept", "a", "b"), table("new")),
            List.of(point("x", "y")),
            List.of(
                function("f", ColumnType.INT, "new"),
                function("f", ColumnType.TEXT, "overload"),
                function("uses", newPoint, "b")),
            List.of(aggregate("new_agg")));

    assertThat(diff(Map.of("ks", before), Map.of("ks", after)))
        .containsExactly(
            "keyspace updated ks 1",
            "type updated point",
            "function created f(text)",
            "function updated f(int) was old",
            // the type it takes changed; its signature text did not
            "function updated uses(ks.point) was b",
            "aggregate dropped old_agg(int)",
            "aggregate created new_agg(int)",
            "table dropped gone",
            "table created new",
            "table updated kept 2");
  }
}
