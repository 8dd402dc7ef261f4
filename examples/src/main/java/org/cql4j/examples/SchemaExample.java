package org.cql4j.examples;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.cql4j.protocol.value.Values;
import org.cql4j.session.ColumnMetadata;
import org.cql4j.session.KeyspaceMetadata;
import org.cql4j.session.Session;
import org.cql4j.session.TableMetadata;
import org.cql4j.session.Token;
import org.cql4j.session.statement.PreparedStatement;

/** Reading the schema from the session: tables, columns, keys, CQL text, tokens. */
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
   */
  public record Outcome(
      List<String> partitionKey,
      List<String> clusteringKey,
      List<String> columns,
      String describe,
      boolean newColumnSeen,
      boolean tokensAgree) {}

  /**
   * Runs the example against {@code CQL_CONTACT_POINTS} or a node started for it.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    Examples.withSession(session -> System.out.println(run(session)));
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
    return new Outcome(
        partitionKey, clusteringKey, columns, describe, newColumnSeen, token.equals(prepared));
  }
}
