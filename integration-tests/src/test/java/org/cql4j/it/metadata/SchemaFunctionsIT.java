package org.cql4j.it.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.cql4j.protocol.types.ColumnType;
import org.cql4j.protocol.types.CqlTypeParser;
import org.cql4j.protocol.value.CqlRow;
import org.cql4j.session.AggregateMetadata;
import org.cql4j.session.FunctionMetadata;
import org.cql4j.session.KeyspaceMetadata;
import org.cql4j.session.Session;
import org.cql4j.session.TableMetadata;
import org.cql4j.session.UserTypeMetadata;
import org.cql4j.session.ViewMetadata;
import org.cql4j.session.observability.SchemaChangeListener;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.TestCluster;
import org.junit.jupiter.api.Test;

/**
 * User-defined functions and aggregates in the schema metadata, their CQL, and the schema change
 * listener. The test kit's nodes run with {@code user_defined_functions_enabled}; Java UDFs work on
 * Cassandra 5.0.
 */
@CassandraTest
class SchemaFunctionsIT {
  private static final String KEYSPACE =
      "CREATE KEYSPACE %s WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}";

  private static final List<String> FUNCTIONS_DDL =
      List.of(
          "CREATE TYPE %s.pt (x int, y int)",
          "CREATE FUNCTION %s.plus(a int, b int) RETURNS NULL ON NULL INPUT RETURNS int"
              + " LANGUAGE java AS 'return a + b;'",
          "CREATE FUNCTION %s.plus(a bigint, b bigint) CALLED ON NULL INPUT RETURNS bigint"
              + " LANGUAGE java AS $$ return a == null ? b : (b == null ? a : a + b); $$",
          "CREATE FUNCTION %s.norm(p pt, l list<int>) RETURNS NULL ON NULL INPUT RETURNS int"
              + " LANGUAGE java AS 'return p.getInt(\"x\") + l.size();'",
          "CREATE FUNCTION %s.avg_state(s tuple<int, bigint>, v int) CALLED ON NULL INPUT"
              + " RETURNS tuple<int, bigint> LANGUAGE java AS"
              + " 'if (v != null) { s.setInt(0, s.getInt(0) + 1); s.setLong(1, s.getLong(1) + v); }"
              + " return s;'",
          "CREATE FUNCTION %s.avg_final(s tuple<int, bigint>) CALLED ON NULL INPUT RETURNS double"
              + " LANGUAGE java AS"
              + " 'return s.getInt(0) == 0 ? null : (double) s.getLong(1) / s.getInt(0);'",
          "CREATE AGGREGATE %s.average(int) SFUNC avg_state STYPE tuple<int, bigint>"
              + " FINALFUNC avg_final INITCOND (0, 0)",
          "CREATE AGGREGATE %s.total(int) SFUNC plus STYPE int INITCOND 0");

  private static void create(Session session, String keyspace) {
    session.queryUnpaged("DROP KEYSPACE IF EXISTS " + keyspace);
    session.queryUnpaged(KEYSPACE.formatted(keyspace));
    FUNCTIONS_DDL.forEach(ddl -> session.queryUnpaged(ddl.formatted(keyspace)));
  }

  private static List<CqlRow> rows(Session session, String table, String keyspace) {
    List<CqlRow> rows = new ArrayList<>();
    session
        .queryUnpaged(
            "SELECT * FROM system_schema." + table + " WHERE keyspace_name = '" + keyspace + "'")
        .intoRowsResult()
        .rows(CqlRow.class)
        .forEach(rows::add);
    return rows;
  }

  // the type text as system_schema has it, without the frozen<> it puts around tuples and types
  private static ColumnType type(String text, KeyspaceMetadata keyspace) {
    return CqlTypeParser.parse(
            text,
            keyspace.name(),
            (k, name) -> keyspace.userType(name).map(UserTypeMetadata::toColumnType).orElse(null))
        .type();
  }

