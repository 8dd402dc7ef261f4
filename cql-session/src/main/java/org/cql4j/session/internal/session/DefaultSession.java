package org.cql4j.session.internal.session;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cql4j.protocol.ProtocolVersion;
import org.cql4j.protocol.value.Values;
import org.cql4j.session.ClusterState;
import org.cql4j.session.PagingState;
import org.cql4j.session.QueryPage;
import org.cql4j.session.QueryPager;
import org.cql4j.session.QueryResult;
import org.cql4j.session.Session;
import org.cql4j.session.TracingInfo;
import org.cql4j.session.errors.SessionClosedException;
import org.cql4j.session.internal.connection.Transport;
import org.cql4j.session.internal.context.SessionContext;
import org.cql4j.session.internal.paging.DefaultQueryPager;
import org.cql4j.session.internal.request.StatementRunner;
import org.cql4j.session.internal.topology.ContactPoints;
import org.cql4j.session.observability.Metrics;
import org.cql4j.session.profile.ExecutionProfileHandle;
import org.cql4j.session.statement.Batch;
import org.cql4j.session.statement.PreparedStatement;
import org.cql4j.session.statement.Statement;

/**
 * The driver's {@link Session}: owns the event loops, the cluster view and a small executor for
 * blocking work (DNS) and publishers, and hands statements to a {@link StatementRunner}.
 * Thread-safe.
 */
public final class DefaultSession implements Session {
  private final Transport transport;
  private final SessionContext context;
  private final StatementRunner runner;
  private final TracingReader tracing;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final CompletableFuture<Void> closeFuture = new CompletableFuture<>();

  private DefaultSession(
      SessionConfig config,
      Transport transport,
      ExecutorService executor,
      List<InetSocketAddress> contactPoints) {
    this.transport = transport;
    this.context = new SessionContext(config, transport, executor, contactPoints);
    this.runner = new StatementRunner(context);
    this.tracing = new TracingReader(s -> runner.queryUnpaged(s, Values.EMPTY), transport.group());
  }

  /**
   * Opens a session: resolves the contact points, starts the cluster, switches to the configured
   * keyspace.
   *
   * @param config the configuration
   * @return completes with the open session; on failure everything opened is released
   */
  public static CompletableFuture<DefaultSession> open(SessionConfig config) {
    int threads =
        config.ioThreads() > 0 ? config.ioThreads() : Runtime.getRuntime().availableProcessors();
    Transport transport = Transport.create(Transport.Kind.AUTO, threads);
    ExecutorService executor =
        Executors.newCachedThreadPool(new DefaultThreadFactory("cql4j-session", true));
    CompletableFuture<DefaultSession> opened = new CompletableFuture<>();
    CompletableFuture.supplyAsync(
            () -> ContactPoints.resolve(config.knownNodes(), SessionConfig.DEFAULT_PORT), executor)
        .whenComplete(
            (contactPoints, resolveError) -> {
              if (resolveError != null) {
                transport.shutdown();
                executor.shutdown();
                opened.completeExceptionally(BlockingCalls.unwrap(resolveError));
                return;
              }
              DefaultSession session =
                  new DefaultSession(config, transport, executor, contactPoints);
              session
                  .context
                  .start()
                  .thenCompose(
                      v ->
                          config.keyspace() == null
                              ? CompletableFuture.completedFuture(null)
                              : session.runner.useKeyspace(config.keyspace()))
                  .whenComplete(
                      (v, error) -> {
                        if (error == null) {
                          opened.complete(session);
                        } else {
                          session
                              .closeAsync()
                              .whenComplete(
                                  (c, e) ->
                                      opened.completeExceptionally(BlockingCalls.unwrap(error)));
                        }
                      });
            });
    return opened;
  }

  @Override
  public CompletableFuture<QueryResult> queryUnpagedAsync(Statement statement, Object values) {
    return closed.get() ? closedFuture() : runner.queryUnpaged(statement, values);
  }

  @Override
  public CompletableFuture<QueryPage> querySinglePageAsync(
      Statement statement, Object values, PagingState pagingState) {
    return closed.get() ? closedFuture() : runner.querySinglePage(statement, values, pagingState);
  }

  @Override
  public QueryPager queryIter(Statement statement, Object values) {
    checkOpen();
    return new DefaultQueryPager(runner.queryPages(statement, values), context.executor());
  }

  @Override
  public CompletableFuture<PreparedStatement> prepareAsync(Statement statement) {
    return closed.get() ? closedFuture() : runner.prepare(statement);
  }

  @Override
  public CompletableFuture<QueryResult> executeUnpagedAsync(
      PreparedStatement statement, Object values) {
    return closed.get() ? closedFuture() : runner.executeUnpaged(statement, values);
  }

  @Override
  public CompletableFuture<QueryPage> executeSinglePageAsync(
      PreparedStatement statement, Object values, PagingState pagingState) {
    return closed.get() ? closedFuture() : runner.executeSinglePage(statement, values, pagingState);
  }

  @Override
  public QueryPager executeIter(PreparedStatement statement, Object values) {
    checkOpen();
    return new DefaultQueryPager(runner.executePages(statement, values), context.executor());
  }

  @Override
  public CompletableFuture<QueryResult> batchAsync(Batch batch, List<?> values) {
    return closed.get() ? closedFuture() : runner.batch(batch, values);
  }

  @Override
  public CompletableFuture<Void> useKeyspaceAsync(String keyspace, boolean caseSensitive) {
    return closed.get()
        ? closedFuture()
        : runner.useKeyspace(KeyspaceNames.toCql(keyspace, caseSensitive));
  }

  @Override
  public Optional<String> getKeyspace() {
    return context.keyspace().name();
  }

  @Override
  public CompletableFuture<UUID> awaitSchemaAgreementAsync() {
    return closed.get() ? closedFuture() : context.schemaAgreement().await();
  }

  @Override
  public CompletableFuture<TracingInfo> getTracingInfoAsync(UUID tracingId) {
    return closed.get()
        ? closedFuture()
        : tracing.read(Objects.requireNonNull(tracingId, "tracingId"));
  }

  @Override
  public ClusterState getClusterState() {
    return context.metadata().state();
  }

  @Override
  public ProtocolVersion getProtocolVersion() {
    return context.connectionSettings().protocolVersion();
  }

  @Override
  public Metrics getMetrics() {
    return context.metrics();
  }

  @Override
  public ExecutionProfileHandle getDefaultExecutionProfileHandle() {
    return context.config().defaultProfile();
  }

  @Override
  public Optional<ExecutionProfileHandle> getExecutionProfileHandle(String name) {
    return Optional.ofNullable(context.config().namedProfiles().get(name));
  }

  @Override
  public boolean isClosed() {
    return closed.get();
  }

  @Override
  public CompletableFuture<Void> closeAsync() {
    if (closed.compareAndSet(false, true)) {
      context
          .close()
          .whenComplete(
              (v, e) -> {
                context.executor().shutdown();
                transport.shutdown().addListener(f -> closeFuture.complete(null));
              });
    }
    return closeFuture;
  }

  private void checkOpen() {
    if (closed.get()) {
      throw new SessionClosedException();
    }
  }

  // api.md: the async calls of a closed session fail their future rather than throw
  private static <T> CompletableFuture<T> closedFuture() {
    return CompletableFuture.failedFuture(new SessionClosedException());
  }

  @Override
  public String toString() {
    return "Session" + context.metadata().state().nodes() + (closed.get() ? " (closed)" : "");
  }
}
