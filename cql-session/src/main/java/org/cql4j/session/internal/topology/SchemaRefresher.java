package org.cql4j.session.internal.topology;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.cql4j.protocol.message.SchemaChange;
import org.cql4j.session.KeyspaceMetadata;
import org.cql4j.session.internal.connection.Connection;
import org.cql4j.session.internal.metadata.MetadataManager;
import org.cql4j.session.internal.metadata.SchemaListener;
import org.cql4j.session.internal.metadata.SchemaReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the schema of {@code ClusterState.keyspaces()} current: read whole at start and after the
 * control connection moved (events may have been missed), and only what changed after a
 * SCHEMA_CHANGE (one keyspace, one table, or one keyspace's functions and aggregates). Thread-safe:
 * refreshes run one after the other, in the order of the changes, chained on one future; each
 * publishes through the {@link MetadataManager}. A failed read is logged and leaves the schema as
 * it was.
 */
public final class SchemaRefresher implements SchemaListener {
  private static final Logger LOG = LoggerFactory.getLogger(SchemaRefresher.class);

  private final Supplier<Connection> control;
  private final Duration timeout;
  private final MetadataManager metadata;
  private final Object lock = new Object();
  private CompletableFuture<Void> last = CompletableFuture.completedFuture(null); // guarded

  /**
   * Creates the refresher.
   *
   * @param control the control connection, or null while it moves
   * @param timeout each system query's timeout
   * @param metadata publishes the schema
   */
  public SchemaRefresher(Supplier<Connection> control, Duration timeout, MetadataManager metadata) {
    this.control = control;
    this.timeout = timeout;
    this.metadata = metadata;
  }

  /**
   * Reads every keyspace.
   *
   * @return completes once published (or failed, logged); never fails
   */
  public CompletableFuture<Void> refreshAll() {
    return enqueue(reader -> reader.readAll().thenAccept(metadata::applySchema), "the schema");
  }

  /**
   * Reads what a schema change touched (the session's own DDL, before it completes).
   *
   * @param change the change
   * @return completes once published (or failed, logged); never fails
   */
  public CompletableFuture<Void> refresh(SchemaChange change) {
    String keyspace = change.keyspace();
    return switch (change.target()) {
      case KEYSPACE, TYPE ->
          enqueue(reader -> readKeyspace(reader, keyspace), "keyspace " + keyspace);
      case TABLE ->
          refreshIn(
              keyspace,
              (reader, known) -> reader.refreshTable(known, change.name()),
              "table " + keyspace + "." + change.name());
      case FUNCTION, AGGREGATE ->
          refreshIn(
              keyspace,
              SchemaReader::refreshFunctions,
              "the functions and aggregates of " + keyspace);
    };
  }

  // a part of a known keyspace; the whole keyspace when it is not known yet
  private CompletableFuture<Void> refreshIn(
      String keyspace,
      BiFunction<SchemaReader, KeyspaceMetadata, CompletableFuture<KeyspaceMetadata>> part,
      String what) {
    return enqueue(
        reader -> {
          KeyspaceMetadata known = metadata.state().keyspaces().get(keyspace);
          return known == null
              ? readKeyspace(reader, keyspace)
              : part.apply(reader, known).thenAccept(ks -> metadata.applyKeyspace(keyspace, ks));
        },
        what);
  }

  private CompletableFuture<Void> readKeyspace(SchemaReader reader, String keyspace) {
    return reader
        .readKeyspace(keyspace)
        .thenAccept(ks -> metadata.applyKeyspace(keyspace, ks.orElse(null)));
  }

  @Override
  public void onSchemaChange(SchemaChange change) {
    refresh(change);
  }

  @Override
  public void onSchemaEventsMissed() {
    refreshAll();
  }

  private CompletableFuture<Void> enqueue(
      Function<SchemaReader, CompletableFuture<Void>> read, String what) {
    synchronized (lock) {
      CompletableFuture<Void> next =
          last.thenCompose(
                  v -> {
                    Connection c = control.get();
                    if (c == null) {
                      return CompletableFuture.failedFuture(
                          new IllegalStateException("no control connection"));
                    }
                    return read.apply(SchemaReader.over(c, timeout));
                  })
              .exceptionally(
                  e -> {
                    LOG.warn("cannot read {}: {}", what, e.getMessage());
                    return null;
                  });
      last = next;
      return next;
    }
  }
}