  @Test
  void functionsAndAggregatesMatchSystemSchema(TestCluster cassandra) {
    try (Session session = Session.builder().knownNodes(cassandra.contactPoints()).build()) {
      create(session, "fn_it");
      KeyspaceMetadata ks = session.getClusterState().keyspace("fn_it").orElseThrow();

      List<CqlRow> functionRows = rows(session, "functions", "fn_it");
      assertThat(ks.functions()).hasSize(functionRows.size()).hasSize(5);
      for (CqlRow row : functionRows) {
        List<ColumnType> types =
            row.getList("argument_types", String.class).stream().map(t -> type(t, ks)).toList();
        FunctionMetadata f =
            ks.function(row.getString("function_name"), types.toArray(ColumnType[]::new))
                .orElseThrow();
        assertThat(f.argumentNames()).isEqualTo(row.getList("argument_names", String.class));
        assertThat(f.returnType()).isEqualTo(type(row.getString("return_type"), ks));
        assertThat(f.body()).isEqualTo(row.getString("body"));
        assertThat(f.language()).isEqualTo(row.getString("language")).isEqualTo("java");
        assertThat(f.calledOnNullInput()).isEqualTo(row.getBoolean("called_on_null_input"));
      }
      assertThat(ks.function("plus", ColumnType.INT, ColumnType.INT).orElseThrow().body())
          .isEqualTo("return a + b;");

      List<CqlRow> aggregateRows = rows(session, "aggregates", "fn_it");
      assertThat(ks.aggregates()).hasSize(aggregateRows.size()).hasSize(2);
      for (CqlRow row : aggregateRows) {
        AggregateMetadata a =
            ks.aggregate(row.getString("aggregate_name"), ColumnType.INT).orElseThrow();
        assertThat(a.stateFunction()).isEqualTo(row.getString("state_func"));
        assertThat(a.stateType()).isEqualTo(type(row.getString("state_type"), ks));
        assertThat(a.finalFunction().orElse(null)).isEqualTo(row.getString("final_func"));
        assertThat(a.initialCondition().orElse(null)).isEqualTo(row.getString("initcond"));
        assertThat(a.returnType()).isEqualTo(type(row.getString("return_type"), ks));
        assertThat(ks.function(a.stateFunctionSignature())).isPresent();
        a.finalFunctionSignature().ifPresent(f -> assertThat(ks.function(f)).isPresent());
      }
      // and they run: the aggregate over a table
      session.queryUnpaged("CREATE TABLE fn_it.t (k int, c int, v int, PRIMARY KEY (k, c))");
      for (int c = 1; c <= 4; c++) {
        session.queryUnpaged("INSERT INTO fn_it.t (k, c, v) VALUES (1, " + c + ", " + c + ")");
      }
      assertThat(
              session
                  .queryUnpaged("SELECT fn_it.average(v) FROM fn_it.t WHERE k = 1")
                  .intoRowsResult()
                  .singleRow(Double.class))
          .isEqualTo(2.5);
    }
  }

  @Test
  void describeAllRecreatesIdenticalFunctionsAndAggregates(TestCluster cassandra) {
    try (Session session = Session.builder().knownNodes(cassandra.contactPoints()).build()) {
      create(session, "fn_replay");
      session.queryUnpaged("CREATE TABLE fn_replay.t (k int PRIMARY KEY, p frozen<pt>)");
      KeyspaceMetadata before = session.getClusterState().keyspace("fn_replay").orElseThrow();
      List<String> statements = before.describeAll();

      session.queryUnpaged("DROP KEYSPACE fn_replay");
      assertThat(session.getClusterState().keyspace("fn_replay")).isEmpty();
      statements.forEach(session::queryUnpaged);

      KeyspaceMetadata after = session.getClusterState().keyspace("fn_replay").orElseThrow();
      assertThat(after.functions()).isEqualTo(before.functions());
      assertThat(after.aggregates()).isEqualTo(before.aggregates());
      assertThat(after.userTypes()).isEqualTo(before.userTypes());
      assertThat(after.describeAll()).isEqualTo(statements);
    }
  }

  /** Records each call as "kind action name". */
  private static final class Recorder implements SchemaChangeListener {
    final List<String> calls = new CopyOnWriteArrayList<>();

    @Override
    public void onKeyspaceCreated(KeyspaceMetadata k) {
      calls.add("keyspace created " + k.name());
    }

