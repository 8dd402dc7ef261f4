package org.cql4j.session.internal.session;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import org.cql4j.protocol.message.Result;
import org.cql4j.protocol.message.SchemaChange;
import org.cql4j.protocol.message.SchemaChangeResult;
import org.cql4j.protocol.message.SetKeyspaceResult;
import org.cql4j.session.QueryPage;
import org.cql4j.session.internal.pool.PoolManager;
import org.cql4j.session.internal.result.DefaultQueryResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the results that change the session before their request completes: SET_KEYSPACE switches
 * every connection, SCHEMA_CHANGE awaits schema agreement (when enabled) so that the next statement
 * sees the change on any node. Thread-safe (immutable).
 */
public final class SessionChanges {
  private static final Logger LOG = LoggerFactory.getLogger(SessionChanges.class);
  private static final Duration USE_TIMEOUT = Duration.ofSeconds(30);

  private final KeyspaceHolder keyspace;
  private final PoolManager pools;
  private final Supplier<CompletableFuture<UUID>> schemaAgreement;
  private final Supplier<CompletableFuture<Void>> refreshTopology;
  private final Function<SchemaChange, CompletableFuture<Void>> refreshSchema;

  /**
   * Creates the applier.
   *
   * @param keyspace the session's current keyspace
   * @param pools the connections to switch
   * @param schemaAgreement awaits schema agreement after a schema change, or null not to
   * @param refreshTopology re-reads the nodes and keyspaces' replication now
   * @param refreshSchema re-reads what a schema change touched, for the schema metadata
   */
  public SessionChanges(
      KeyspaceHolder keyspace,
      PoolManager pools,
      Supplier<CompletableFuture<UUID>> schemaAgreement,
      Supplier<CompletableFuture<Void>> refreshTopology,
      Function<SchemaChange, CompletableFuture<Void>> refreshSchema) {
    this.keyspace = keyspace;
    this.pools = pools;
    this.schemaAgreement = schemaAgreement;
    this.refreshTopology = refreshTopology;
    this.refreshSchema = refreshSchema;
  }

  /**
   * Whether a result changes the session.
   *
   * @param result the protocol result
   * @return true for SET_KEYSPACE and SCHEMA_CHANGE
   */
  public static boolean changesSession(Result result) {
    return result instanceof SetKeyspaceResult || result instanceof SchemaChangeResult;
  }

  /**
   * Applies a page's result.
   *
   * @param page a page whose result {@link #changesSession changes the session}
   * @return completes with the page once applied; a schema agreement that fails only logs
   */
  public CompletableFuture<QueryPage> apply(QueryPage page) {
    Result result = ((DefaultQueryResult) page.result()).result();
    if (result instanceof SetKeyspaceResult setKeyspace) {
      keyspace.set(setKeyspace.keyspace());
      String cql = keyspace.cql();
      return CompletableFuture.allOf(
              pools.pools().stream()
                  .map(pool -> pool.useKeyspace(cql, USE_TIMEOUT))
                  .toArray(CompletableFuture[]::new))
          .thenApply(v -> page);
    }
    if (!(result instanceof SchemaChangeResult change)) {
      return CompletableFuture.completedFuture(page);
    }
    CompletableFuture<QueryPage> agreed =
        schemaAgreement == null
            ? CompletableFuture.completedFuture(page)
            : schemaAgreement
                .get()
                .handle(
                    (version, error) -> {
                      if (error != null) {
                        LOG.warn(
                            "{} applied, but the nodes did not agree on the schema: {}",
                            change.change(),
                            error.getMessage());
                      }
                      return page;
                    });
    // the change is visible in the metadata when the request completes; a keyspace's replication
    // decides where its requests go: route the next one with it
    CompletableFuture<QueryPage> described =
        agreed.thenCompose(p -> refreshSchema.apply(change.change()).thenApply(v -> p));
    return change.change().target() == SchemaChange.Target.KEYSPACE
        ? described.thenCompose(p -> refreshTopology.get().thenApply(v -> p))
        : described;
  }
}
