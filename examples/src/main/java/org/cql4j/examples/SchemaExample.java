package org.cql4j.examples;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.cql4j.protocol.types.ColumnType;
import org.cql4j.protocol.value.Values;
import org.cql4j.session.AggregateMetadata;
import org.cql4j.session.ColumnMetadata;
import org.cql4j.session.FunctionMetadata;
import org.cql4j.session.KeyspaceMetadata;
import org.cql4j.session.Node;
import org.cql4j.session.Session;
import org.cql4j.session.TableMetadata;
import org.cql4j.session.Token;
import org.cql4j.session.observability.NodeStateListener;
import org.cql4j.session.observability.SchemaChangeListener;
import org.cql4j.session.statement.PreparedStatement;

/**
 * Reading the schema from the session: tables, columns, keys, CQL text, tokens, functions and
 * aggregates; and listening to node and schema changes.
 */
public final class SchemaExample {
  private SchemaExample() {}

  /**
   * What the example read.
   *
   * @param partitionKey the partition key columns of the table
   * @param clusteringKey its clustering columns
   * @param columns every column as {@code name type kind}
   * @param describe the table's CREATE TABLE statement
   * @param newColumnSeen whether a column added with ALTER TABLE was visible at once
   * @param tokensAgree whether the token computed from the schema equals the prepared statement's
   * @param functionBody the body of the user-defined function, read from the metadata
   * @param aggregateStateType the state type of the user-defined aggregate
   * @param aggregateDescribe the aggregate's CREATE AGGREGATE statement
   */
  public record Outcome(
      List<String> partitionKey,
      List<String> clusteringKey,
      List<String> columns,
      String describe,
      boolean newColumnSeen,
      boolean tokensAgree,
      String functionBody,
      ColumnType aggregateStateType,
      String aggregateDescribe) {}

  /**
   * Runs the example against {@code CQL_CONTACT_POINTS} or a node started for it.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    Examples.withContactPoints(
        contactPoints -> {
          try (Session session = Session.builder().knownNodes(contactPoints).build()) {
            System.out.println(run(session));
            session.queryUnpaged("DROP TABLE IF EXISTS examples.audit");
            System.out.println(listen(contactPoints));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
  }

  /**
   * Creates a table and reads it back from the schema metadata.
   *
   * @param session the session
   * @return what was read
   */
  public static Outcome run(Session session) {
    Examples.createKeyspace(session);
    session.queryUnpaged("DROP TABLE IF EXISTS examples.readings");
    session.queryUnpaged(
        "CREATE TABLE examples.readings (sensor text, day date, at timestamp, value double,"
            + " PRIMARY KEY ((sensor, day), at)) WITH CLUSTERING ORDER BY (at DESC)");

    // tag::read[]
    KeyspaceMetadata keyspace = session.getClusterState().keyspace("examples").orElseThrow();
    TableMetadata readings = keyspace.table("readings").orElseThrow();
    List<String> partitionKey = readings.partitionKey(); // [sensor, day]
    List<String> clusteringKey = readings.clusteringKey(); // [at]
    List<String> columns = new ArrayList<>();
    for (ColumnMetadata column : readings.columns().values()) {
      columns.add(column.name() + " " + column.type() + " " + column.kind()); // at timestamp ...
    }
    String describe = readings.describe(); // CREATE TABLE examples.readings (...) WITH ...
    // end::read[]

    // tag::follow[]
    session.queryUnpaged("ALTER TABLE examples.readings ADD unit text");
    // the session's own DDL is in the metadata when the statement returns
    boolean newColumnSeen =
        session
            .getClusterState()
            .keyspace("examples")
            .flatMap(k -> k.table("readings"))
            .flatMap(t -> t.column("unit"))
            .isPresent();
    // end::follow[]

    // tag::token[]
    LocalDate day = LocalDate.of(2026, 12, 6);
    Token token =
        session.getClusterState().computeToken("examples", "readings", Values.of("s-17", day));
    // end::token[]
    PreparedStatement insert =
        session.prepare(
            "INSERT INTO examples.readings (sensor, day, at, value) VALUES (?, ?, ?, ?)");
    Token prepared = insert.computeToken(Values.of("s-17", day, Instant.now(), 21.5)).orElseThrow();

    // user-defined functions need user_defined_functions_enabled: true in cassandra.yaml
    session.queryUnpaged(
        "CREATE OR REPLACE FUNCTION examples.max_of(state double, value double)"
            + " CALLED ON NULL INPUT RETURNS double LANGUAGE java"
            + " AS 'return value == null || (state != null && state >= value) ? state : value;'");
    session.queryUnpaged(
        "CREATE OR REPLACE AGGREGATE examples.maximum(double)" + " SFUNC max_of STYPE double");
    // tag::functions[]
    KeyspaceMetadata examples = session.getClusterState().keyspace("examples").orElseThrow();
    // functions overload: a function is found by its name and argument types
    FunctionMetadata maxOf =
        examples.function("max_of", ColumnType.DOUBLE, ColumnType.DOUBLE).orElseThrow();
    String functionBody = maxOf.body(); // return value == null || ...
    AggregateMetadata maximum = examples.aggregate("maximum", ColumnType.DOUBLE).orElseThrow();
    ColumnType stateType = maximum.stateType(); // double
    String aggregateDescribe = maximum.describe(); // CREATE AGGREGATE examples.maximum(double) ...
    List<String> everything = examples.describeAll(); // types, functions, aggregates, tables...
    // end::functions[]
    return new Outcome(
        partitionKey,
        clusteringKey,
        columns,
        describe,
        newColumnSeen,
        token.equals(prepared),
        functionBody,
        stateType,
        aggregateDescribe
            + (everything.contains(aggregateDescribe) ? "" : " (not in describeAll)"));
  }