    @Override
    public void onKeyspaceUpdated(KeyspaceMetadata current, KeyspaceMetadata previous) {
      calls.add("keyspace updated " + current.name());
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
      calls.add("table updated " + current.name());
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
    public void onViewUpdated(ViewMetadata current, ViewMetadata previous) {
      calls.add("view updated " + current.name());
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
    public void onUserTypeDropped(UserTypeMetadata t) {
      calls.add("type dropped " + t.name());
    }

    @Override
    public void onFunctionCreated(FunctionMetadata f) {
      calls.add("function created " + f.signature());
    }

    @Override
    public void onFunctionUpdated(FunctionMetadata current, FunctionMetadata previous) {
      calls.add("function updated " + current.signature());
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
    public void onAggregateUpdated(AggregateMetadata current, AggregateMetadata previous) {
      calls.add("aggregate updated " + current.signature());
    }

    @Override
    public void onAggregateDropped(AggregateMetadata a) {
      calls.add("aggregate dropped " + a.signature());
    }
  }

  @Test
  void schemaListenerSeesEachChangeOnceWhoeverMadeIt(TestCluster cassandra) throws Exception {
    Recorder recorder = new Recorder();
    try (Session other = Session.builder().knownNodes(cassandra.contactPoints()).build()) {
      other.queryUnpaged("DROP KEYSPACE IF EXISTS fn_events");
      try (Session session =
          Session.builder()
              .knownNodes(cassandra.contactPoints())
              .schemaChangeListener(recorder)
              .schemaChangeListener(
                  new SchemaChangeListener() {
                    @Override
                    public void onTableCreated(TableMetadata table) {
                      throw new IllegalStateException("a broken listener");
                    }
                  })
              .build()) {
        List<String> expected = new ArrayList<>();
        // each change, by this session (even steps) or another client (odd steps), and the call
        // it must cause; the next change waits for that call
        String[][] steps = {
          {KEYSPACE.formatted("fn_events"), "keyspace created fn_events"},
          {
            "ALTER KEYSPACE fn_events WITH replication ="
                + " {'class': 'SimpleStrategy', 'replication_factor': 2}",
            "keyspace updated fn_events"
          },
          {"CREATE TYPE fn_events.pt (x int)", "type created pt"},
          {"ALTER TYPE fn_events.pt ADD y int", "type updated pt"},
          {
            "CREATE FUNCTION fn_events.f(a int) RETURNS NULL ON NULL INPUT RETURNS int"
                + " LANGUAGE java AS 'return a;'",
            "function created f(int)"
          },
          {
            "CREATE OR REPLACE FUNCTION fn_events.f(a int) RETURNS NULL ON NULL INPUT RETURNS int"
                + " LANGUAGE java AS 'return a + 1;'",
            "function updated f(int)"
          },
          {
            "CREATE FUNCTION fn_events.s(s int, a int) CALLED ON NULL INPUT RETURNS int"
                + " LANGUAGE java AS 'return s;'",
            "function created s(int, int)"
          },
          {
            "CREATE AGGREGATE fn_events.agg(int) SFUNC s STYPE int INITCOND 0",
            "aggregate created agg(int)"
          },
          {
            "CREATE OR REPLACE AGGREGATE fn_events.agg(int) SFUNC s STYPE int INITCOND 1",
            "aggregate updated agg(int)"
          },
          {"DROP AGGREGATE fn_events.agg", "aggregate dropped agg(int)"},
          {"DROP FUNCTION fn_events.s", "function dropped s(int, int)"},
          {"DROP FUNCTION fn_events.f", "function dropped f(int)"},
          {"CREATE TABLE fn_events.t (k int PRIMARY KEY, v int)", "table created t"},
          {"ALTER TABLE fn_events.t ADD w text", "table updated t"},
          {
            "CREATE MATERIALIZED VIEW fn_events.by_v AS SELECT k, v FROM fn_events.t"
                + " WHERE v IS NOT NULL AND k IS NOT NULL PRIMARY KEY (v, k)",
            "view created by_v"
          },
          {"ALTER MATERIALIZED VIEW fn_events.by_v WITH comment = 'c'", "view updated by_v"},
          {"DROP MATERIALIZED VIEW fn_events.by_v", "view dropped by_v"},
          {"DROP TABLE fn_events.t", "table dropped t"},
          {"DROP TYPE fn_events.pt", "type dropped pt"},
          {"DROP KEYSPACE fn_events", "keyspace dropped fn_events"},
        };
        for (int i = 0; i < steps.length; i++) {
          (i % 2 == 0 ? session : other).queryUnpaged(steps[i][0]);
          expected.add(steps[i][1]);
          awaitCalls(recorder, expected.size());
        }
        TimeUnit.SECONDS.sleep(1); // late duplicates would show up by now
        assertThat(recorder.calls).containsExactlyElementsOf(expected);
      }
    }
  }

  private static void awaitCalls(Recorder recorder, int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (recorder.calls.size() < count && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(20);
    }
    assertThat(recorder.calls).as("the listener's calls so far").hasSizeGreaterThanOrEqualTo(count);
  }
}
