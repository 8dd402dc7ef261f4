package org.cql4j.session.internal.metadata;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.cql4j.protocol.errors.DbError;
import org.cql4j.protocol.errors.DbException;
import org.cql4j.protocol.value.CqlRow;
import org.cql4j.session.KeyspaceMetadata;
import org.cql4j.session.internal.connection.Connection;
import org.cql4j.session.internal.connection.SystemQueries;
import org.cql4j.session.internal.session.BlockingCalls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the schema from {@code system_schema} ({@code keyspaces}, {@code tables}, {@code columns},
 * {@code types}, {@code views}, {@code indexes}, {@code functions} and {@code aggregates}) into the
 * metadata model: all keyspaces, one keyspace, or one table or view, or the functions and
 * aggregates, of a known keyspace (a targeted refresh after a SCHEMA_CHANGE event). Thread-safe: it
 * keeps no state but the query function.
 *
 * <p>The queries of a read run at once. Rows are read by column name ({@code SELECT *}), so columns
 * a server version adds are ignored and optional ones may be missing. If a query fails the read
 * fails, and the caller keeps what it knew; only {@code views}, {@code indexes}, {@code functions}
 * and {@code aggregates} may be missing from a server (an Invalid error, "unconfigured table"), and
 * then read as empty. A type the driver cannot parse does not fail the read: its column or field
 * gets a {@link org.cql4j.protocol.types.ColumnType.Custom} of the raw text, with a warning.
 *
 * <p>What to call after a SCHEMA_CHANGE event: a KEYSPACE change, or a TYPE change (tables use the
 * types), {@link #readKeyspace}; a TABLE change (of a table or a view) {@link #refreshTable}; a
 * FUNCTION or AGGREGATE change, {@link #refreshFunctions}.
 */
public final class SchemaReader {
  private static final Logger LOG = LoggerFactory.getLogger(SchemaReader.class);

  static final String KEYSPACES = "SELECT * FROM system_schema.keyspaces";
  static final String TABLES = "SELECT * FROM system_schema.tables";
  static final String COLUMNS = "SELECT * FROM system_schema.columns";
  static final String TYPES = "SELECT * FROM system_schema.types";
  static final String VIEWS = "SELECT * FROM system_schema.views";
  static final String INDEXES = "SELECT * FROM system_schema.indexes";
  static final String FUNCTIONS = "SELECT * FROM system_schema.functions";
  static final String AGGREGATES = "SELECT * FROM system_schema.aggregates";

  private final Function<String, CompletableFuture<List<CqlRow>>> query;

  /**
   * Creates a reader that runs its queries through a function.
   *
   * @param query runs a query (without bind markers, unpaged) and completes with its rows; called
   *     on the caller's thread, several times at once per read
   */
  public SchemaReader(Function<String, CompletableFuture<List<CqlRow>>> query) {
    this.query = Objects.requireNonNull(query, "query");
  }

  /**
   * Creates a reader that runs its queries on one connection (the control connection) at
   * consistency ONE.
   *
   * @param connection the connection
   * @param timeout each query's timeout
   * @return the reader
   */
  public static SchemaReader over(Connection connection, Duration timeout) {
    return new SchemaReader(cql -> SystemQueries.rows(connection, cql, timeout));
  }

  /**
   * Reads every keyspace.
   *
   * @return completes with the keyspaces by name, sorted by name, or fails as a query did
   */
  public CompletableFuture<Map<String, KeyspaceMetadata>> readAll() {
    return read(KEYSPACES, TYPES, TABLES, COLUMNS, VIEWS, INDEXES, FUNCTIONS, AGGREGATES)
        .thenApply(SchemaBuilder::keyspaces);
  }

  /**
   * Reads one keyspace.
   *
   * @param keyspace the keyspace's name, case-sensitive, without quotes
   * @return completes with the keyspace, or empty if there is none of that name (it was dropped),
   *     or fails as a query did
   */
  public CompletableFuture<Optional<KeyspaceMetadata>> readKeyspace(String keyspace) {
    String where = " WHERE keyspace_name = " + SchemaCql.literal(keyspace);
    return read(
            KEYSPACES + where,
            TYPES + where,
            TABLES + where,
            COLUMNS + where,
            VIEWS + where,
            INDEXES + where,
            FUNCTIONS + where,
            AGGREGATES + where)
        .thenApply(rows -> Optional.ofNullable(SchemaBuilder.keyspaces(rows).get(keyspace)));
  }

  /**
   * Reads the functions and aggregates of a known keyspace again.
   *
   * @param keyspace the keyspace as known
   * @return completes with the keyspace whose functions and aggregates are what the server says now
   *     (their user types resolved with the keyspace's as known); or fails as a query did
   */
  public CompletableFuture<KeyspaceMetadata> refreshFunctions(KeyspaceMetadata keyspace) {
    String where = " WHERE keyspace_name = " + SchemaCql.literal(keyspace.name());
    CompletableFuture<List<CqlRow>> functions = optional(FUNCTIONS + where);
    CompletableFuture<List<CqlRow>> aggregates = optional(AGGREGATES + where);
    return functions
        .thenCombine(aggregates, (f, a) -> FunctionRows.withFunctions(keyspace, f, a))
        .toCompletableFuture();
  }

  /**
   * Reads one table or materialized view again, with the keyspace's user types.
   *
   * @param keyspace the keyspace as known (from {@link #readAll} or {@link #readKeyspace})
   * @param name the table's or view's name, case-sensitive, without quotes
   * @return completes with the keyspace in which that table or view is replaced by what the server
   *     says now, or removed if the server has none of that name (it was dropped), and the user
   *     types are read again; or fails as a query did
   */
  public CompletableFuture<KeyspaceMetadata> refreshTable(KeyspaceMetadata keyspace, String name) {
    String inKeyspace = " WHERE keyspace_name = " + SchemaCql.literal(keyspace.name());
    String table = inKeyspace + " AND table_name = " + SchemaCql.literal(name);
    String view = inKeyspace + " AND view_name = " + SchemaCql.literal(name);
    return read(
            null,
            TYPES + inKeyspace,
            TABLES + table,
            COLUMNS + table,
            VIEWS + view,
            INDEXES + table,
            null,
            null)
        .thenApply(rows -> SchemaBuilder.withRelation(keyspace, name, rows));
  }

  private CompletableFuture<SchemaRows> read(
      String keyspaces,
      String types,
      String tables,
      String columns,
      String views,
      String indexes,
      String functions,
      String aggregates) {
    CompletableFuture<List<CqlRow>> keyspaceRows =
        keyspaces == null ? CompletableFuture.completedFuture(List.of()) : run(keyspaces);
    CompletableFuture<List<CqlRow>> typeRows = run(types);
    CompletableFuture<List<CqlRow>> tableRows = run(tables);
    CompletableFuture<List<CqlRow>> columnRows = run(columns);
    CompletableFuture<List<CqlRow>> viewRows = optional(views);
    CompletableFuture<List<CqlRow>> indexRows = optional(indexes);
    CompletableFuture<List<CqlRow>> functionRows =
        functions == null ? CompletableFuture.completedFuture(List.of()) : optional(functions);
    CompletableFuture<List<CqlRow>> aggregateRows =
        aggregates == null ? CompletableFuture.completedFuture(List.of()) : optional(aggregates);
    return CompletableFuture.allOf(
            keyspaceRows,
            typeRows,
            tableRows,
            columnRows,
            viewRows,
            indexRows,
            functionRows,
            aggregateRows)
        .thenApply(
            done ->
                new SchemaRows(
                    keyspaceRows.join(),
                    tableRows.join(),
                    columnRows.join(),
                    typeRows.join(),
                    viewRows.join(),
                    indexRows.join(),
                    functionRows.join(),
                    aggregateRows.join()));
  }

  private CompletableFuture<List<CqlRow>> run(String cql) {
    try {
      return query.apply(cql);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  // a server without the table (Invalid: "unconfigured table") has none of those
  private CompletableFuture<List<CqlRow>> optional(String cql) {
    return run(cql)
        .exceptionallyCompose(
            error -> {
              Throwable cause = BlockingCalls.unwrap(error);
              if (cause instanceof DbException db && db.error() instanceof DbError.Invalid) {
                LOG.debug("{} failed ({}); reading no rows", cql, cause.getMessage());
                return CompletableFuture.completedFuture(List.of());
              }
              return CompletableFuture.failedFuture(cause);
            });
  }
}