  /**
   * Opens a session with a node listener and a schema listener, changes the schema and returns what
   * the schema listener saw.
   *
   * @param contactPoints where to connect
   * @return the schema changes seen, as {@code created examples.audit} and so on
   * @throws InterruptedException if interrupted while waiting for the changes
   */
  public static List<String> listen(List<String> contactPoints) throws InterruptedException {
    List<String> seen = new CopyOnWriteArrayList<>();
    // tag::listen[]
    NodeStateListener nodes =
        new NodeStateListener() {
          @Override
          public void onDown(Node node) {
            System.out.println(node.address() + " is down");
          }

          @Override
          public void onUp(Node node) {
            System.out.println(node.address() + " is up");
          }
        };
    SchemaChangeListener schema =
        new SchemaChangeListener() {
          @Override
          public void onTableCreated(TableMetadata table) {
            seen.add("created " + table.keyspace() + "." + table.name());
          }

          @Override
          public void onTableUpdated(TableMetadata current, TableMetadata previous) {
            seen.add("updated " + current.keyspace() + "." + current.name());
          }

          @Override
          public void onTableDropped(TableMetadata table) {
            seen.add("dropped " + table.keyspace() + "." + table.name());
          }
        };
    Session session =
        Session.builder()
            .knownNodes(contactPoints)
            .nodeStateListener(nodes)
            .schemaChangeListener(schema)
            .build();
    session.queryUnpaged("CREATE TABLE examples.audit (id uuid PRIMARY KEY, what text)");
    session.queryUnpaged("ALTER TABLE examples.audit ADD who text");
    session.queryUnpaged("DROP TABLE examples.audit");
    // seen: [created examples.audit, updated examples.audit, dropped examples.audit]
    // end::listen[]
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (seen.size() < 3 && System.nanoTime() < deadline) {
        TimeUnit.MILLISECONDS.sleep(10); // listeners run on the session's own thread
      }
    } finally {
      session.close();
    }
    return List.copyOf(seen);
  }
}
