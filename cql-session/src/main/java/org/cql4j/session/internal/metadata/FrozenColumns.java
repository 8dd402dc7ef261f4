package org.cql4j.session.internal.metadata;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.cql4j.protocol.message.SchemaChange;
import org.cql4j.protocol.types.ColumnSpec;
import org.cql4j.protocol.value.CqlRow;
import org.cql4j.session.internal.connection.Connection;
import org.cql4j.session.internal.connection.SystemQueries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which collection columns the schema declares {@code frozen<...>}, per table: the one fact about a
 * result column that the native protocol does not carry (native_protocol_v4.spec §4.2.5.2) and that
 * decoding needs, because a null non-frozen collection is an empty one while a null frozen
 * collection is null. Thread-safe.
 *
 * <p>A table is looked up in {@code system_schema.columns} the first time a result shows one of its
 * collection columns, and forgotten when a schema change touches it (a SCHEMA_CHANGE event, or this
 * session's own DDL). A result whose tables are all known is marked without waiting; one that needs
 * a lookup waits for that one query. If the lookup fails, the result is not held back: its columns
 * stay unmarked (read as non-frozen, as before the lookup existed) and the next result tries again.
 */
public final class FrozenColumns implements SchemaListener {
  private static final Logger LOG = LoggerFactory.getLogger(FrozenColumns.class);
  static final String QUERY =
      "SELECT column_name, type FROM system_schema.columns"
          + " WHERE keyspace_name = '%s' AND table_name = '%s'";

  private final Supplier<Connection> connection;
  private final Duration timeout;
  // keyspace -> table -> the frozen collection columns' names, once known
  private final Map<String, Map<String, CompletableFuture<Set<String>>>> tables =
      new ConcurrentHashMap<>();

  /**
   * Creates an empty cache.
   *
   * @param connection an open connection for the lookups (the control connection), or null when
   *     there is none
   * @param timeout the lookups' timeout
   */
  public FrozenColumns(Supplier<Connection> connection, Duration timeout) {
    this.connection = connection;
    this.timeout = timeout;
  }

  /**
   * Marks the frozen collection columns of a result, when every table involved is known already.
   *
   * @param columns the result's columns
   * @return the columns, {@code columns} itself when nothing changes; or null when a table must be
   *     looked up first ({@link #resolve})
   */
  public List<ColumnSpec> resolveNow(List<ColumnSpec> columns) {
    List<ColumnSpec> marked = null;
    for (int i = 0; i < columns.size(); i++) {
      ColumnSpec column = columns.get(i);
      if (!column.isCollection() || column.frozen()) {
        continue;
      }
      CompletableFuture<Set<String>> known = lookup(column.keyspace(), column.table());
      if (!known.isDone()) {
        return null;
      }
      if (!known.isCompletedExceptionally() && known.join().contains(column.name())) {
        if (marked == null) {
          marked = new ArrayList<>(columns);
        }
        marked.set(i, column.withFrozen(true));
      }
    }
    return marked == null ? columns : marked;
  }

  /**
   * Marks the frozen collection columns of a result, looking up the tables not known yet.
   *
   * @param columns the result's columns
   * @return completes with the marked columns once the lookups end; never fails
   */
  public CompletableFuture<List<ColumnSpec>> resolve(List<ColumnSpec> columns) {
    List<CompletableFuture<Set<String>>> pending = new ArrayList<>();
    for (ColumnSpec column : columns) {
      if (column.isCollection() && !column.frozen()) {
        pending.add(lookup(column.keyspace(), column.table()));
      }
    }
    return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
        .handle((ignored, error) -> resolveNow(columns))
        .thenApply(resolved -> resolved != null ? resolved : columns);
  }

  /**
   * Forgets what a schema change may have changed: the tables of a changed keyspace, or a changed
   * table.
   *
   * @param change a SCHEMA_CHANGE event or result
   */
  @Override
  public void onSchemaChange(SchemaChange change) {
    switch (change.target()) {
      case KEYSPACE -> tables.remove(change.keyspace());
      case TABLE -> {
        Map<String, CompletableFuture<Set<String>>> keyspace = tables.get(change.keyspace());
        if (keyspace != null) {
          keyspace.remove(change.name());
        }
      }
      default -> {} // types, functions and aggregates do not make a column frozen or not
    }
  }

  /** Forgets every table, when schema changes may have been missed (a new control connection). */
  @Override
  public void onSchemaEventsMissed() {
    tables.clear();
  }

  private CompletableFuture<Set<String>> lookup(String keyspace, String table) {
    Map<String, CompletableFuture<Set<String>>> byTable =
        tables.computeIfAbsent(keyspace, k -> new ConcurrentHashMap<>());
    CompletableFuture<Set<String>> known = byTable.get(table);
    if (known != null) {
      return known;
    }
    CompletableFuture<Set<String>> started = new CompletableFuture<>();
    known = byTable.putIfAbsent(table, started);
    if (known != null) {
      return known;
    }
    fetch(keyspace, table)
        .whenComplete(
            (frozen, error) -> {
              if (error != null) {
                LOG.debug(
                    "cannot read the columns of {}.{}: {}", keyspace, table, error.toString());
                byTable.remove(table, started); // the next result tries again
                started.completeExceptionally(error);
              } else {
                started.complete(frozen);
              }
            });
    return started;
  }

  private CompletableFuture<Set<String>> fetch(String keyspace, String table) {
    Connection c = connection.get();
    if (c == null) {
      return CompletableFuture.failedFuture(new IllegalStateException("no control connection"));
    }
    String cql = String.format(QUERY, literal(keyspace), literal(table));
    return SystemQueries.rows(c, cql, timeout)
        .thenApply(
            rows -> {
              Set<String> frozen = new HashSet<>();
              for (CqlRow row : rows) {
                String type = row.getString("type");
                if (type != null && type.startsWith("frozen<")) {
                  frozen.add(row.getString("column_name"));
                }
              }
              return frozen;
            });
  }

  // a CQL string literal's content: quotes doubled
  private static String literal(String name) {
    return name.replace("'", "''");
  }
}
