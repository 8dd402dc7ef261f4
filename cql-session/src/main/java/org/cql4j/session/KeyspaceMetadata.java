package org.cql4j.session;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.cql4j.protocol.types.ColumnType;
import org.cql4j.session.internal.metadata.SchemaCql;

/**
 * A keyspace and what it holds, as {@code system_schema} describes it. Immutable and thread-safe.
 *
 * @param name the keyspace's name, case-sensitive, without quotes
 * @param replication the replication options, e.g. {@code class} = {@code
 *     org.apache.cassandra.locator.SimpleStrategy} and {@code replication_factor} = {@code 1}
 * @param durableWrites whether writes go through the commit log
 * @param tables the tables by name, in the given order
 * @param views the materialized views by name, in the given order
 * @param userTypes the user types by name, in the given order: as the driver reads them, a type
 *     comes after the types it uses, so that their {@code CREATE TYPE} statements run in this order
 * @param functions the user-defined functions by signature (name and argument types), in the given
 *     order
 * @param aggregates the user-defined aggregates by signature, in the given order
 */
public record KeyspaceMetadata(
    String name,
    Map<String, String> replication,
    boolean durableWrites,
    Map<String, TableMetadata> tables,
    Map<String, ViewMetadata> views,
    Map<String, UserTypeMetadata> userTypes,
    Map<FunctionSignature, FunctionMetadata> functions,
    Map<FunctionSignature, AggregateMetadata> aggregates) {

  /** Checks the name and copies the maps, keeping their order. */
  public KeyspaceMetadata {
    Objects.requireNonNull(name, "name");
    replication = Collections.unmodifiableMap(new LinkedHashMap<>(replication));
    tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
    views = Collections.unmodifiableMap(new LinkedHashMap<>(views));
    userTypes = Collections.unmodifiableMap(new LinkedHashMap<>(userTypes));
    functions = Collections.unmodifiableMap(new LinkedHashMap<>(functions));
    aggregates = Collections.unmodifiableMap(new LinkedHashMap<>(aggregates));
  }

  /**
   * A keyspace without functions or aggregates.
   *
   * @param name the keyspace's name
   * @param replication the replication options
   * @param durableWrites whether writes go through the commit log
   * @param tables the tables by name
   * @param views the materialized views by name
   * @param userTypes the user types by name, each after the types it uses
   */
  public KeyspaceMetadata(
      String name,
      Map<String, String> replication,
      boolean durableWrites,
      Map<String, TableMetadata> tables,
      Map<String, ViewMetadata> views,
      Map<String, UserTypeMetadata> userTypes) {
    this(name, replication, durableWrites, tables, views, userTypes, Map.of(), Map.of());
  }

  /**
   * Returns a user-defined function. Thread-safe.
   *
   * @param name the function's name, case-sensitive, without quotes
   * @param argumentTypes the types of its arguments, in order (functions overload)
   * @return the function, or empty if the keyspace has none of that signature
   */
  public Optional<FunctionMetadata> function(String name, ColumnType... argumentTypes) {
    return Optional.ofNullable(functions.get(FunctionSignature.of(name, argumentTypes)));
  }

  /**
   * Returns a user-defined function. Thread-safe.
   *
   * @param signature the function's name and argument types
   * @return the function, or empty if the keyspace has none of that signature
   */
  public Optional<FunctionMetadata> function(FunctionSignature signature) {
    return Optional.ofNullable(functions.get(signature));
  }

  /**
   * Returns a user-defined aggregate. Thread-safe.
   *
   * @param name the aggregate's name, case-sensitive, without quotes
   * @param argumentTypes the types of its arguments, in order (aggregates overload)
   * @return the aggregate, or empty if the keyspace has none of that signature
   */
  public Optional<AggregateMetadata> aggregate(String name, ColumnType... argumentTypes) {
    return Optional.ofNullable(aggregates.get(FunctionSignature.of(name, argumentTypes)));
  }

  /**
   * Returns a user-defined aggregate. Thread-safe.
   *
   * @param signature the aggregate's name and argument types
   * @return the aggregate, or empty if the keyspace has none of that signature
   */
  public Optional<AggregateMetadata> aggregate(FunctionSignature signature) {
    return Optional.ofNullable(aggregates.get(signature));
  }

  /**
   * Returns a table. Thread-safe.
   *
   * @param table the table's name, case-sensitive, without quotes
   * @return the table, or empty if the keyspace has none of that name
   */
  public Optional<TableMetadata> table(String table) {
    return Optional.ofNullable(tables.get(table));
  }

  /**
   * Returns a materialized view. Thread-safe.
   *
   * @param view the view's name, case-sensitive, without quotes
   * @return the view, or empty if the keyspace has none of that name
   */
  public Optional<ViewMetadata> view(String view) {
    return Optional.ofNullable(views.get(view));
  }

  /**
   * Returns a user type. Thread-safe.
   *
   * @param type the type's name, case-sensitive, without quotes
   * @return the type, or empty if the keyspace has none of that name
   */
  public Optional<UserTypeMetadata> userType(String type) {
    return Optional.ofNullable(userTypes.get(type));
  }

  /**
   * Returns the {@code CREATE KEYSPACE} statement that recreates this keyspace (without its
   * contents), e.g. {@code CREATE KEYSPACE ks WITH replication = {'class':
   * 'org.apache.cassandra.locator.SimpleStrategy', 'replication_factor': '1'} AND durable_writes =
   * true;}. Thread-safe.
   *
   * @return the statement, ending with a semicolon
   */
  public String describe() {
    return SchemaCql.createKeyspace(this);
  }

  /**
   * Returns the statements that recreate this keyspace and its contents, in an order that runs: the
   * keyspace, the user types (in map order), the functions, the aggregates (which use the
   * functions), each table followed by its indexes, then the views. Thread-safe.
   *
   * @return the statements, each ending with a semicolon
   */
  public List<String> describeAll() {
    List<String> statements = new ArrayList<>();
    statements.add(describe());
    userTypes.values().forEach(t -> statements.add(t.describe()));
    functions.values().forEach(f -> statements.add(f.describe()));
    aggregates.values().forEach(a -> statements.add(a.describe()));
    for (TableMetadata table : tables.values()) {
      statements.add(table.describe());
      table.indexes().values().forEach(i -> statements.add(i.describe()));
    }
    views.values().forEach(v -> statements.add(v.describe()));
    return statements;
  }
}
